import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, extractFeatures } from './features';
import { noise, sine, voiceLike } from './test-signals';

/** Looks a feature up by name. */
const named =
  (values: Float64Array) =>
  (name: string): number => {
    const i = FEATURE_NAMES.indexOf(name);
    if (i < 0) throw new Error(`no feature ${name}`);
    return values[i] ?? NaN;
  };

describe('extractFeatures', () => {
  it('gives one finite value per feature name', () => {
    const { values } = extractFeatures(voiceLike(1.5));
    expect(values.length).toBe(FEATURE_NAMES.length);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('reads a 200 Hz sine as a steady 12 semitones above 100 Hz, fully voiced', () => {
    const f = named(extractFeatures(sine(200, 1.5)).values);
    expect(f('f0_mean')).toBeCloseTo(12, 1);
    expect(f('f0_std')).toBeLessThan(0.05);
    expect(f('f0_range')).toBeLessThan(0.1);
    expect(f('voiced_fraction')).toBeGreaterThan(0.95);
    expect(f('centroid_mean')).toBeCloseTo(0.2, 1); // kHz
  });

  it('measures a pitch glide of one octave per second as a slope of 12 semitones/s', () => {
    const f = named(extractFeatures(voiceLike(1, { f0: 120, f0End: 240, syllableS: 1, gapS: 0 })).values);
    expect(f('f0_slope')).toBeGreaterThan(10.5);
    expect(f('f0_slope')).toBeLessThan(13.5);
    expect(f('f0_p90') - f('f0_p10')).toBeGreaterThan(8);
  });

  it('counts syllable-like level peaks: 4 per second', () => {
    const f = named(extractFeatures(voiceLike(3, { syllableS: 0.18, gapS: 0.07 })).values);
    expect(f('peak_rate')).toBeGreaterThan(3.5);
    expect(f('peak_rate')).toBeLessThan(4.5);
    expect(f('pause_fraction')).toBeGreaterThan(0.1);
  });

  it('does not change with the recording level (per-utterance level normalisation)', () => {
    const loud = voiceLike(1.5, { amplitude: 0.5 });
    // 20 dB quieter keeps every active frame above the absolute −70 dBFS floor, so the same frames count.
    const quiet = loud.map((v) => v * 0.1);
    const a = extractFeatures(loud);
    const b = extractFeatures(quiet);
    expect(a.quality.levelDbfs - b.quality.levelDbfs).toBeCloseTo(20, 1);
    a.values.forEach((v, i) => expect(b.values[i]).toBeCloseTo(v, 2));
  });

  it('tells noise from voice by voicing and aperiodicity', () => {
    const v = named(extractFeatures(voiceLike(1.5)).values);
    const n = named(extractFeatures(noise(1.5)).values);
    expect(n('voiced_fraction')).toBeLessThan(0.1);
    expect(v('voiced_fraction')).toBeGreaterThan(0.7);
    expect(n('aperiodicity_active')).toBeGreaterThan(v('aperiodicity_active') + 0.3);
    expect(n('flatness_mean')).toBeGreaterThan(v('flatness_mean'));
  });

  it('returns zeros and a poor quality for silence, empty and non-finite input, never throwing', () => {
    for (const x of [new Float32Array(16_000), new Float32Array(0), new Float32Array(100).fill(Number.NaN)]) {
      const { values, quality } = extractFeatures(x);
      expect(values.every((v) => v === 0)).toBe(true);
      expect(quality.activeS).toBe(0);
      expect(quality.levelDbfs).toBe(-100);
    }
    const mixed = voiceLike(1).map((v, i) => (i % 97 === 0 ? Number.POSITIVE_INFINITY : v));
    expect(extractFeatures(mixed).values.every(Number.isFinite)).toBe(true);
  });

  it('reports duration, clipping and a DC-free level', () => {
    const clipped = sine(200, 1, 16_000, 3).map((v) => Math.max(-1, Math.min(1, v)));
    const q = extractFeatures(clipped).quality;
    expect(q.durationS).toBe(1);
    expect(q.clippedFraction).toBeGreaterThan(0.5);
    const offset = extractFeatures(sine(200, 1).map((v) => v + 0.5));
    expect(offset.quality.levelDbfs).toBeCloseTo(extractFeatures(sine(200, 1)).quality.levelDbfs, 1);
  });
});
