import { describe, expect, it } from 'vitest';
import { fitClassBias } from './class-bias';
import { N_LABELS } from './features';

/** Log-probabilities that put `p` on label `top` and share the rest evenly. */
function lp(top: number, p: number): Float64Array {
  return Float64Array.from({ length: N_LABELS }, (_, k) => Math.log(k === top ? p : (1 - p) / (N_LABELS - 1)));
}

/** The objective's gradient at b (for checking the optimum). */
function gradient(logp: Float64Array[], label: number[], b: Float64Array, l2: number): number[] {
  const g = Array.from(b, (v) => l2 * v);
  logp.forEach((row, n) => {
    const z = row.map((v, k) => Math.exp(v + (b[k] ?? 0)));
    const sum = z.reduce((s, v) => s + v, 0);
    z.forEach((v, k) => (g[k] = (g[k] ?? 0) + v / sum - (k === label[n] ? 1 : 0)));
  });
  return g;
}

describe('fitClassBias', () => {
  it('is all zeros without examples', () => {
    expect(Array.from(fitClassBias([], [], [], 1))).toEqual(new Array(N_LABELS).fill(0));
  });

  it('raises a label the readings lean away from and leaves untaught labels at 0', () => {
    // Sad (2) read as neutral (0) every time; neutral read as neutral.
    const logp = [lp(0, 0.6), lp(0, 0.6), lp(0, 0.7), lp(0, 0.7)];
    const label = [2, 2, 0, 0];
    const b = fitClassBias(logp, label, [1, 1, 1, 1], 0.5);
    expect(b[2]).toBeGreaterThan(0.5);
    for (const k of [1, 3, 4, 5, 6]) expect(b[k]).toBe(0);
    // At the optimum the taught labels' gradient is zero.
    const g = gradient(logp, label, b, 0.5);
    expect(Math.abs(g[0] ?? 1)).toBeLessThan(1e-6);
    expect(Math.abs(g[2] ?? 1)).toBeLessThan(1e-6);
  });

  it('is pulled toward 0 by a stronger prior and leaves out an example of weight 0', () => {
    const logp = [lp(0, 0.6), lp(0, 0.6), lp(0, 0.7)];
    const label = [2, 2, 0];
    const weak = fitClassBias(logp, label, [1, 1, 1], 0.5);
    const strong = fitClassBias(logp, label, [1, 1, 1], 50);
    expect(Math.abs(strong[2] ?? 0)).toBeLessThan(Math.abs(weak[2] ?? 0));
    const withoutLast = fitClassBias(logp, label, [1, 1, 0], 0.5);
    expect(Array.from(withoutLast)).toEqual(Array.from(fitClassBias(logp.slice(0, 2), [2, 2], [1, 1], 0.5)));
    expect(withoutLast[0]).toBe(0);
  });

  it('counts a weighted example as that many copies', () => {
    const once = fitClassBias([lp(0, 0.6), lp(0, 0.8)], [2, 0], [2, 1], 1);
    const twice = fitClassBias([lp(0, 0.6), lp(0, 0.6), lp(0, 0.8)], [2, 2, 0], [1, 1, 1], 1);
    once.forEach((v, k) => expect(v).toBeCloseTo(twice[k] ?? NaN, 9));
  });
});
