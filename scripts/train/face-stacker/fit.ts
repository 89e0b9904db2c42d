/**
 * Multinomial logistic regression for the expression stacking layer, fitted by full-batch Adam on the
 * mean cross-entropy (optionally class-weighted) plus an L2 penalty on the weights (never the biases).
 * Two forms: 'full' (7 × 7·M weights + 7 biases) and 'scalar' (one weight per model on its own log-
 * probability of the class, + 7 biases: a temperature per model and a prior shift per class).
 */
import { EMOTIONS } from '../../../src/shared/labels';
import { softmax } from '../../../src/engine/vision/expression';

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
  /**
   * Weight of each row in the loss (e.g. 1/size of its domain, so that each domain counts the same).
   * Default: all equal.
   */
  sampleWeights?: readonly number[];
  /** Fit the per-class biases (default true); false keeps them at 0, a weighted geometric mean. */
  fitBias?: boolean;
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

/** The scalar form's distribution straight from its parameters (M weights, then K biases): M·K terms, not K·M·K. */
function scalarRow(theta: Float64Array, models: number, x: readonly number[]): number[] {
  const z = new Array<number>(K);
  for (let c = 0; c < K; c++) {
    let v = theta[models + c] ?? 0;
    for (let m = 0; m < models; m++) v += (theta[m] ?? 0) * (x[m * K + c] ?? 0);
    z[c] = v;
  }
  return softmax(z);
}

/** The full form's distribution straight from its parameters (K·D weights, then K biases), without copying them. */
function fullRow(theta: Float64Array, D: number, x: readonly number[]): number[] {
  const nw = K * D;
  const z = new Array<number>(K);
  for (let c = 0; c < K; c++) {
    let v = theta[nw + c] ?? 0;
    for (let j = 0; j < D; j++) v += (theta[c * D + j] ?? 0) * (x[j] ?? 0);
    z[c] = v;
  }
  return softmax(z);
}

export function fitStacker(rows: readonly number[][], labels: readonly number[], o: FitOptions): Fitted {
  const D = K * o.models;
  const cw = classWeights(labels, o.balance);
  const sw = o.sampleWeights ?? rows.map(() => 1);
  const swTotal = sw.reduce((a, b) => a + b, 0);
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
    const grad = new Float64Array(theta.length);
    rows.forEach((x, i) => {
      const y = labels[i] ?? 0;
      const p = o.form === 'scalar' ? scalarRow(theta, nw, x) : fullRow(theta, D, x);
      const w = ((cw[y] ?? 1) * (sw[i] ?? 1)) / swTotal;
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
    if (o.fitBias === false) grad.fill(0, nw);
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
