import { describe, expect, it } from 'vitest';
import { summarise } from './stats';

describe('summarise', () => {
  it('gives the median and nearest-rank p95', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    // median of an even count: (10 + 11) / 2; p95 rank ceil(0.95·20) = 19
    expect(summarise(values)).toEqual({ median: 10.5, p95: 19, min: 1, max: 20, n: 20 });
  });

  it('handles odd counts and empty input', () => {
    expect(summarise([3, 1, 2]).median).toBe(2);
    expect(summarise([]).n).toBe(0);
  });
});
