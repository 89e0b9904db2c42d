/**
 * A person's class offsets: how much more (or less) often than the generic model thinks they mean each label.
 * z_k = ln p_k + b_k, with b fitted on the person's labelled readings by maximum likelihood under an L2 prior
 * pulling it to 0 (the generic model), and only for labels the person has examples of (the others stay 0).
 *
 * This is what carries over to a voice the generic model reads through a corpus shift (a quieter microphone, a
 * lower voice, a room): its readings lean one way for every utterance, e.g. sad read as neutral, and a per-person
 * offset of one or two nats puts them back. A few examples can only tilt the offsets, by the prior's weight.
 * resources/models/PERSONAL-MODEL.md ("Voice: class offsets") has the study behind it.
 */
import { N_LABELS } from './features';

/** The most Newton steps per fit; the objective is convex and smooth, and a fit stops once no offset moves. */
const MAX_STEPS = 30;
/** A step smaller than this (nats) on every offset ends the fit. */
const TOLERANCE = 1e-9;
/** The most one step moves an offset (nats): keeps the first steps from a flat start from overshooting. */
const MAX_MOVE = 2;

/**
 * The offsets minimising Σ w_n · CE(softmax(logp_n + b), label_n) + l2/2 · |b|², over the labels that have
 * examples of weight > 0 (the others are held at 0); a weight of 0 leaves an example out (leave-one-out, or a
 * whole group out). `start` is where the search begins (e.g. the fit on every example, which a leave-one-out fit is close to). Newton steps on the
 * taught labels' 7×7 (at most) Hessian; deterministic. Returns 7 numbers in EMOTIONS order.
 */
export function fitClassBias(
  logp: readonly Float64Array[],
  label: readonly number[],
  weight: readonly number[],
  l2: number,
  start?: Float64Array,
): Float64Array {
  const b = new Float64Array(N_LABELS);
  const taught: number[] = [];
  for (let n = 0; n < logp.length; n++) {
    if ((weight[n] ?? 0) > 0 && !taught.includes(label[n] ?? 0)) taught.push(label[n] ?? 0);
  }
  for (const k of taught) b[k] = start?.[k] ?? 0;
  const m = taught.length;
  const p = new Float64Array(N_LABELS);
  const grad = new Float64Array(m);
  const hess = new Float64Array(m * m);
  for (let step = 0; step < MAX_STEPS && m > 0; step++) {
    grad.fill(0);
    hess.fill(0);
    for (let n = 0; n < logp.length; n++) {
      const w = weight[n] ?? 0;
      if (w === 0) continue;
      const lp = logp[n] as Float64Array;
      let max = -Infinity;
      for (let k = 0; k < N_LABELS; k++) max = Math.max(max, (lp[k] ?? 0) + (b[k] ?? 0));
      let sum = 0;
      for (let k = 0; k < N_LABELS; k++) {
        const e = Math.exp((lp[k] ?? 0) + (b[k] ?? 0) - max);
        p[k] = e;
        sum += e;
      }
      for (let k = 0; k < N_LABELS; k++) p[k] = (p[k] ?? 0) / sum;
      for (let i = 0; i < m; i++) {
        const ki = taught[i] ?? 0;
        const pi = p[ki] ?? 0;
        grad[i] = (grad[i] ?? 0) + w * (pi - (ki === label[n] ? 1 : 0));
        for (let j = 0; j < m; j++) {
          const pj = p[taught[j] ?? 0] ?? 0;
          hess[i * m + j] = (hess[i * m + j] ?? 0) + w * ((i === j ? pi : 0) - pi * pj);
        }
      }
    }
    for (let i = 0; i < m; i++) {
      grad[i] = (grad[i] ?? 0) + l2 * (b[taught[i] ?? 0] ?? 0);
      hess[i * m + i] = (hess[i * m + i] ?? 0) + l2;
    }
    const delta = solveSymmetric(hess, grad, m);
    let moved = 0;
    for (let i = 0; i < m; i++) moved = Math.max(moved, Math.abs(delta[i] ?? 0));
    const scale = moved > MAX_MOVE ? MAX_MOVE / moved : 1;
    taught.forEach((k, i) => (b[k] = (b[k] ?? 0) - scale * (delta[i] ?? 0)));
    if (moved < TOLERANCE) break;
  }
  return b;
}

/** Solves A x = y for a symmetric positive definite m×m A (row-major) by Cholesky; A and y are left as they were. */
function solveSymmetric(a: Float64Array, y: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (l[i * m + k] ?? 0) * (l[j * m + k] ?? 0);
      l[i * m + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (l[j * m + j] ?? 1);
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = y[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (l[i * m + k] ?? 0) * (z[k] ?? 0);
    z[i] = s / (l[i * m + i] ?? 1);
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i] ?? 0;
    for (let k = i + 1; k < m; k++) s -= (l[k * m + i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (l[i * m + i] ?? 1);
  }
  return x;
}
