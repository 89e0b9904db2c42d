/**
 * The personal model's view of one reading: the generic model's probabilities as centred log-probabilities
 * (log-ratios to their geometric mean). Seven numbers that say how the generic ensemble weighed the labels;
 * they cannot reconstruct or identify a face or a voice.
 */
import { EMOTIONS } from '../../shared/labels';
import type { EmotionProbs } from '../../shared/labels';

/** Probabilities below this are read as this (a 0 would give -Infinity; the generic models never say 0 honestly). */
export const PROB_FLOOR = 1e-4;

export const N_LABELS = EMOTIONS.length;

/** ln of each probability (floored), in EMOTIONS order, written into `out`. */
export function logProbs(probs: EmotionProbs, out: Float64Array = new Float64Array(N_LABELS)): Float64Array {
  for (let i = 0; i < N_LABELS; i++) {
    const p = probs[EMOTIONS[i] as (typeof EMOTIONS)[number]];
    out[i] = Math.log(Number.isFinite(p) && p > PROB_FLOOR ? p : PROB_FLOOR);
  }
  return out;
}

/** Centred log-probabilities of `logp` (each less their mean), written into `out`. */
export function centred(logp: Float64Array, out: Float64Array = new Float64Array(N_LABELS)): Float64Array {
  let mean = 0;
  for (let i = 0; i < N_LABELS; i++) mean += logp[i] ?? 0;
  mean /= N_LABELS;
  for (let i = 0; i < N_LABELS; i++) out[i] = (logp[i] ?? 0) - mean;
  return out;
}

/** Softmax of `z` in place; returns it. */
export function softmaxInPlace(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i] ?? -Infinity);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp((z[i] ?? 0) - max);
    z[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) z[i] = (z[i] ?? 0) / sum;
  return z;
}

/**
 * The centred log-probabilities of an idealised confident reading of label `k`: `confidence` on it, the rest
 * shared evenly. What a person's reading of `k` is assumed to look like before any of their examples are seen.
 */
export function populationPrototype(k: number, confidence: number): Float64Array {
  const logp = new Float64Array(N_LABELS);
  const rest = Math.log((1 - confidence) / (N_LABELS - 1));
  for (let i = 0; i < N_LABELS; i++) logp[i] = i === k ? Math.log(confidence) : rest;
  return centred(logp);
}
