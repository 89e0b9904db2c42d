import { describe, expect, it } from 'vitest';
import { pearson, regressionFigures } from './regression';

describe('pearson', () => {
  it('is 1 for a positive linear relation and -1 for a negative one', () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
  });

  it('matches a value worked by hand', () => {
    // x = 1 2 3, y = 1 3 2: deviations (-1 0 1) and (-1 1 0); r = 1 / sqrt(2 × 2) = 0.5.
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
  });

  it('is 0 for a constant series or no items', () => {
    expect(pearson([2, 2, 2], [1, 2, 3])).toBe(0);
    expect(pearson([], [])).toBe(0);
  });
});

describe('regressionFigures', () => {
  it('gives r, the mean absolute error and the count', () => {
    expect(regressionFigures([3, 4, 2], [3.5, 4, 1])).toEqual({ r: pearson([3, 4, 2], [3.5, 4, 1]), mae: 0.5, n: 3 });
  });
});
