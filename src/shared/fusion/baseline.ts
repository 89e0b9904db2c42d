/**
 * The personal baseline: per-label log-odds offsets for face and voice evidence. A resting face that the
 * model reads as sad or stern is a known cause of false sadness and anger; calibration on a relaxed face
 * pulls its mean reading toward neutral, and corrections ("I feel X") move the bias step by step.
 */
import { EMOTIONS, type Emotion, type EmotionProbs } from '../labels';
import type { Modality } from '../mood';
import type { BaselineInfo } from '../prompts';

export type Bias = Record<Emotion, number>;

export interface BaselineTuning {
  /**
   * What a relaxed face or voice "should" read as: probability of neutral, the rest spread evenly over the
   * other labels (default 0.6: typical of expression models on neutral faces, not a one-hot target, so
   * the bias never claims the person can show no other mood).
   */
  restingNeutral: number;
  /**
   * Fraction of the log-distance from the measured resting mean to the target that calibration removes
   * (default 0.5). A full pull would also erase a real sad reading on a face that rests sad-looking;
   * half keeps it: e.g. a resting read of sad 0.40 becomes about 0.18, while a real sad 0.80 still wins.
   */
  calibrationStrength: number;
  /** One correction moves a label's offset by at most this much, nats (default 0.5 ≈ ×1.65 odds). */
  correctionStep: number;
  /** No offset grows beyond ± this, nats (default 2 ≈ ×7.4 odds): the baseline tilts, it never decides. */
  maxAbsBias: number;
}

export const DEFAULT_BASELINE_TUNING: BaselineTuning = {
  restingNeutral: 0.6,
  calibrationStrength: 0.5,
  correctionStep: 0.5,
  maxAbsBias: 2,
};

/** Probabilities are floored here before taking logs, so a zero never gives an infinite offset. */
const FLOOR = 1e-3;

export const zeroBias = (): Bias => Object.fromEntries(EMOTIONS.map((l) => [l, 0])) as Bias;

export const emptyBaseline = (): BaselineInfo => ({
  calibratedAt: null,
  corrections: 0,
  faceBias: zeroBias(),
  voiceBias: zeroBias(),
});

export function cloneBaseline(b: BaselineInfo): BaselineInfo {
  return { ...b, faceBias: { ...b.faceBias }, voiceBias: { ...b.voiceBias } };
}

/**
 * p_k · e^(b_k), renormalised. Offsets only tilt; an all-zero bias (no calibration, no correction yet)
 * returns `probs` itself, unrenormalised, as this runs for every frame.
 */
export function applyBias(probs: EmotionProbs, bias: Bias): EmotionProbs {
  if (EMOTIONS.every((l) => bias[l] === 0)) return probs;
  const out = { ...probs };
  let sum = 0;
  for (const label of EMOTIONS) {
    const b = bias[label];
    const v = b === 0 ? probs[label] : probs[label] * Math.exp(b);
    out[label] = v;
    sum += v;
  }
  if (!(sum > 0) || !Number.isFinite(sum)) return { ...probs };
  for (const label of EMOTIONS) out[label] /= sum;
  return out;
}

const clampBias = (v: number, max: number): number => Math.min(max, Math.max(-max, v));

/** Subtracts the mean offset: log-odds offsets mean the same up to a constant, so keep them centred. */
function centred(bias: Bias): Bias {
  const mean = EMOTIONS.reduce((s, l) => s + bias[l], 0) / EMOTIONS.length;
  return Object.fromEntries(EMOTIONS.map((l) => [l, bias[l] - mean])) as Bias;
}

/** Mean of the given probability vectors, or null when there are none. */
export function meanProbs(samples: readonly EmotionProbs[]): EmotionProbs | null {
  if (samples.length === 0) return null;
  const out = Object.fromEntries(EMOTIONS.map((l) => [l, 0])) as EmotionProbs;
  for (const p of samples) for (const l of EMOTIONS) out[l] += p[l] / samples.length;
  return out;
}

/** The bias that pulls a relaxed reading (`restingMean`) part of the way toward the resting target. */
export function calibrationBias(restingMean: EmotionProbs, tuning: BaselineTuning = DEFAULT_BASELINE_TUNING): Bias {
  const rest = (1 - tuning.restingNeutral) / (EMOTIONS.length - 1);
  const raw = {} as Bias;
  for (const l of EMOTIONS) {
    const target = l === 'neutral' ? tuning.restingNeutral : rest;
    raw[l] = tuning.calibrationStrength * (Math.log(target) - Math.log(Math.max(FLOOR, restingMean[l])));
  }
  const c = centred(raw);
  for (const l of EMOTIONS) c[l] = clampBias(c[l], tuning.maxAbsBias);
  return c;
}

/**
 * "I feel `felt`" while the app showed `shown`: raises `felt` and lowers `shown` in each modality that
 * carried the estimate, in proportion to its share (text has no bias, so its part of the step is dropped).
 */
export function correctBaseline(
  baseline: BaselineInfo,
  shown: Emotion | 'unknown',
  felt: Emotion,
  shares: Record<Modality, number>,
  tuning: BaselineTuning = DEFAULT_BASELINE_TUNING,
): BaselineInfo {
  const next = cloneBaseline(baseline);
  next.corrections += 1;
  if (shown === felt) return next;
  const step = (bias: Bias, share: number): void => {
    const s = tuning.correctionStep * Math.min(1, Math.max(0, share));
    if (s === 0) return;
    bias[felt] = clampBias(bias[felt] + s, tuning.maxAbsBias);
    if (shown !== 'unknown') bias[shown] = clampBias(bias[shown] - s, tuning.maxAbsBias);
  };
  step(next.faceBias, shares.face);
  step(next.voiceBias, shares.voice);
  return next;
}

/** "This is wrong" about a prompt's `reason`, with no felt mood given: lower that label only. */
export function disputeBaseline(
  baseline: BaselineInfo,
  reason: Emotion,
  shares: Record<Modality, number>,
  tuning: BaselineTuning = DEFAULT_BASELINE_TUNING,
): BaselineInfo {
  const next = cloneBaseline(baseline);
  next.corrections += 1;
  next.faceBias[reason] = clampBias(next.faceBias[reason] - tuning.correctionStep * shares.face, tuning.maxAbsBias);
  next.voiceBias[reason] = clampBias(next.voiceBias[reason] - tuning.correctionStep * shares.voice, tuning.maxAbsBias);
  return next;
}
