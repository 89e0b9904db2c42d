/**
 * Combining the logistic model and the CNN: a weighted geometric mean of their probabilities, renormalised
 * (a weighted mean of log-probabilities, then softmax). A confident "no" from either model pulls a label
 * down, which suits two models that err differently. Pure.
 */

/** Probabilities under this are raised to it before the log, so one model's zero cannot veto a label. */
const FLOOR = 1e-9;

/**
 * softmax((1 − w)·log p_a + w·log p_b). `w` in [0, 1] (clamped): 0 returns `a` (renormalised), 1 returns `b`.
 * Arrays must have equal length.
 */
export function blendProbs(a: ArrayLike<number>, b: ArrayLike<number>, w: number): Float64Array {
  if (a.length !== b.length) throw new RangeError(`blendProbs: lengths ${a.length} and ${b.length} differ`);
  const weight = Number.isFinite(w) ? Math.max(0, Math.min(1, w)) : 0;
  const z = new Float64Array(a.length);
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const la = Math.log(Math.max(FLOOR, a[i] ?? 0));
    const lb = Math.log(Math.max(FLOOR, b[i] ?? 0));
    z[i] = (1 - weight) * la + weight * lb;
    if ((z[i] ?? 0) > max) max = z[i] ?? 0;
  }
  let total = 0;
  for (let i = 0; i < z.length; i++) total += z[i] = Math.exp((z[i] ?? 0) - max);
  for (let i = 0; i < z.length; i++) z[i] = (z[i] ?? 0) / total;
  return z;
}
