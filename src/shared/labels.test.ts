import { describe, expect, it } from 'vitest';
import { argmaxLabel, canonicalLabel, EMOTIONS, probsFromVector, probsToVector } from './labels';

describe('labels', () => {
  it('maps the usual data-set aliases and refuses labels outside the set', () => {
    expect(canonicalLabel('Anger')).toBe('angry');
    expect(canonicalLabel('joy')).toBe('happy');
    expect(canonicalLabel('calm')).toBe('neutral');
    expect(canonicalLabel('disgust')).toBe('disgusted');
    expect(canonicalLabel('fear')).toBe('fearful');
    expect(canonicalLabel('surprise')).toBe('surprised');
    expect(canonicalLabel('contempt')).toBeUndefined();
  });

  it('converts between vectors and records in EMOTIONS order', () => {
    const probs = probsFromVector([0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1]);
    expect(probs.sad).toBe(0.3);
    expect(probsToVector(probs)).toEqual([0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1]);
    expect(argmaxLabel(probs)).toBe('sad');
    expect(() => probsFromVector([1, 2])).toThrow(RangeError);
    expect(EMOTIONS).toHaveLength(7);
  });
});
