import { describe, expect, it } from 'vitest';
import { EMOTIONS, type EmotionProbs } from '../../shared/labels';
import { applyBias, emptyBaseline, zeroBias } from './baseline';

const probs = (p: Partial<EmotionProbs>): EmotionProbs => {
  const out = { neutral: 0, happy: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0, ...p };
  const rest = 1 - EMOTIONS.reduce((s, l) => s + out[l], 0);
  const free = EMOTIONS.filter((l) => p[l] === undefined);
  for (const l of free) out[l] = rest / free.length;
  return out;
};
const sum = (p: EmotionProbs): number => EMOTIONS.reduce((s, l) => s + p[l], 0);

describe('applyBias', () => {
  it('leaves probabilities alone with no bias', () => {
    const p = probs({ neutral: 0.5, sad: 0.3 });
    expect(applyBias(p, zeroBias())).toBe(p);
  });

  it('tilts by log-odds and renormalises (hand-computed)', () => {
    const p = probs({ neutral: 0.5, sad: 0.5 });
    const out = applyBias(p, { ...zeroBias(), sad: Math.log(2) });
    expect(out.sad).toBeCloseTo(2 / 3, 12);
    expect(out.neutral).toBeCloseTo(1 / 3, 12);
    expect(sum(out)).toBeCloseTo(1, 12);
  });
});

describe('emptyBaseline', () => {
  it('is all zero: the personal model (src/shared/personal), not a bias, personalises readings', () => {
    expect(emptyBaseline()).toEqual({
      calibratedAt: null,
      corrections: 0,
      faceBias: zeroBias(),
      voiceBias: zeroBias(),
    });
  });
});
