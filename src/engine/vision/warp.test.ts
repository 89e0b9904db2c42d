import { describe, expect, it } from 'vitest';
import { cropAffine } from './align';
import type { RgbaImage } from './image';
import { tapsInside, warpAffine, warpAffineWithTaps, type Affine } from './warp';

/**
 * The reference warp: the plain loop warpAffine's two kernels must match bit for bit (each tap clamped
 * to the image, bilinear weights (1 − ax)(1 − ay) …, float64 sums in tap order, one Uint8Clamped rounding).
 */
function referenceWarp(image: RgbaImage, width: number, height: number, m: Affine, n: number): Uint8ClampedArray {
  const { width: w, height: h, data } = image;
  const out = new Uint8ClampedArray(width * height * 4);
  const at = (x: number, y: number, ch: number): number => data[(y * w + x) * 4 + ch] ?? 0;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const sum = [0, 0, 0];
      for (let j = 0; j < n; j++) {
        const vv = v + (j + 0.5) / n;
        for (let i = 0; i < n; i++) {
          const uu = u + (i + 0.5) / n;
          const fx = Math.min(Math.max(m.a * uu + m.b * vv + m.c - 0.5, 0), w - 1);
          const fy = Math.min(Math.max(m.d * uu + m.e * vv + m.f - 0.5, 0), h - 1);
          const x0 = Math.floor(fx);
          const y0 = Math.floor(fy);
          const x1 = Math.min(x0 + 1, w - 1);
          const y1 = Math.min(y0 + 1, h - 1);
          const ax = fx - x0;
          const ay = fy - y0;
          for (let ch = 0; ch < 3; ch++) {
            sum[ch] =
              (sum[ch] ?? 0) +
              (at(x0, y0, ch) * ((1 - ax) * (1 - ay)) +
                at(x1, y0, ch) * (ax * (1 - ay)) +
                at(x0, y1, ch) * ((1 - ax) * ay) +
                at(x1, y1, ch) * (ax * ay));
          }
        }
      }
      for (let ch = 0; ch < 3; ch++) out[(v * width + u) * 4 + ch] = (sum[ch] ?? 0) * (1 / (n * n));
      out[(v * width + u) * 4 + 3] = 255;
    }
  }
  return out;
}

/** A deterministic pseudo-random RGBA image (no flat areas, so every rounding shows). */
function noiseImage(w: number, h: number, seed: number): RgbaImage {
  let s = seed;
  const data = new Uint8Array(w * h * 4).map(() => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s >>> 24;
  });
  return { width: w, height: h, data };
}

describe('warpAffine against the reference loop', () => {
  const img = noiseImage(120, 90, 7);
  const cases = [
    { name: 'inside, rotated, 4 × 4 taps', crop: { centre: { x: 60, y: 45 }, side: 70, angle: 0.23 }, size: 17, n: 4 },
    {
      name: 'inside, unrotated, 2 × 2 taps',
      crop: { centre: { x: 50.3, y: 40.7 }, side: 60, angle: 0 },
      size: 28,
      n: 2,
    },
    { name: 'inside, enlarging, 1 tap', crop: { centre: { x: 61, y: 44 }, side: 20, angle: -0.4 }, size: 48, n: 1 },
    { name: 'past the left and top edges', crop: { centre: { x: 10, y: 8 }, side: 50, angle: 0.1 }, size: 19, n: 3 },
    {
      name: 'past the right and bottom edges',
      crop: { centre: { x: 115, y: 85 }, side: 40, angle: -1.2 },
      size: 16,
      n: 2,
    },
    { name: 'larger than the image', crop: { centre: { x: 60, y: 45 }, side: 200, angle: 0.7 }, size: 23, n: 4 },
  ];
  for (const { name, crop, size, n } of cases) {
    it(`matches bit for bit: ${name}`, () => {
      const m = cropAffine(crop, size);
      expect(tapsInside(img, size, size, m)).toBe(name.startsWith('inside'));
      const got = warpAffine(img, size, size, m, n);
      expect(Buffer.from(got.data).equals(Buffer.from(referenceWarp(img, size, size, m, n)))).toBe(true);
    });
  }

  it('keeps the taps it averages: warpAffineWithTaps gives warpAffine’s bytes and a grid that averages to them', () => {
    for (const { crop, size, n } of cases) {
      const m = cropAffine(crop, size);
      const want = warpAffine(img, size, size, m, n);
      const { image, taps } = warpAffineWithTaps(img, size, size, m, n);
      expect(Buffer.from(image.data).equals(Buffer.from(want.data))).toBe(true);
      expect([taps.width, taps.height, taps.rgb.length]).toEqual([size * n, size * n, size * n * size * n * 3]);
      for (let v = 0; v < size; v++) {
        for (let u = 0; u < size; u++) {
          for (let ch = 0; ch < 3; ch++) {
            let sum = 0;
            for (let j = 0; j < n; j++)
              for (let i = 0; i < n; i++) sum += taps.rgb[((v * n + j) * taps.width + u * n + i) * 3 + ch] ?? NaN;
            // The taps are kept as float32; the crop rounded their float64 mean once.
            expect(Math.abs(sum / (n * n) - (want.data[(v * size + u) * 4 + ch] ?? NaN))).toBeLessThanOrEqual(0.5001);
          }
        }
      }
    }
  });

  it('takes the unclamped kernel only when every tap is inside', () => {
    expect(tapsInside(img, 17, 17, cropAffine({ centre: { x: 60, y: 45 }, side: 70, angle: 0.23 }, 17))).toBe(true);
    expect(tapsInside(img, 19, 19, cropAffine({ centre: { x: 10, y: 8 }, side: 50, angle: 0.1 }, 19))).toBe(false);
    // A shift by half a pixel: one more column or row and the last taps' right or lower neighbours
    // would be off the 120 × 90 image (the test is conservative by up to one output pixel).
    const shift: Affine = { a: 1, b: 0, c: 1, d: 0, e: 1, f: 1 };
    expect(tapsInside(img, 117, 87, shift)).toBe(true);
    expect(tapsInside(img, 118, 87, shift)).toBe(false);
    expect(tapsInside(img, 117, 88, shift)).toBe(false);
  });

  it('keeps a frame with the data at an unaligned offset (the copied-word path) identical', () => {
    const backing = new Uint8Array(img.data.length + 1);
    backing.set(img.data, 1);
    const shifted: RgbaImage = { width: img.width, height: img.height, data: backing.subarray(1) };
    const m = cropAffine({ centre: { x: 60, y: 45 }, side: 70, angle: 0.23 }, 17);
    expect(Array.from(warpAffine(shifted, 17, 17, m, 4).data)).toEqual(Array.from(warpAffine(img, 17, 17, m, 4).data));
  });
});
