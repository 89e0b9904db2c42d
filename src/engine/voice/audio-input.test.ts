import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { StreamConditioner, prepareAudio } from './audio-input';
import { rms, sine } from './test-signals';

describe('prepareAudio', () => {
  it('replaces NaN and ±Infinity by 0 and counts them', () => {
    const x = Float32Array.from([0.1, Number.NaN, Infinity, -Infinity, 0.1]);
    const { pcm, report } = prepareAudio(x, 16_000);
    expect(report.nonFinite).toBe(3);
    expect(pcm.every(Number.isFinite)).toBe(true);
  });

  it('removes a DC offset and reports it', () => {
    const x = sine(300, 0.5).map((v) => v + 0.4);
    const { pcm, report } = prepareAudio(x, 16_000);
    expect(report.dcOffset).toBeCloseTo(0.4, 3);
    expect(Math.abs(pcm.reduce((a, b) => a + b, 0) / pcm.length)).toBeLessThan(1e-4);
  });

  it('flags clipping above 0.1 % of samples', () => {
    const hard = sine(200, 0.5, 16_000, 2).map((v) => Math.max(-1, Math.min(1, v)));
    expect(prepareAudio(hard, 16_000).report.clipped).toBe(true);
    expect(prepareAudio(sine(200, 0.5), 16_000).report.clipped).toBe(false);
    expect(prepareAudio(hard, 16_000).report.clippedFraction).toBeGreaterThan(0.5);
  });

  it('converts 8 kHz and 48 kHz to 16 kHz, keeping the level', () => {
    for (const rate of [8000, 48_000]) {
      const { pcm, report } = prepareAudio(sine(440, 1, rate), rate);
      expect(pcm.length).toBe(16_000);
      expect(report.sourceRate).toBe(rate);
      expect(rms(pcm.subarray(1000, 15_000))).toBeCloseTo(0.3 / Math.SQRT2, 2);
    }
  });

  it('accepts empty audio and rejects impossible rates', () => {
    expect(prepareAudio(new Float32Array(0), 16_000).pcm.length).toBe(0);
    expect(() => prepareAudio(new Float32Array(4), Number.NaN)).toThrow(AttuneError);
    expect(() => prepareAudio(new Float32Array(4), 500)).toThrow(/out of range/);
  });
});

describe('StreamConditioner', () => {
  it('blocks DC across chunk boundaries and cleans non-finite samples', () => {
    const c = new StreamConditioner();
    const chunks = [0, 1, 2, 3].map(() => new Float32Array(4000).fill(0.5));
    const out = chunks.map((chunk) => c.process(chunk));
    // The step response decays with R = 0.995 per sample: after 12 000 samples nothing is left.
    expect(Math.abs(out[3]?.[3999] ?? 1)).toBeLessThan(1e-6);
    expect(Array.from(c.process(Float32Array.from([Number.NaN, 1]))).every(Number.isFinite)).toBe(true);
  });
});
