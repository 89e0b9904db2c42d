import { describe, expect, it } from 'vitest';
import { fitLogReg, lbfgs } from './logreg';

describe('lbfgs', () => {
  it('finds the minimum of a badly scaled quadratic', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = 2 * ((x[0] ?? 0) - 3);
      g[1] = 200 * ((x[1] ?? 0) + 1);
      return ((x[0] ?? 0) - 3) ** 2 + 100 * ((x[1] ?? 0) + 1) ** 2;
    };
    const x = lbfgs(f, new Float64Array(2), 100, 1e-9);
    expect(x[0]).toBeCloseTo(3, 6);
    expect(x[1]).toBeCloseTo(-1, 6);
  });
});

describe('fitLogReg', () => {
  // Three classes around three centres in 2-D.
  const centres = [
    [0, 3],
    [3, 0],
    [-3, -3],
  ];
  const x: Float64Array[] = [];
  const y: number[] = [];
  centres.forEach(([cx = 0, cy = 0], k) => {
    for (let i = 0; i < 20; i++) {
      x.push(Float64Array.from([cx + Math.sin(i * 7.1 + k), cy + Math.cos(i * 3.3 + k)]));
      y.push(k);
    }
  });
  const predict = (m: ReturnType<typeof fitLogReg>, v: Float64Array) => {
    const z = m.weights.map((w, c) => (m.bias[c] ?? 0) + w.reduce((s, wj, j) => s + wj * (v[j] ?? 0), 0));
    return z.indexOf(Math.max(...z));
  };

  it('separates well-separated classes, deterministically', () => {
    const m = fitLogReg(x, y, 3, { lambda: 0.01 });
    expect(x.every((v, i) => predict(m, v) === y[i])).toBe(true);
    expect(fitLogReg(x, y, 3, { lambda: 0.01 })).toEqual(m);
  });

  it('shrinks the weights as λ grows and leaves the bias free', () => {
    const norm = (m: ReturnType<typeof fitLogReg>) => m.weights.flat().reduce((s, w) => s + w * w, 0);
    expect(norm(fitLogReg(x, y, 3, { lambda: 1 }))).toBeLessThan(norm(fitLogReg(x, y, 3, { lambda: 0.01 })));
    // With huge λ the weights vanish and the biases encode the class frequencies (equal here).
    const flat = fitLogReg(x, y, 3, { lambda: 1e6 });
    expect(Math.max(...flat.weights.flat().map(Math.abs))).toBeLessThan(1e-4);
    expect(Math.max(...flat.bias) - Math.min(...flat.bias)).toBeLessThan(1e-3);
  });
});
