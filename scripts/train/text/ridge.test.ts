import { describe, expect, it } from 'vitest';
import { leastSquares, predictRows, selectRows, trainRidge } from './ridge';
import type { Csr } from './svm';

const x: Csr = {
  rows: 4,
  dimensions: 2,
  indptr: Int32Array.from([0, 1, 2, 4, 4]),
  indices: Int32Array.from([0, 1, 0, 1]),
  values: Float32Array.from([1, 1, 1, 1]),
};

describe('trainRidge', () => {
  it('fits y = 2 + x0 − x1 closely under a weak penalty, and shrinks towards the mean under a strong one', () => {
    const y = [3, 1, 2, 2];
    const weak = trainRidge(x, y, { lambda: 1e-6 });
    Array.from(predictRows(x, weak)).forEach((p, i) => expect(p).toBeCloseTo(y[i] ?? 0, 4));
    const strong = trainRidge(x, y, { lambda: 1e6 });
    Array.from(predictRows(x, strong)).forEach((p) => expect(p).toBeCloseTo(2, 3));
  });
});

describe('selectRows', () => {
  it('keeps the chosen rows in the given order', () => {
    const s = selectRows(x, [2, 0]);
    expect(s.rows).toBe(2);
    expect(Array.from(s.indptr)).toEqual([0, 2, 3]);
    expect(Array.from(s.indices)).toEqual([0, 1, 0]);
  });
});

describe('leastSquares', () => {
  it('recovers an exact linear relation', () => {
    const f = [
      [1, 0, 1],
      [1, 1, 0],
      [1, 2, 1],
      [1, 3, 0],
    ];
    const y = f.map((r) => 0.5 + 2 * (r[1] ?? 0) - (r[2] ?? 0));
    leastSquares(f, y, 0).forEach((c, i) => expect(c).toBeCloseTo([0.5, 2, -1][i] ?? 0, 9));
  });
});
