/** Classification figures over single-label rows; classes are indices 0…k−1. */
export interface Metrics {
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly recall: readonly number[];
  readonly precision: readonly number[];
  readonly f1: readonly number[];
  /** confusion[true][predicted] counts. */
  readonly confusion: readonly (readonly number[])[];
}

export function metrics(truth: readonly number[], predicted: readonly number[], classes: number): Metrics {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  truth.forEach((t, i) => {
    const row = confusion[t];
    const p = predicted[i] ?? 0;
    if (row) row[p] = (row[p] ?? 0) + 1;
  });
  let correct = 0;
  const recall: number[] = [];
  const precision: number[] = [];
  const f1: number[] = [];
  for (let k = 0; k < classes; k++) {
    const tp = confusion[k]?.[k] ?? 0;
    correct += tp;
    const actual = (confusion[k] ?? []).reduce((a, b) => a + b, 0);
    const called = confusion.reduce((a, row) => a + (row[k] ?? 0), 0);
    const r = actual > 0 ? tp / actual : 0;
    const p = called > 0 ? tp / called : 0;
    recall.push(r);
    precision.push(p);
    f1.push(r + p > 0 ? (2 * r * p) / (r + p) : 0);
  }
  return {
    n: truth.length,
    accuracy: truth.length > 0 ? correct / truth.length : 0,
    macroF1: f1.reduce((a, b) => a + b, 0) / classes,
    recall,
    precision,
    f1,
    confusion,
  };
}

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if ((v[i] ?? -Infinity) > (v[best] ?? -Infinity)) best = i;
  return best;
}
