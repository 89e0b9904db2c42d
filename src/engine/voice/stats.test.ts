import { describe, expect, it } from 'vitest';
import { column, delta, mean, percentile, slope, std } from './stats';

describe('stats over selected indices', () => {
  const x = [10, 1, 2, 3, 4, 100];
  const idx = [1, 2, 3, 4];

  it('computes mean, population std, interpolated percentiles and slope', () => {
    expect(mean(x, idx)).toBe(2.5);
    expect(std(x, idx)).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(percentile(x, idx, 0)).toBe(1);
    expect(percentile(x, idx, 0.5)).toBe(2.5);
    expect(percentile(x, idx, 1)).toBe(4);
    expect(slope(x, idx, 0.01)).toBeCloseTo(100, 9); // one unit per 10 ms frame
  });

  it('returns 0 for empty selections', () => {
    expect([mean(x, []), std(x, []), percentile(x, [], 0.5), slope(x, [1], 1)]).toEqual([0, 0, 0, 0]);
  });

  it('takes a column and a ±2-frame delta (slope 1 per frame inside, edges repeated)', () => {
    expect(Array.from(column(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 1, 3))).toEqual([2, 4, 6]);
    const d = delta([0, 1, 2, 3, 4, 5], 6);
    expect(d[2]).toBeCloseTo(1, 6);
    expect(d[3]).toBeCloseTo(1, 6);
    expect(d[0]).toBeCloseTo(0.5, 6);
  });
});
