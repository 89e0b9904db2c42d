import { describe, expect, it } from 'vitest';
import { Fft, hann } from './fft';

describe('Fft', () => {
  it('matches a direct DFT on a random frame', () => {
    const n = 64;
    const x = Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) + 0.3 * Math.cos(i * 0.4));
    const power = new Fft(n).powerSpectrum(x, new Float64Array(n / 2 + 1));
    for (let k = 0; k <= n / 2; k++) {
      let re = 0;
      let im = 0;
      x.forEach((v, i) => {
        re += v * Math.cos((2 * Math.PI * k * i) / n);
        im -= v * Math.sin((2 * Math.PI * k * i) / n);
      });
      expect(power[k]).toBeCloseTo(re * re + im * im, 8);
    }
  });

  it('puts a bin-centred sine of amplitude A at (A·N/2)² and zero-pads short frames', () => {
    const n = 256;
    const x = Array.from({ length: n }, (_, i) => 0.5 * Math.cos((2 * Math.PI * 8 * i) / n));
    const power = new Fft(n).powerSpectrum(x, new Float64Array(n / 2 + 1));
    expect(power[8]).toBeCloseTo(((0.5 * n) / 2) ** 2, 6); // 4096
    expect(power[9]).toBeCloseTo(0, 8);
    expect(new Fft(8).powerSpectrum([1], new Float64Array(5))).toEqual(new Float64Array([1, 1, 1, 1, 1]));
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new Fft(100)).toThrow(RangeError);
  });

  it('builds a periodic Hann window', () => {
    const w = hann(4);
    expect(Array.from(w)).toEqual([0, 0.5, 1, 0.5].map((v) => expect.closeTo(v, 12) as number));
  });
});
