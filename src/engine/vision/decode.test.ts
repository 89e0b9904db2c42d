import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode';
import { kindOf } from './test-support';

const png = (width: number, height: number, fill: (x: number, y: number) => number[]): Uint8Array => {
  const p = new pngjs.PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) p.data.set(fill(x, y), (y * width + x) * 4);
  return new Uint8Array(pngjs.PNG.sync.write(p));
};

describe('decodeImage', () => {
  it('decodes a PNG to RGBA exactly', () => {
    const img = decodeImage(png(3, 2, (x, y) => [x * 10, y * 20, 5, 255]));
    expect(img.width).toBe(3);
    expect(img.height).toBe(2);
    expect(Array.from(img.data.subarray(20, 24))).toEqual([20, 20, 5, 255]); // pixel (2, 1)
  });

  it('decodes a JPEG to RGBA (within compression error)', () => {
    const data = new Uint8Array(16 * 16 * 4);
    for (let i = 0; i < data.length; i += 4) data.set([200, 100, 50, 255], i);
    const bytes = jpeg.encode({ width: 16, height: 16, data }, 95).data;
    const img = decodeImage(bytes);
    expect(img.width).toBe(16);
    expect(Math.abs((img.data[0] ?? 0) - 200)).toBeLessThanOrEqual(4);
    expect(Math.abs((img.data[1] ?? 0) - 100)).toBeLessThanOrEqual(4);
    expect(img.data[3]).toBe(255);
  });

  it('rejects truncated, corrupt, unknown and oversized files as bad-input', () => {
    const data = new Uint8Array(32 * 32 * 4).fill(128);
    const jpg = new Uint8Array(jpeg.encode({ width: 32, height: 32, data }, 90).data);
    expect(kindOf(() => decodeImage(jpg.subarray(0, jpg.length / 2)))).toBe('bad-input');
    const p = png(4, 4, () => [1, 2, 3, 255]);
    expect(kindOf(() => decodeImage(p.subarray(0, p.length - 20)))).toBe('bad-input');
    const garbled = p.slice();
    garbled.fill(7, 40, 60);
    expect(kindOf(() => decodeImage(garbled))).toBe('bad-input');
    expect(kindOf(() => decodeImage(new TextEncoder().encode('GIF89a…')))).toBe('bad-input');
    expect(kindOf(() => decodeImage(new Uint8Array(0)))).toBe('bad-input');
    expect(kindOf(() => decodeImage(png(4097, 1, () => [0, 0, 0, 255])))).toBe('bad-input');
  });
});
