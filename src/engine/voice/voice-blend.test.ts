import { describe, expect, it } from 'vitest';
import { blendProbs } from './voice-blend';

describe('blendProbs', () => {
  it('returns one side at weight 0 or 1', () => {
    expect(Array.from(blendProbs([0.7, 0.2, 0.1], [0.1, 0.1, 0.8], 0))).toEqual([
      expect.closeTo(0.7, 12),
      expect.closeTo(0.2, 12),
      expect.closeTo(0.1, 12),
    ]);
    expect(blendProbs([0.7, 0.2, 0.1], [0.1, 0.1, 0.8], 1)[2]).toBeCloseTo(0.8, 12);
  });

  it('is the renormalised weighted geometric mean (hand-computed)', () => {
    // √(0.9·0.5) = 0.6708, √(0.1·0.5) = 0.2236 → 0.75 / 0.25.
    const p = blendProbs([0.9, 0.1], [0.5, 0.5], 0.5);
    expect(p[0]).toBeCloseTo(0.75, 12);
    expect(p[1]).toBeCloseTo(0.25, 12);
    // 0.8^0.75·0.2^0.25 vs 0.2^0.75·0.8^0.25: ratio 4^0.5 = 2 → 2/3, 1/3.
    const q = blendProbs([0.8, 0.2], [0.2, 0.8], 0.25);
    expect(q[0]).toBeCloseTo(2 / 3, 12);
  });

  it('floors zeros so one model cannot veto a label, clamps the weight, and refuses unequal lengths', () => {
    const p = blendProbs([0, 1], [1, 0], 0.5);
    expect(p[0]).toBeCloseTo(0.5, 12);
    expect(blendProbs([0.6, 0.4], [0.1, 0.9], 7)[1]).toBeCloseTo(0.9, 12);
    expect(blendProbs([0.6, 0.4], [0.1, 0.9], Number.NaN)[0]).toBeCloseTo(0.6, 12);
    expect(() => blendProbs([0.5, 0.5], [1], 0.5)).toThrow(RangeError);
  });
});
