import { describe, expect, it } from 'vitest';
import { applyFilterbank, dctMatrix, hzToMel, melFilterbank, melToHz } from './mel';

describe('mel scale', () => {
  it('maps 1000 Hz to about 1000 mel and back', () => {
    expect(hzToMel(1000)).toBeCloseTo(999.99, 1);
    expect(melToHz(hzToMel(3456))).toBeCloseTo(3456, 8);
    expect(hzToMel(0)).toBe(0);
  });
});

describe('melFilterbank', () => {
  const filters = melFilterbank(512, 16_000, 40, 60, 7600);

  it('has triangles that rise to 1 near their centre and stay within the band', () => {
    expect(filters).toHaveLength(40);
    for (const f of filters) {
      expect(Math.max(...f.weights)).toBeGreaterThan(0.5);
      expect(Math.max(...f.weights)).toBeLessThanOrEqual(1);
      expect(Math.min(...f.weights)).toBeGreaterThanOrEqual(0);
    }
    expect(filters[0]?.first).toBe(Math.ceil(60 / 31.25));
    const last = filters[39];
    expect((last?.first ?? 0) + (last?.weights.length ?? 0) - 1).toBeLessThanOrEqual(Math.floor(7600 / 31.25));
  });

  it('sends a single bin mostly to the band centred on it', () => {
    const power = new Float64Array(257);
    power[64] = 1; // 2000 Hz
    const out = applyFilterbank(filters, power, new Float64Array(40));
    const best = out.indexOf(Math.max(...out));
    const centre = melToHz(hzToMel(60) + ((hzToMel(7600) - hzToMel(60)) * (best + 1)) / 41);
    expect(Math.abs(centre - 2000)).toBeLessThan(100);
  });
});

describe('dctMatrix', () => {
  it('is orthonormal (rows of the full matrix have unit length and are orthogonal)', () => {
    const n = 8;
    const m = dctMatrix(n, n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (m[a * n + i] ?? 0) * (m[b * n + i] ?? 0);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
  });
});
