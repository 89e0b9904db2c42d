import { describe, expect, it } from 'vitest';
import { mulberry32, shuffleInPlace } from './prng';

describe('mulberry32', () => {
  it('is reproducible for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

describe('shuffleInPlace', () => {
  it('permutes arrays and typed arrays alike, the same way for the same draws', () => {
    const list = [0, 1, 2, 3, 4, 5, 6, 7];
    const typed = Int32Array.from(list);
    shuffleInPlace(list, mulberry32(3));
    shuffleInPlace(typed, mulberry32(3));
    expect(Array.from(typed)).toEqual(list);
    expect([...list].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(list).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('with draws just under 1 leaves the order alone (j = i every step)', () => {
    const list = ['a', 'b', 'c'];
    shuffleInPlace(list, () => 0.999);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});
