import { describe, expect, it } from 'vitest';
import { besselI0, resample } from './resample';
import { rms, sine } from './test-signals';

/** RMS away from the ends, where the kernel runs off the signal. */
const middleRms = (x: Float32Array) => rms(x.subarray(Math.floor(x.length * 0.1), Math.floor(x.length * 0.9)));

describe('resample', () => {
  it('returns the input when the rates match', () => {
    const x = sine(440, 0.1);
    expect(resample(x, 16_000, 16_000)).toBe(x);
  });

  it.each([48_000, 44_100, 22_050, 8_000, 11_025])(
    'keeps a 1 kHz tone from %i Hz at its level and frequency',
    (rate) => {
      const out = resample(sine(1000, 0.5, rate, 0.5), rate, 16_000);
      expect(out.length).toBe(Math.floor((0.5 * rate * 16_000) / rate));
      expect(middleRms(out)).toBeCloseTo(0.5 / Math.SQRT2, 2);
      // Compare with the ideal 1 kHz sine at 16 kHz sample by sample (same phase: t = 0 at sample 0).
      const ideal = sine(1000, 0.5, 16_000, 0.5);
      let err = 0;
      for (let i = 800; i < out.length - 800; i++) err = Math.max(err, Math.abs((out[i] ?? 0) - (ideal[i] ?? 0)));
      expect(err).toBeLessThan(0.01);
    },
  );

  it('removes content above the new Nyquist frequency instead of aliasing it', () => {
    // 12 kHz at 48 kHz would fold to 4 kHz at 16 kHz without the low-pass.
    const out = resample(sine(12_000, 0.5, 48_000, 0.5), 48_000, 16_000);
    expect(middleRms(out)).toBeLessThan(0.5 * 1e-3);
  });

  it('adds no images when upsampling 8 kHz audio', () => {
    const out = resample(sine(3000, 0.5, 8000, 0.5), 8000, 16_000);
    expect(middleRms(out)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    // An image would appear at 8 − 3 = 5 kHz: correlate with it.
    let dot = 0;
    for (let i = 1000; i < 7000; i++) dot += (out[i] ?? 0) * Math.sin((2 * Math.PI * 5000 * i) / 16_000);
    expect(Math.abs(dot / 6000)).toBeLessThan(1e-3);
  });

  it('rejects impossible rates and handles empty input', () => {
    expect(() => resample(new Float32Array(4), 0, 16_000)).toThrow(RangeError);
    expect(resample(new Float32Array(0), 48_000, 16_000).length).toBe(0);
  });

  it('computes I0 like the tables (I0(0) = 1, I0(1) ≈ 1.2661, I0(8) ≈ 427.564)', () => {
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.266066, 5);
    expect(besselI0(8)).toBeCloseTo(427.564116, 3);
  });
});
