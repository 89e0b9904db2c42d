import { describe, expect, it } from 'vitest';
import type { EmotionProbs } from '../../shared/labels';
import { fourClassAccuracy, seededOrder } from './voice';

const probs = (top: keyof EmotionProbs): EmotionProbs => ({
  neutral: 0.1,
  happy: 0.1,
  sad: 0.1,
  angry: 0.1,
  fearful: 0.2,
  disgusted: 0.1,
  surprised: 0.1,
  [top]: 0.15,
});

describe('seededOrder', () => {
  it('is a fixed permutation that breaks up a label-sorted list', () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    const once = seededOrder(items);
    expect(seededOrder(items)).toEqual(once);
    expect([...once].sort((a, b) => a - b)).toEqual(items);
    expect(once).not.toEqual(items);
    expect(items[0]).toBe(0); // the input is left alone
  });
});

describe('fourClassAccuracy', () => {
  it('chooses among neutral, happy, sad and angry only, and counts no speech as neutral', () => {
    const items = [
      { path: 'a', label: 'sad' as const }, // fearful is top overall, sad among the four: right
      { path: 'b', label: 'happy' as const }, // angry among the four: wrong
      { path: 'c', label: 'neutral' as const }, // no speech → neutral: right
      { path: 'd', label: 'fearful' as const }, // outside the four: not counted
    ];
    const byPath = new Map<string, EmotionProbs | null>([
      ['a', probs('sad')],
      ['b', probs('angry')],
      ['c', null],
      ['d', probs('fearful')],
    ]);
    expect(fourClassAccuracy(items, byPath)).toBeCloseTo(2 / 3, 12);
  });
});
