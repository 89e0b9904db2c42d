import { describe, expect, it } from 'vitest';
import { semitones, yinPitch } from './pitch';
import { noise, sine, voiceLike } from './test-signals';

const voicedMedian = (f0: Float32Array) => {
  const v = Array.from(f0)
    .filter((x) => x > 0)
    .sort((a, b) => a - b);
  return { median: v[Math.floor(v.length / 2)] ?? 0, fraction: v.length / f0.length };
};

describe('yinPitch', () => {
  it.each([80, 120, 200, 310, 450])('finds a %i Hz sine within 1 %', (hz) => {
    const { f0 } = yinPitch(sine(hz, 0.5));
    const { median, fraction } = voicedMedian(f0);
    expect(fraction).toBeGreaterThan(0.95);
    expect(Math.abs(median - hz) / hz).toBeLessThan(0.01);
  });

  it('finds the fundamental of a harmonic voice, not a harmonic', () => {
    const { f0 } = yinPitch(voiceLike(1, { f0: 140, syllableS: 1, gapS: 0 }));
    expect(voicedMedian(f0).median).toBeGreaterThan(136);
    expect(voicedMedian(f0).median).toBeLessThan(144);
  });

  it('calls noise and silence unvoiced, with high aperiodicity for noise', () => {
    const n = yinPitch(noise(0.5));
    expect(voicedMedian(n.f0).fraction).toBeLessThan(0.1);
    expect(Math.min(...n.aperiodicity)).toBeGreaterThan(0.3);
    expect(voicedMedian(yinPitch(new Float32Array(8000)).f0).fraction).toBe(0);
  });

  it('spaces frames by the hop and returns none for audio shorter than one window', () => {
    expect(yinPitch(sine(200, 1)).f0.length).toBeGreaterThan(95);
    expect(yinPitch(sine(200, 0.02)).f0.length).toBe(0);
  });
});

describe('semitones', () => {
  it('counts 12 per octave above 100 Hz', () => {
    expect(semitones(200)).toBeCloseTo(12, 10);
    expect(semitones(50)).toBeCloseTo(-12, 10);
    expect(semitones(100 * 2 ** (7 / 12))).toBeCloseTo(7, 10);
  });
});
