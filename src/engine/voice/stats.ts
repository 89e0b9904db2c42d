/** Small statistics over selected entries of an array; every function returns 0 for an empty selection. */

export type Series = ArrayLike<number>;

export function mean(x: Series, idx: readonly number[]): number {
  if (idx.length === 0) return 0;
  let s = 0;
  for (const i of idx) s += x[i] ?? 0;
  return s / idx.length;
}

/** Population standard deviation. */
export function std(x: Series, idx: readonly number[]): number {
  if (idx.length < 2) return 0;
  const m = mean(x, idx);
  let s = 0;
  for (const i of idx) s += ((x[i] ?? 0) - m) ** 2;
  return Math.sqrt(s / idx.length);
}

/** Percentile `q` (0..1) with linear interpolation between order statistics. */
export function percentile(x: Series, idx: readonly number[], q: number): number {
  if (idx.length === 0) return 0;
  const v = idx.map((i) => x[i] ?? 0).sort((a, b) => a - b);
  const pos = q * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(v.length - 1, lo + 1);
  return (v[lo] ?? 0) + ((v[hi] ?? 0) - (v[lo] ?? 0)) * (pos - lo);
}

/** Least-squares slope of x[i] against time i·dt (units of x per second when dt is in seconds). */
export function slope(x: Series, idx: readonly number[], dt: number): number {
  if (idx.length < 2) return 0;
  let st = 0;
  let sv = 0;
  for (const i of idx) {
    st += i * dt;
    sv += x[i] ?? 0;
  }
  const mt = st / idx.length;
  const mv = sv / idx.length;
  let num = 0;
  let den = 0;
  for (const i of idx) {
    num += (i * dt - mt) * ((x[i] ?? 0) - mv);
    den += (i * dt - mt) ** 2;
  }
  return den > 0 ? num / den : 0;
}

/** Column `c` of a row-major matrix with `width` columns. */
export function column(matrix: Float32Array, width: number, c: number, rows: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = matrix[r * width + c] ?? 0;
  return out;
}

/** Regression delta over ±2 frames (the usual MFCC Δ), with edges repeated. */
export function delta(x: Series, length: number): Float32Array {
  const out = new Float32Array(length);
  const at = (i: number) => x[Math.max(0, Math.min(length - 1, i))] ?? 0;
  for (let i = 0; i < length; i++) out[i] = (at(i + 1) - at(i - 1) + 2 * (at(i + 2) - at(i - 2))) / 10;
  return out;
}
