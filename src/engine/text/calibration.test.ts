import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, fitTemperature, meanNll, softmax } from './calibration';

describe('softmax', () => {
  it('matches hand-computed values and is stable for large scores', () => {
    const p = softmax([1, 0]);
    expect(p[0]).toBeCloseTo(Math.E / (Math.E + 1), 12);
    expect(Array.from(softmax([1000, 1000]))).toEqual([0.5, 0.5]);
    expect(softmax([2, 0], 2)[0]).toBeCloseTo(p[0] ?? 0, 12);
  });
});

describe('fitTemperature', () => {
  it('finds the T that makes the top probability equal the hit rate', () => {
    // Four rows scored [1, 0], three of them truly class 0: the best p is 3/4, so e^(1/T) = 3, T = 1/ln 3.
    const scores = [
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
    ];
    const t = fitTemperature(scores, [0, 0, 0, 1]);
    expect(t).toBeCloseTo(1 / Math.log(3), 3);
    expect(meanNll(scores, [0, 0, 0, 1], t)).toBeLessThan(meanNll(scores, [0, 0, 0, 1], 1));
  });
});

describe('expectedCalibrationError', () => {
  it('is 0 when confidence equals accuracy and |gap| otherwise', () => {
    const probs = [
      [0.75, 0.25],
      [0.75, 0.25],
      [0.75, 0.25],
      [0.75, 0.25],
    ];
    expect(expectedCalibrationError(probs, [0, 0, 0, 1])).toBeCloseTo(0, 12);
    expect(expectedCalibrationError(probs, [0, 0, 0, 0])).toBeCloseTo(0.25, 12);
  });
});
