import type { Point } from '../../shared/mood';
import type { Anchor } from './blazeface-anchors';

/** Indices into {@link Detection.keypoints}. "Right" is the subject's right (image left when not mirrored). */
export const KEYPOINT = { rightEye: 0, leftEye: 1, nose: 2, mouth: 3, rightEar: 4, leftEar: 5 } as const;

/** A face found by the detector. Coordinates are in whatever space the caller mapped them to. */
export interface Detection {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** Sigmoid of the detector logit, 0..1. */
  score: number;
  /** Six points, ordered as {@link KEYPOINT}. */
  keypoints: Point[];
}

export interface DecodeOptions {
  /** Model input side, px. Default 128. */
  inputSize?: number;
  /** Minimum sigmoid score kept, 0..1. Default 0.5 (MediaPipe's min_score_thresh). */
  minScore?: number;
  /** Values per anchor in the regressor: 4 box + 2 × keypoints. Default 16. */
  valuesPerAnchor?: number;
}

/** Logistic function; logits are clipped to ±`clip` first, as MediaPipe's score_clipping_thresh does. */
export function sigmoid(logit: number, clip = 100): number {
  const z = Math.min(Math.max(logit, -clip), clip);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Turns raw outputs into detections in model px. `scores[i]` is anchor i's logit; `regressors`
 * holds, per anchor, box centre x, y, width, height, then keypoint x, y pairs, all in input px
 * and, for the centres, relative to the anchor centre (MediaPipe's reverse_output_order: x before y).
 */
export function decodeDetections(
  scores: ArrayLike<number>,
  regressors: ArrayLike<number>,
  anchors: readonly Anchor[],
  options: DecodeOptions = {},
): Detection[] {
  const size = options.inputSize ?? 128;
  const minScore = options.minScore ?? 0.5;
  const stride = options.valuesPerAnchor ?? 16;
  if (scores.length !== anchors.length || regressors.length !== anchors.length * stride) {
    throw new RangeError(
      `expected ${anchors.length} scores and ${anchors.length * stride} regressors, got ${scores.length} and ${regressors.length}`,
    );
  }
  const out: Detection[] = [];
  anchors.forEach((anchor, i) => {
    const score = sigmoid(scores[i] ?? -Infinity);
    if (score < minScore) return;
    const r = (k: number): number => regressors[i * stride + k] ?? 0;
    const ax = anchor.x * size;
    const ay = anchor.y * size;
    const cx = r(0) + ax;
    const cy = r(1) + ay;
    const w = r(2);
    const h = r(3);
    if (!(w > 0 && h > 0)) return; // a degenerate box (rare, from noise) has no face to crop
    const keypoints: Point[] = [];
    for (let k = 4; k + 1 < stride; k += 2) keypoints.push({ x: r(k) + ax, y: r(k + 1) + ay });
    out.push({ xMin: cx - w / 2, yMin: cy - h / 2, xMax: cx + w / 2, yMax: cy + h / 2, score, keypoints });
  });
  return out;
}

/** Intersection over union of two boxes; 0 when either is empty. */
export function iou(a: Detection, b: Detection): number {
  const iw = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
  const ih = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = (a.xMax - a.xMin) * (a.yMax - a.yMin) + (b.xMax - b.xMin) * (b.yMax - b.yMin) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * MediaPipe's "weighted" non-maximum suppression: take the best remaining detection, gather every
 * remaining one overlapping it by more than `iouThreshold` (itself included), and replace the
 * group with their score-weighted mean box and keypoints, keeping the best score. BlazeFace fires
 * on several neighbouring anchors per face; blending them steadies the box from frame to frame.
 */
export function weightedNms(detections: readonly Detection[], iouThreshold = 0.3): Detection[] {
  let remaining = [...detections].sort((a, b) => b.score - a.score);
  const out: Detection[] = [];
  while (remaining.length > 0) {
    const best = remaining[0];
    if (!best) break;
    const group: Detection[] = [];
    const rest: Detection[] = [];
    for (const d of remaining) (iou(d, best) > iouThreshold || d === best ? group : rest).push(d);
    let total = 0;
    const sum = { xMin: 0, yMin: 0, xMax: 0, yMax: 0 };
    const points = best.keypoints.map(() => ({ x: 0, y: 0 }));
    for (const d of group) {
      total += d.score;
      sum.xMin += d.score * d.xMin;
      sum.yMin += d.score * d.yMin;
      sum.xMax += d.score * d.xMax;
      sum.yMax += d.score * d.yMax;
      d.keypoints.forEach((p, k) => {
        const acc = points[k];
        if (acc) {
          acc.x += d.score * p.x;
          acc.y += d.score * p.y;
        }
      });
    }
    out.push({
      xMin: sum.xMin / total,
      yMin: sum.yMin / total,
      xMax: sum.xMax / total,
      yMax: sum.yMax / total,
      score: best.score,
      keypoints: points.map((p) => ({ x: p.x / total, y: p.y / total })),
    });
    remaining = rest;
  }
  return out;
}
