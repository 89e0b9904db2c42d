/** Figures of a continuous prediction (valence, arousal) against ratings. */
export interface RegressionFigures {
  /** Pearson's correlation; 0 when either series is constant or there are no items. */
  r: number;
  /** Mean absolute error, in the ratings' own units. */
  mae: number;
  n: number;
}

/** Pearson's correlation of two equally long series; 0 when either is constant or they are empty. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] ?? 0;
    mb += b[i] ?? 0;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] ?? 0) - ma;
    const db = (b[i] ?? 0) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** r, mean absolute error and count of predictions against ratings (pairs in the same order). */
export function regressionFigures(predicted: readonly number[], truth: readonly number[]): RegressionFigures {
  const n = Math.min(predicted.length, truth.length);
  let abs = 0;
  for (let i = 0; i < n; i++) abs += Math.abs((predicted[i] ?? 0) - (truth[i] ?? 0));
  return { r: pearson(predicted, truth), mae: n > 0 ? abs / n : 0, n };
}
