import { describe, expect, it } from 'vitest';
import { stackRow } from '../../../src/engine/vision/expression-stacker';
import { fitStacker, type FitOptions } from './fit';

const K = 7;
/** One model's log-probabilities: `hot` gets most of the mass. */
const row = (hot: number, sure = 0.7): number[] =>
  Array.from({ length: K }, (_, k) => Math.log(k === hot ? sure : (1 - sure) / (K - 1)));
const rows = [row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(1, 0.4)];
const labels = [0, 1, 2, 3, 4, 5, 6, 2];
const base: FitOptions = { form: 'scalar', models: 1, l2: 0.001, balance: 0, steps: 300, init: [1] };
const argmax = (p: readonly number[]): number => p.indexOf(Math.max(...p));

describe('fitStacker', () => {
  it('fits both forms so that stackRow reproduces the labels it can', () => {
    for (const form of ['scalar', 'full'] as const) {
      const f = fitStacker(rows, labels, { ...base, form });
      expect(rows.slice(0, 7).map((x) => argmax(stackRow(f, x)))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    }
  });

  it('keeps the biases at 0 with fitBias false (a weighted geometric mean)', () => {
    const f = fitStacker(rows, labels, { ...base, fitBias: false });
    expect(f.bias).toEqual(new Array(K).fill(0));
    expect(f.weights[0]?.[0]).not.toBe(1);
  });

  it('ignores a row whose sample weight is 0, and a weight moves the fit', () => {
    const without = fitStacker(rows.slice(0, 7), labels.slice(0, 7), base);
    const zeroed = fitStacker(rows, labels, { ...base, sampleWeights: [1, 1, 1, 1, 1, 1, 1, 0] });
    zeroed.bias.forEach((b, c) => expect(b).toBeCloseTo(without.bias[c] ?? 0, 9));
    const heavy = fitStacker(rows, labels, { ...base, sampleWeights: [1, 1, 1, 1, 1, 1, 1, 20] });
    // The last row (a weak 1 labelled 2) pulls class 2's bias up when it weighs more.
    expect(heavy.bias[2] ?? 0).toBeGreaterThan(zeroed.bias[2] ?? 0);
  });
});
