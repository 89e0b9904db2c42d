import { describe, expect, it } from 'vitest';
import { argmaxLabel, EMOTIONS, type EmotionProbs } from '../labels';
import {
  applyBias,
  calibrationBias,
  correctBaseline,
  DEFAULT_BASELINE_TUNING,
  disputeBaseline,
  emptyBaseline,
  meanProbs,
  zeroBias,
} from './baseline';

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

describe('calibration', () => {
  // A resting face that an expression model reads as sad (or stern): the known cause of false moods.
  const restingSad = probs({ neutral: 0.45, sad: 0.4 });
  const restingStern = probs({ neutral: 0.4, angry: 0.45 });

  it('pulls a resting sad-looking face toward neutral, yet keeps real sadness visible', () => {
    const bias = calibrationBias(restingSad);
    const resting = applyBias(restingSad, bias);
    expect(bias.sad).toBeLessThan(0);
    expect(resting.sad).toBeLessThan(0.2);
    expect(argmaxLabel(resting)).toBe('neutral');
    expect(argmaxLabel(applyBias(probs({ sad: 0.8, neutral: 0.1 }), bias))).toBe('sad');
  });

  it('turns a stern resting face from angry to neutral, yet keeps real anger visible', () => {
    expect(argmaxLabel(restingStern)).toBe('angry');
    const bias = calibrationBias(restingStern);
    expect(argmaxLabel(applyBias(restingStern, bias))).toBe('neutral');
    expect(argmaxLabel(applyBias(probs({ angry: 0.8, neutral: 0.1 }), bias))).toBe('angry');
  });

  it('changes nothing for a face that already rests at the target, and stays bounded', () => {
    const bias = calibrationBias(probs({ neutral: 0.6 }));
    for (const l of EMOTIONS) expect(bias[l]).toBeCloseTo(0, 12);
    const extreme = calibrationBias(probs({ sad: 1 - 6e-6, neutral: 1e-6 }));
    for (const l of EMOTIONS) expect(Math.abs(extreme[l])).toBeLessThanOrEqual(DEFAULT_BASELINE_TUNING.maxAbsBias);
  });

  it('averages samples', () => {
    expect(meanProbs([])).toBeNull();
    expect(meanProbs([probs({ sad: 1 }), probs({ neutral: 1 })])?.sad).toBeCloseTo(0.5, 12);
  });
});

describe('corrections', () => {
  const faceOnly = { face: 1, voice: 0, text: 0 };

  it('moves the carrying modality toward what was felt, by one bounded step', () => {
    const next = correctBaseline(emptyBaseline(), 'sad', 'neutral', faceOnly);
    expect(next.corrections).toBe(1);
    expect(next.faceBias.neutral).toBeCloseTo(0.5, 12);
    expect(next.faceBias.sad).toBeCloseTo(-0.5, 12);
    expect(next.voiceBias).toEqual(zeroBias());
  });

  it('splits the step by shares, and never exceeds the bound', () => {
    const half = correctBaseline(emptyBaseline(), 'angry', 'neutral', { face: 0.5, voice: 0.3, text: 0.2 });
    expect(half.faceBias.neutral).toBeCloseTo(0.25, 12);
    expect(half.voiceBias.angry).toBeCloseTo(-0.15, 12);
    let b = emptyBaseline();
    for (let i = 0; i < 20; i++) b = correctBaseline(b, 'sad', 'neutral', faceOnly);
    expect(b.faceBias.sad).toBe(-DEFAULT_BASELINE_TUNING.maxAbsBias);
    expect(b.corrections).toBe(20);
  });

  it('only counts a confirmation, and raises the felt label alone when nothing was shown', () => {
    expect(correctBaseline(emptyBaseline(), 'sad', 'sad', faceOnly).faceBias).toEqual(zeroBias());
    const fromUnknown = correctBaseline(emptyBaseline(), 'unknown', 'happy', faceOnly);
    expect(fromUnknown.faceBias).toEqual({ ...zeroBias(), happy: 0.5 });
  });

  it('"this is wrong" lowers the prompted label only', () => {
    const next = disputeBaseline(emptyBaseline(), 'angry', { face: 0.8, voice: 0.2, text: 0 });
    expect(next.faceBias).toEqual({ ...zeroBias(), angry: -0.4 });
    expect(next.voiceBias.angry).toBeCloseTo(-0.1, 12);
  });

  it('does not change the baseline it was given; reset is the empty baseline', () => {
    const start = emptyBaseline();
    correctBaseline(start, 'sad', 'neutral', faceOnly);
    expect(start).toEqual(emptyBaseline());
    expect(emptyBaseline()).toEqual({
      calibratedAt: null,
      corrections: 0,
      faceBias: zeroBias(),
      voiceBias: zeroBias(),
    });
  });
});
