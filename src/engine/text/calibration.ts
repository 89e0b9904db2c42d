/**
 * Temperature scaling (Guo et al. 2017): probabilities = softmax(scores / T), with the one parameter T
 * fitted on held-out data by minimising the negative log-likelihood. It leaves the ranking, hence the
 * predicted label, unchanged; it only makes the top probability mean what it says.
 */

/** softmax(scores / temperature), computed stably; `temperature` > 0. */
export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, (scores[i] ?? 0) / temperature);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i] ?? 0) / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** Mean negative log-likelihood of the true classes under softmax(scores / T). */
export function meanNll(scores: readonly ArrayLike<number>[], truth: readonly number[], temperature: number): number {
  let total = 0;
  scores.forEach((s, i) => {
    const p = softmax(s, temperature)[truth[i] ?? 0] ?? 0;
    total -= Math.log(Math.max(p, 1e-12));
  });
  return scores.length > 0 ? total / scores.length : 0;
}

/**
 * The temperature in [min, max] (default 0.01–100) that minimises {@link meanNll}, found by golden-section
 * search on log T (the NLL is unimodal in T for a fixed set of scores).
 */
export function fitTemperature(
  scores: readonly ArrayLike<number>[],
  truth: readonly number[],
  range: { min: number; max: number } = { min: 0.01, max: 100 },
): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(range.min);
  let hi = Math.log(range.max);
  const f = (logT: number): number => meanNll(scores, truth, Math.exp(logT));
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60 && hi - lo > 1e-4; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Expected calibration error with equal-width bins over the top probability (default 10 bins). */
export function expectedCalibrationError(
  probs: readonly ArrayLike<number>[],
  truth: readonly number[],
  bins = 10,
): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    let top = 0;
    for (let k = 1; k < p.length; k++) if ((p[k] ?? 0) > (p[top] ?? 0)) top = k;
    const c = p[top] ?? 0;
    const bin = Math.min(bins - 1, Math.floor(c * bins));
    count[bin] = (count[bin] ?? 0) + 1;
    conf[bin] = (conf[bin] ?? 0) + c;
    hits[bin] = (hits[bin] ?? 0) + (top === truth[i] ? 1 : 0);
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] ?? 0;
    if (n > 0) ece += (n / probs.length) * Math.abs((hits[b] ?? 0) / n - (conf[b] ?? 0) / n);
  }
  return ece;
}
