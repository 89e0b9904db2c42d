import { describe, expect, it } from 'vitest';
import {
  MAX_IMAGE_SIDE,
  cropRgba,
  flipHorizontal,
  luminance,
  pixelWords,
  sampleBilinear,
  solidImage,
  validateImage,
} from './image';
import { kindOf } from './test-support';

describe('validateImage', () => {
  it('accepts a well-formed frame', () => {
    expect(kindOf(() => validateImage(solidImage(4, 3, [0, 0, 0])))).toBeUndefined();
  });

  it('rejects empty, mis-sized, fractional and oversized frames as bad-input', () => {
    expect(kindOf(() => validateImage({ width: 0, height: 0, data: new Uint8Array(0) }))).toBe('bad-input');
    expect(kindOf(() => validateImage({ width: 2, height: 2, data: new Uint8Array(12) }))).toBe('bad-input');
    expect(kindOf(() => validateImage({ width: 1.5, height: 2, data: new Uint8Array(12) }))).toBe('bad-input');
    const side = MAX_IMAGE_SIDE + 1;
    expect(kindOf(() => validateImage({ width: side, height: 1, data: new Uint8Array(side * 4) }))).toBe('bad-input');
    const notBytes = { width: 1, height: 1, data: [1, 2, 3, 4] as unknown as Uint8Array };
    expect(kindOf(() => validateImage(notBytes))).toBe('bad-input');
  });
});

describe('pixels', () => {
  it('luminance uses BT.601 weights', () => {
    expect(luminance(255, 0, 0)).toBeCloseTo(76.2195, 4);
    expect(luminance(100, 50, 200)).toBeCloseTo(82.04, 4);
  });

  it('bilinear sampling hits pixel centres exactly and blends between them', () => {
    const img = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 100, 200, 40, 255]) };
    const out = new Float32Array(3);
    sampleBilinear(img, 0.5, 0.5, out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
    sampleBilinear(img, 1, 0.5, out); // halfway between the centres
    expect(Array.from(out)).toEqual([50, 100, 20]);
    sampleBilinear(img, 9, -3, out); // outside: the edge pixel repeats
    expect(Array.from(out)).toEqual([100, 200, 40]);
  });

  it('flips left to right and crops', () => {
    const img = { width: 3, height: 1, data: new Uint8Array([1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255]) };
    expect(Array.from(flipHorizontal(img).data)).toEqual([3, 3, 3, 255, 2, 2, 2, 255, 1, 1, 1, 255]);
    const c = cropRgba(img, 1, 0, 2, 1);
    expect(c.width).toBe(2);
    expect(Array.from(c.data)).toEqual([2, 2, 2, 255, 3, 3, 3, 255]);
  });
});

describe('pixelWords', () => {
  it('reads a pixel as one word with R in the low byte, aligned or not', () => {
    const bytes = new Uint8Array([9, 10, 20, 30, 255, 1, 2, 3, 4]);
    const aligned = { width: 2, height: 1, data: bytes.slice(1) };
    const unaligned = { width: 2, height: 1, data: bytes.subarray(1) }; // byteOffset 1: copied
    for (const img of [aligned, unaligned]) {
      const w = pixelWords(img);
      expect(w).toHaveLength(2);
      expect((w[0] ?? 0) & 255).toBe(10);
      expect(((w[0] ?? 0) >>> 8) & 255).toBe(20);
      expect(((w[0] ?? 0) >>> 16) & 255).toBe(30);
      expect((w[1] ?? 0) >>> 24).toBe(4);
    }
  });
});
