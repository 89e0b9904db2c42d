/**
 * Turns whatever audio arrives (a decoded file, a capture buffer) into clean 16 kHz mono for the voice pipeline:
 * non-finite samples become 0, the DC offset is removed, clipping is measured, and the rate is converted with
 * the band-limited resampler. Nothing here throws on odd audio; it reports what it found instead.
 */
import { AttuneError } from '../../shared/envelope';
import { resample } from './resample';

export const PIPELINE_RATE = 16_000;

/** A sample at or beyond this magnitude (of full scale 1) counts as clipped. */
export const CLIP_LEVEL = 0.999;

/** Fraction of clipped samples above which audio is flagged as clipped (0.1 %). */
export const CLIPPED_FRACTION = 0.001;

export interface AudioReport {
  /** Samples that were NaN or ±Infinity, replaced by 0. */
  nonFinite: number;
  /** Mean removed, in full-scale units. */
  dcOffset: number;
  /** Fraction of samples at or beyond {@link CLIP_LEVEL}, 0..1. */
  clippedFraction: number;
  clipped: boolean;
  /** Rate the audio arrived at, Hz. */
  sourceRate: number;
}

export interface PreparedAudio {
  /** 16 kHz mono, DC-free, all finite. */
  pcm: Float32Array;
  report: AudioReport;
}

/** Cleans `samples` (mono, at `sampleRate` Hz) and converts them to {@link PIPELINE_RATE}. */
export function prepareAudio(samples: Float32Array, sampleRate: number): PreparedAudio {
  if (!Number.isFinite(sampleRate) || sampleRate < 1000 || sampleRate > 384_000) {
    throw new AttuneError('bad-input', `sample rate ${sampleRate} Hz is out of range (1–384 kHz)`);
  }
  const clean = new Float32Array(samples.length);
  let nonFinite = 0;
  let clippedCount = 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    let v = samples[i] ?? 0;
    if (!Number.isFinite(v)) {
      v = 0;
      nonFinite++;
    }
    if (Math.abs(v) >= CLIP_LEVEL) clippedCount++;
    clean[i] = v;
    sum += v;
  }
  const dcOffset = samples.length > 0 ? sum / samples.length : 0;
  for (let i = 0; i < clean.length; i++) clean[i] = (clean[i] ?? 0) - dcOffset;
  const clippedFraction = samples.length > 0 ? clippedCount / samples.length : 0;
  return {
    pcm: resample(clean, sampleRate, PIPELINE_RATE),
    report: {
      nonFinite,
      dcOffset,
      clippedFraction,
      clipped: clippedFraction > CLIPPED_FRACTION,
      sourceRate: sampleRate,
    },
  };
}

/**
 * Streaming cleaner for live 16 kHz chunks: non-finite samples become 0 and a one-pole DC blocker
 * (y[n] = x[n] − x[n−1] + R·y[n−1], R = 0.995, corner ≈ 13 Hz) removes offset without seeing the whole stream.
 * Keeps its filter state between calls.
 */
export class StreamConditioner {
  private prevIn = 0;
  private prevOut = 0;

  process(chunk: Float32Array): Float32Array {
    const out = new Float32Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      let x = chunk[i] ?? 0;
      if (!Number.isFinite(x)) x = 0;
      const y = x - this.prevIn + 0.995 * this.prevOut;
      this.prevIn = x;
      this.prevOut = y;
      out[i] = y;
    }
    return out;
  }

  reset(): void {
    this.prevIn = 0;
    this.prevOut = 0;
  }
}
