import type { Point, QualityFlag } from '../../shared/mood';
import { KEYPOINT } from './blazeface-decode';
import { luminance, type RgbaImage } from './image';

/**
 * Where each flag is raised. Each measure also gives a factor in [0, 1]: 0.5 exactly at its
 * threshold, 1 at its "good" value (given per field) and 0 as far past the threshold on the other
 * side. The frame's quality is the product of the factors, so one bad aspect is enough to sink it.
 */
export interface QualityThresholds {
  /** Face box side below which a face is 'too-small', source px. Default 40; good at 2× (80 px). */
  minFacePx: number;
  /** Mean crop luminance (0..255) below which it is 'too-dark'. Default 50; good at 2× (100). */
  darkBelow: number;
  /** Mean crop luminance (0..255) above which it is 'overexposed'. Default 210; good at 165 (255 − 2 × 45). */
  brightAbove: number;
  /**
   * Variance of the 4-neighbour Laplacian of the 64 × 64 aligned grey crop below which it is
   * 'blurred'; good at 2×. Default 60: the 22 sharp faces of face-api's sample photos measured
   * 182–1415, the same crops blurred with a Gaussian of σ = 1 crop px 18–120, σ = 1.5 6–37.
   * Contrast also lowers it, so a dim face can read as slightly blurred.
   */
  blurBelow: number;
  /**
   * Nose offset from the eye midpoint along the eye line, in eye distances, above which the face
   * is 'turned-away'; good at half of it. Default 0.4: frontal and three-quarter faces in the
   * sample photos measured 0.03–0.35, a near-profile face 0.83.
   */
  turnAbove: number;
}

export const DEFAULT_THRESHOLDS: QualityThresholds = {
  minFacePx: 40,
  darkBelow: 50,
  brightAbove: 210,
  blurBelow: 60,
  turnAbove: 0.4,
};

/** 0.5 at `threshold`, 1 at `good`, linear between and beyond, clamped to [0, 1]. */
export function ramp(value: number, threshold: number, good: number): number {
  return Math.min(1, Math.max(0, 0.5 + (0.5 * (value - threshold)) / (good - threshold)));
}

/** Grey levels (0..255) of an RGBA image, row-major. */
export function greyLevels(image: RgbaImage): Float32Array {
  const n = image.width * image.height;
  const out = new Float32Array(n);
  const d = image.data;
  for (let i = 0; i < n; i++) out[i] = luminance(d[i * 4] ?? 0, d[i * 4 + 1] ?? 0, d[i * 4 + 2] ?? 0);
  return out;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return values.length > 0 ? sum / values.length : 0;
}

/** Variance of the 4-neighbour Laplacian over interior pixels: a standard sharpness measure. */
export function laplacianVariance(grey: ArrayLike<number>, width: number, height: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const lap =
        (grey[i - 1] ?? 0) + (grey[i + 1] ?? 0) + (grey[i - width] ?? 0) + (grey[i + width] ?? 0) - 4 * (grey[i] ?? 0);
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  if (n === 0) return 0;
  const m = sum / n;
  return sumSq / n - m * m;
}

/**
 * How far the nose sits from the eye midpoint along the eye line, in eye distances (0 when frontal).
 * Yaw moves the nose tip sideways relative to the eyes; roll does not change this measure.
 */
export function turnRatio(keypoints: readonly Point[]): number {
  const re = keypoints[KEYPOINT.rightEye];
  const le = keypoints[KEYPOINT.leftEye];
  const nose = keypoints[KEYPOINT.nose];
  if (!re || !le || !nose) return 0;
  const ex = le.x - re.x;
  const ey = le.y - re.y;
  const dist = Math.hypot(ex, ey);
  if (dist === 0) return Infinity;
  const mx = (re.x + le.x) / 2;
  const my = (re.y + le.y) / 2;
  return Math.abs(((nose.x - mx) * ex + (nose.y - my) * ey) / dist) / dist;
}

export interface QualityInput {
  /** Face box side, source px. */
  faceSide: number;
  /** Grey levels of the aligned crop, 0..255. */
  grey: ArrayLike<number>;
  /** Side of that (square) crop, px. */
  greySide: number;
  /** Detector key points, source px; omit when the face was not detected (pose unknown). */
  keypoints?: readonly Point[];
}

export interface QualityResult {
  /** [0, 1]: product of the per-measure factors. */
  quality: number;
  flags: QualityFlag[];
  measures: { faceSide: number; meanLuminance: number; sharpness: number; turn: number };
}

export function assessQuality(input: QualityInput, t: QualityThresholds = DEFAULT_THRESHOLDS): QualityResult {
  const meanLuminance = mean(input.grey);
  const sharpness = laplacianVariance(input.grey, input.greySide, input.greySide);
  const turn = input.keypoints ? turnRatio(input.keypoints) : 0;
  const flags: QualityFlag[] = [];
  if (input.faceSide < t.minFacePx) flags.push('too-small');
  if (meanLuminance < t.darkBelow) flags.push('too-dark');
  if (meanLuminance > t.brightAbove) flags.push('overexposed');
  if (sharpness < t.blurBelow) flags.push('blurred');
  if (turn > t.turnAbove) flags.push('turned-away');
  const factors = [
    ramp(input.faceSide, t.minFacePx, 2 * t.minFacePx),
    ramp(meanLuminance, t.darkBelow, 2 * t.darkBelow),
    ramp(meanLuminance, t.brightAbove, 255 - 2 * (255 - t.brightAbove)),
    ramp(sharpness, t.blurBelow, 2 * t.blurBelow),
    ramp(turn, t.turnAbove, t.turnAbove / 2),
  ];
  const quality = factors.reduce((q, f) => q * f, 1);
  return { quality, flags, measures: { faceSide: input.faceSide, meanLuminance, sharpness, turn } };
}
