import { describe, expect, it } from 'vitest';
import { degrade, fitForBaseline, voiceConfidence } from './confidence';
import type { SegmentQuality } from './features';

const good: SegmentQuality = {
  durationS: 2.5,
  activeS: 2,
  levelDbfs: -25,
  dynamicRangeDb: 40,
  clippedFraction: 0,
  voicedFraction: 0.6,
};

describe('voiceConfidence', () => {
  it('is the normalised certainty for a clean segment with a baseline', () => {
    expect(voiceConfidence(1, 7, good, true)).toEqual({ confidence: 1, flags: [] });
    expect(voiceConfidence(1 / 7, 7, good, true).confidence).toBeCloseTo(0, 12);
    expect(voiceConfidence(0.5, 2, good, true).confidence).toBe(0);
  });

  it('drops for short, quiet, noisy, clipped, unvoiced segments and without a baseline', () => {
    const c = (q: Partial<SegmentQuality>, baseline = true) => voiceConfidence(1, 7, { ...good, ...q }, baseline);
    expect(c({ activeS: 0.5 })).toEqual({ confidence: 0.5, flags: ['short'] });
    expect(c({ levelDbfs: -55 })).toEqual({ confidence: 0.5, flags: ['quiet'] });
    expect(c({ dynamicRangeDb: 13 })).toEqual({ confidence: 0.5, flags: ['noisy'] });
    expect(c({ clippedFraction: 0.005 })).toEqual({ confidence: 0.7, flags: ['clipped'] });
    expect(c({ clippedFraction: 0.05 }).confidence).toBe(0.4);
    expect(c({ voicedFraction: 0.05 })).toEqual({ confidence: 0.5, flags: ['unvoiced'] });
    expect(c({}, false)).toEqual({ confidence: 0.8, flags: ['no-baseline'] });
    expect(c({ activeS: 0, levelDbfs: -100 }).confidence).toBe(0);
  });

  it('degrades once per flag', () => {
    const r = { confidence: 0.5, flags: [] as ('clipped' | 'narrowband')[] };
    const once = degrade(r, 'narrowband', 0.5);
    expect(once).toEqual({ confidence: 0.25, flags: ['narrowband'] });
    expect(degrade(once, 'narrowband', 0.5)).toBe(once);
  });
});

describe('fitForBaseline', () => {
  it('takes clean segments, and unvoiced or baseline-less ones, but never short, quiet, noisy or clipped ones', () => {
    expect(fitForBaseline([])).toBe(true);
    expect(fitForBaseline(['unvoiced', 'no-baseline', 'narrowband'])).toBe(true);
    for (const flag of ['short', 'quiet', 'noisy', 'clipped'] as const) expect(fitForBaseline([flag])).toBe(false);
  });
});
