/** CPU time of this process so far (user + system), ms: other load on the machine inflates it less than wall time. */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export interface Summary {
  median: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

/** Median and nearest-rank p95 of a sample (NaN-free input assumed; empty gives zeros). */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { median: 0, p95: 0, min: 0, max: 0, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? (sorted[Math.floor(mid)] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const r = (n: number): number => Math.round(n * 1000) / 1000;
  return { median: r(median), p95: r(at(0.95)), min: r(sorted[0] ?? 0), max: r(sorted.at(-1) ?? 0), n: sorted.length };
}
