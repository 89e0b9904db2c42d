/**
 * Ridge regression on hashed text features: minimises Σᵢ (yᵢ − b − xᵢ·w)² + λ‖w‖² by conjugate gradients on
 * the normal equations (XᵀX + λI) w = Xᵀ(y − ȳ), with the bias b = ȳ left unregularised. Deterministic (no
 * randomness at all); each iteration is two sparse products, so 8,000 sentences take well under a second.
 */
import type { Csr } from './svm';

export interface RidgeOptions {
  /** L2 strength λ (> 0). */
  readonly lambda: number;
  /** Iterations at most. Default 300. */
  readonly maxIterations?: number;
  /** Stop when the residual's norm falls below this share of the right-hand side's. Default 1e-6. */
  readonly tolerance?: number;
}

/** y ← X v (one entry per row). */
function multiply(x: Csr, v: Float64Array, out: Float64Array): void {
  for (let r = 0; r < x.rows; r++) {
    let s = 0;
    for (let p = x.indptr[r] ?? 0; p < (x.indptr[r + 1] ?? 0); p++)
      s += (v[x.indices[p] ?? 0] ?? 0) * (x.values[p] ?? 0);
    out[r] = s;
  }
}

/** out ← Xᵀ u (one entry per dimension). */
function multiplyT(x: Csr, u: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < x.rows; r++) {
    const ur = u[r] ?? 0;
    if (ur === 0) continue;
    for (let p = x.indptr[r] ?? 0; p < (x.indptr[r + 1] ?? 0); p++) {
      const j = x.indices[p] ?? 0;
      out[j] = (out[j] ?? 0) + ur * (x.values[p] ?? 0);
    }
  }
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};

/** Weights of length dimensions + 1 (bias last), like the classifier's. */
export function trainRidge(x: Csr, y: ArrayLike<number>, options: RidgeOptions): Float64Array {
  const n = x.rows;
  const d = x.dimensions;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] ?? 0;
  mean /= Math.max(1, n);
  const centred = Float64Array.from({ length: n }, (_, i) => (y[i] ?? 0) - mean);
  const w = new Float64Array(d);
  const r = new Float64Array(d);
  multiplyT(x, centred, r);
  const p = Float64Array.from(r);
  const xp = new Float64Array(n);
  const ap = new Float64Array(d);
  const rhsNorm = Math.sqrt(dot(r, r));
  let rr = dot(r, r);
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-6;
  for (let it = 0; it < maxIterations && Math.sqrt(rr) > tolerance * rhsNorm; it++) {
    multiply(x, p, xp);
    multiplyT(x, xp, ap);
    for (let j = 0; j < d; j++) ap[j] = (ap[j] ?? 0) + options.lambda * (p[j] ?? 0);
    const alpha = rr / dot(p, ap);
    for (let j = 0; j < d; j++) {
      w[j] = (w[j] ?? 0) + alpha * (p[j] ?? 0);
      r[j] = (r[j] ?? 0) - alpha * (ap[j] ?? 0);
    }
    const next = dot(r, r);
    const beta = next / rr;
    rr = next;
    for (let j = 0; j < d; j++) p[j] = (r[j] ?? 0) + beta * (p[j] ?? 0);
  }
  const out = new Float64Array(d + 1);
  out.set(w);
  out[d] = mean;
  return out;
}

/** Each row's prediction under weights of length dimensions + 1 (bias last). */
export function predictRows(x: Csr, weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let s = weights[x.dimensions] ?? 0;
    for (let p = x.indptr[r] ?? 0; p < (x.indptr[r + 1] ?? 0); p++) {
      s += (weights[x.indices[p] ?? 0] ?? 0) * (x.values[p] ?? 0);
    }
    out[r] = s;
  }
  return out;
}

/** The rows `rows` of `x`, in that order. */
export function selectRows(x: Csr, rows: readonly number[]): Csr {
  const nnz = rows.reduce((n, r) => n + (x.indptr[r + 1] ?? 0) - (x.indptr[r] ?? 0), 0);
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let p = 0;
  rows.forEach((r, i) => {
    const start = x.indptr[r] ?? 0;
    const end = x.indptr[r + 1] ?? 0;
    indices.set(x.indices.subarray(start, end), p);
    values.set(x.values.subarray(start, end), p);
    p += end - start;
    indptr[i + 1] = p;
  });
  return { rows: rows.length, dimensions: x.dimensions, indptr, indices, values };
}

/**
 * Dense least squares with a small ridge on every coefficient but the first (the intercept, whose feature
 * is the constant 1): solves (FᵀF + λn·I′) c = Fᵀy by Gaussian elimination with partial pivoting.
 */
export function leastSquares(features: readonly (readonly number[])[], y: ArrayLike<number>, lambda = 1e-3): number[] {
  const k = features[0]?.length ?? 0;
  const m = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  features.forEach((f, i) => {
    for (let a = 0; a < k; a++) {
      const row = m[a] ?? [];
      row[k] = (row[k] ?? 0) + (f[a] ?? 0) * (y[i] ?? 0);
      for (let c = 0; c < k; c++) row[c] = (row[c] ?? 0) + (f[a] ?? 0) * (f[c] ?? 0);
    }
  });
  for (let a = 1; a < k; a++) {
    const row = m[a] ?? [];
    row[a] = (row[a] ?? 0) + lambda * features.length;
  }
  for (let i = 0; i < k; i++) {
    let pivot = i;
    for (let j = i + 1; j < k; j++) if (Math.abs(m[j]?.[i] ?? 0) > Math.abs(m[pivot]?.[i] ?? 0)) pivot = j;
    [m[i], m[pivot]] = [m[pivot] ?? [], m[i] ?? []];
    const top = m[i] ?? [];
    for (let j = 0; j < k; j++) {
      const row = m[j] ?? [];
      if (j === i) continue;
      const f = (row[i] ?? 0) / (top[i] ?? 1);
      for (let c = i; c <= k; c++) row[c] = (row[c] ?? 0) - f * (top[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[k] ?? 0) / (row[i] ?? 1));
}
