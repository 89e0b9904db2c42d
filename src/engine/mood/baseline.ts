/**
 * Per-label log-odds offsets for face and voice evidence that the estimator can apply. The app keeps them at
 * zero: the personal model (src/shared/personal, engine/personal-service.ts) replaced the neutral-only
 * calibration and the correction steps that used to set them (migration 0004 moved what they had learnt).
 */
import { EMOTIONS, type Emotion, type EmotionProbs } from '../../shared/labels';
import type { BaselineInfo } from '../../shared/prompts';

export type Bias = Record<Emotion, number>;

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
