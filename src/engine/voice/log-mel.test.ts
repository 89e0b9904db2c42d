import { describe, expect, it } from 'vitest';
import { LOG_MEL_FLOOR, LogMelAnalyser } from './log-mel';
import { melFilterbank } from './mel';
import { noise } from './test-signals';

const analyser = new LogMelAnalyser();
const filters = melFilterbank(512, 16_000, 40, 60, 7600);
const SILENT = Math.log(LOG_MEL_FLOOR);

describe('LogMelAnalyser', () => {
  it('frames 25 ms every 10 ms: 1 s of audio gives (16000 − 400) / 160 + 1 = 98 frames of 40 bands', () => {
    const m = analyser.compute(new Float32Array(16_000));
    expect(m.frames).toBe(98);
    expect(m.bands).toBe(40);
    expect(m.data).toHaveLength(98 * 40);
  });

  it('gives ln(floor) for silence and for a constant (the segment mean is removed)', () => {
    for (const v of [0, 0.5]) {
      const m = analyser.compute(new Float32Array(400).fill(v));
      expect(m.frames).toBe(1);
      for (const x of m.data) expect(x).toBeCloseTo(SILENT, 5);
    }
  });

  it('matches a hand-computed spectrum: +1 at sample 200 and −1 at sample 100 of one frame', () => {
    // Hann weights: w[200] = 1, w[100] = 0.5, so the frame's spectrum is e^{−iω200} − 0.5·e^{−iω100} and its
    // power at bin k is 1 + 0.25 − cos(2π·k·100/512); each band sums its triangle's weights times that.
    const x = new Float32Array(400);
    x[200] = 1;
    x[100] = -1;
    const m = analyser.compute(x);
    filters.forEach(({ first, weights }, b) => {
      let energy = 0;
      weights.forEach((w, i) => (energy += w * (1.25 - Math.cos((2 * Math.PI * (first + i) * 100) / 512))));
      expect(m.data[b]).toBeCloseTo(Math.log(energy + LOG_MEL_FLOOR), 4);
    });
  });

  it('shifts every band by ln(g²) when the signal is scaled by g', () => {
    const x = noise(0.1, 16_000, 0.1); // broadband, so no band sits near the floor
    const a = analyser.compute(x);
    const b = analyser.compute(x.map((v) => v * 10));
    a.data.forEach((v, i) => expect((b.data[i] ?? 0) - v).toBeCloseTo(Math.log(100), 3));
  });

  it('pads short segments with silent frames up to minFrames, and treats NaN as 0', () => {
    const x = Float32Array.from({ length: 560 }, (_, i) => (i === 5 ? NaN : Math.sin(i)));
    const m = analyser.compute(x, 8);
    expect(m.frames).toBe(8);
    expect(m.data.every(Number.isFinite)).toBe(true);
    expect(m.data[0]).toBeGreaterThan(SILENT + 10);
    for (const v of m.data.subarray(4 * 40)) expect(v).toBeCloseTo(SILENT, 5);
    expect(analyser.compute(new Float32Array(0), 4).frames).toBe(4);
  });
});
