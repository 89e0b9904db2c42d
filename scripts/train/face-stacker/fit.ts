/**
 * Multinomial logistic regression for the expression stacking layer, fitted by full-batch Adam on the
 * mean cross-entropy (optionally class-weighted) plus an L2 penalty on the weights (never the biases).
 * Two forms: 'full' (7 × 7·M weights + 7 biases) and 'scalar' (one weight per model on its own log-
 * probability of the class, + 7 biases: a temperature per model and a prior shift per class).
 */
import { EMOTIONS } from '../../../src/shared/labels';
import { stackRow } from '../../../src/engine/vision/expression-stacker';

const K = EMOTIONS.length;

export interface FitOptions {
  form: 'full' | 'scalar';
  /** Number of models M (rows have 7·M features). */
  models: number;
  /** L2 penalty on the weights. */
  l2: number;
  /** Class weight ∝ (class frequency)^−balance; 0 = plain cross-entropy. */
  balance: number;
  /** Adam steps. */
  steps: number;
  /** Initial per-model weights (the scalar form's starting point; the full form starts from its diagonal). */
  init: number[];
}

export interface Fitted {
  weights: number[][];
  bias: number[];
}

export function classWeights(labels: readonly number[], balance: number): number[] {
  const counts = new Array<number>(K).fill(0);
  for (const y of labels) counts[y] = (counts[y] ?? 0) + 1;
  const raw = counts.map((c) => (c > 0 ? (c / labels.length) ** -balance : 0));
  const mean = labels.reduce((a, y) => a + (raw[y] ?? 0), 0) / labels.length;
  return raw.map((w) => w / mean);
}

/** Expands the scalar form's parameters into the full matrix. */
export function scalarToFull(a: readonly number[]): number[][] {
  return EMOTIONS.map((_, c) => a.flatMap((am) => EMOTIONS.map((__, k) => (k === c ? am : 0))));
}

export function fitStacker(rows: readonly number[][], labels: readonly number[], o: FitOptions): Fitted {
  const D = K * o.models;
  const cw = classWeights(labels, o.balance);
  // Parameters: the full form has K·D weights, the scalar form M; then K biases.
  const nw = o.form === 'full' ? K * D : o.models;
  const theta = new Float64Array(nw + K);
  if (o.form === 'full') {
    for (let c = 0; c < K; c++) for (let m = 0; m < o.models; m++) theta[c * D + m * K + c] = o.init[m] ?? 0;
  } else {
    for (let m = 0; m < o.models; m++) theta[m] = o.init[m] ?? 0;
  }
  const unpack = (): Fitted => {
    const bias = Array.from(theta.subarray(nw));
    if (o.form === 'scalar') return { weights: scalarToFull(Array.from(theta.subarray(0, nw))), bias };
    return { weights: EMOTIONS.map((_, c) => Array.from(theta.subarray(c * D, (c + 1) * D))), bias };
  };
  const m1 = new Float64Array(theta.length);
  const m2 = new Float64Array(theta.length);
  const lr = 0.02;
  for (let step = 1; step <= o.steps; step++) {
    const f = unpack();
    const grad = new Float64Array(theta.length);
    rows.forEach((x, i) => {
      const y = labels[i] ?? 0;
      const p = stackRow(f, x);
      const w = (cw[y] ?? 1) / rows.length;
      for (let c = 0; c < K; c++) {
        const g = ((p[c] ?? 0) - (c === y ? 1 : 0)) * w;
        grad[nw + c] = (grad[nw + c] ?? 0) + g;
        if (o.form === 'full') {
          for (let j = 0; j < D; j++) grad[c * D + j] = (grad[c * D + j] ?? 0) + g * (x[j] ?? 0);
        } else {
          for (let m = 0; m < o.models; m++) grad[m] = (grad[m] ?? 0) + g * (x[m * K + c] ?? 0);
        }
      }
    });
    for (let j = 0; j < nw; j++) grad[j] = (grad[j] ?? 0) + o.l2 * (theta[j] ?? 0);
    for (let j = 0; j < theta.length; j++) {
      const g = grad[j] ?? 0;
      m1[j] = 0.9 * (m1[j] ?? 0) + 0.1 * g;
      m2[j] = 0.999 * (m2[j] ?? 0) + 0.001 * g * g;
      const mh = (m1[j] ?? 0) / (1 - 0.9 ** step);
      const vh = (m2[j] ?? 0) / (1 - 0.999 ** step);
      theta[j] = (theta[j] ?? 0) - (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return unpack();
}
