import { describe, expect, it } from 'vitest';
import { argmax, metrics } from './metrics';
import { mulberry32, scoreRows, trainBinarySvm, type Csr } from './svm';

/** Rows of a dense matrix as CSR, zeros left out. */
function csr(rows: number[][]): Csr {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => {
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    });
    indptr.push(indices.length);
  }
  return {
    rows: rows.length,
    dimensions: rows[0]?.length ?? 0,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
}

describe('trainBinarySvm', () => {
  it('separates a separable problem and is deterministic', () => {
    const x = csr([
      [1, 0],
      [0.9, 0.1],
      [0, 1],
      [0.1, 0.9],
    ]);
    const y = Int8Array.from([1, 1, -1, -1]);
    const cost = new Float64Array(4).fill(10);
    const a = trainBinarySvm(x, y, cost, { c: 10 });
    const b = trainBinarySvm(x, y, cost, { c: 10 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const scores = scoreRows(x, [a.weights]).map((s) => s[0] ?? 0);
    scores.forEach((s, i) => expect(Math.sign(s)).toBe(y[i]));
    expect(a.weights[0]).toBeGreaterThan(0);
    expect(a.weights[1]).toBeLessThan(0);
  });

  it('shrinks the weights as C falls', () => {
    const x = csr([[1], [-1]]);
    const y = Int8Array.from([1, -1]);
    const strong = trainBinarySvm(x, y, new Float64Array(2).fill(0.01), { c: 0.01 });
    const weak = trainBinarySvm(x, y, new Float64Array(2).fill(100), { c: 100 });
    expect(Math.abs(strong.weights[0] ?? 0)).toBeLessThan(Math.abs(weak.weights[0] ?? 0));
  });
});

describe('metrics', () => {
  it('computes accuracy, per-class recall and macro-F1 by hand', () => {
    // truth 0 0 1 1, predicted 0 1 1 1: class 0 P=1 R=.5 F1=2/3; class 1 P=2/3 R=1 F1=.8.
    const m = metrics([0, 0, 1, 1], [0, 1, 1, 1], 2);
    expect(m.accuracy).toBe(0.75);
    expect(m.recall).toEqual([0.5, 1]);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 12);
    expect(m.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });

  it('argmax takes the first of equal maxima; the PRNG is seeded', () => {
    expect(argmax([1, 3, 3])).toBe(1);
    const a = mulberry32(7);
    const b = mulberry32(7);
    expect([a(), a()]).toEqual([b(), b()]);
  });
});
