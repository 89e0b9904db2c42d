/**
 * One-vs-rest linear SVM with squared hinge loss and L2 regularisation, trained by dual coordinate descent
 * (Hsieh et al. 2008, the LIBLINEAR solver behind scikit-learn's LinearSVC). Deterministic: the only
 * randomness is a seeded shuffle of the visiting order.
 *
 * For class k, sample i has y = +1 when k is one of its labels, else −1, and cost Cᵢ = C × its class
 * weight. The bias is an extra feature of constant value 1, regularised like the rest (as in LIBLINEAR).
 */
import { mulberry32, shuffleInPlace } from '../../../src/engine/sim/prng';
export { mulberry32 } from '../../../src/engine/sim/prng';

/** Rows of hashed feature vectors, in compressed sparse row form. */
export interface Csr {
  readonly rows: number;
  readonly dimensions: number;
  /** Row r's entries are indptr[r] … indptr[r+1]−1. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface SvmOptions {
  /** Inverse regularisation strength C (> 0). */
  readonly c: number;
  /** Passes over the data at most. Default 50. */
  readonly maxPasses?: number;
  /** Stop when the projected gradient's spread falls below this. Default 0.1 (LIBLINEAR's default). */
  readonly tolerance?: number;
  /** Seed of the visiting-order shuffle. Default 1. */
  readonly seed?: number;
}

/**
 * Trains one binary problem. `y[i]` is +1 or −1, `cost[i]` the sample's C. Returns weights of length
 * dimensions + 1, the last being the bias, and the number of passes used.
 */
export function trainBinarySvm(
  x: Csr,
  y: Int8Array,
  cost: Float64Array,
  options: SvmOptions,
): { weights: Float64Array; passes: number } {
  const { indptr, indices, values, rows, dimensions } = x;
  const w = new Float64Array(dimensions + 1);
  const alpha = new Float64Array(rows);
  const diag = Float64Array.from(cost, (c) => 0.5 / c);
  const qd = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 1;
    for (let p = indptr[r] ?? 0; p < (indptr[r + 1] ?? 0); p++) s += (values[p] ?? 0) ** 2;
    qd[r] = s + (diag[r] ?? 0);
  }
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const random = mulberry32(options.seed ?? 1);
  const maxPasses = options.maxPasses ?? 50;
  const tolerance = options.tolerance ?? 0.1;
  let pass = 0;
  while (pass < maxPasses) {
    pass++;
    shuffleInPlace(order, random);
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const r of order) {
      const start = indptr[r] ?? 0;
      const end = indptr[r + 1] ?? 0;
      const yi = y[r] ?? 1;
      let dot = w[dimensions] ?? 0;
      for (let p = start; p < end; p++) dot += (w[indices[p] ?? 0] ?? 0) * (values[p] ?? 0);
      const a = alpha[r] ?? 0;
      const g = yi * dot - 1 + (diag[r] ?? 0) * a;
      const pg = a === 0 ? Math.min(g, 0) : g;
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const next = Math.max(a - g / (qd[r] ?? 1), 0);
      alpha[r] = next;
      const d = (next - a) * yi;
      for (let p = start; p < end; p++) {
        const j = indices[p] ?? 0;
        w[j] = (w[j] ?? 0) + d * (values[p] ?? 0);
      }
      w[dimensions] = (w[dimensions] ?? 0) + d;
    }
    if (maxPg - minPg <= tolerance) break;
  }
  return { weights: w, passes: pass };
}

/** Scores of every row under per-class weights (each of length dimensions + 1, bias last). */
export function scoreRows(x: Csr, classWeights: readonly Float64Array[] | readonly Float32Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (let r = 0; r < x.rows; r++) {
    const s = new Float64Array(classWeights.length);
    classWeights.forEach((w, k) => {
      let dot = w[x.dimensions] ?? 0;
      for (let p = x.indptr[r] ?? 0; p < (x.indptr[r + 1] ?? 0); p++) {
        dot += (w[x.indices[p] ?? 0] ?? 0) * (x.values[p] ?? 0);
      }
      s[k] = dot;
    });
    out.push(s);
  }
  return out;
}
