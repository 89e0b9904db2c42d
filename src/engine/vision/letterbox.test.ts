import { describe, expect, it } from 'vitest';
import { solidImage, type RgbaImage } from './image';
import { letterbox, renderLetterbox, toModel, toSource } from './letterbox';

const px = (img: RgbaImage, x: number, y: number): number[] => {
  const i = (y * img.width + x) * 4;
  return [img.data[i] ?? -1, img.data[i + 1] ?? -1, img.data[i + 2] ?? -1];
};

describe('letterbox', () => {
  it('fits 640×480 into 128 with 16 px bars above and below', () => {
    const lb = letterbox(640, 480, 128);
    expect(lb.scale).toBeCloseTo(0.2, 12);
    expect(lb.offsetX).toBeCloseTo(0, 12);
    expect(lb.offsetY).toBeCloseTo(16, 12); // (128 − 480 × 0.2) / 2
    expect(toSource(lb, { x: 64, y: 64 })).toEqual({ x: 320, y: 240 });
    expect(toSource(lb, { x: 0, y: 16 })).toEqual({ x: 0, y: 0 });
    expect(toSource(lb, { x: 128, y: 112 })).toEqual({ x: 640, y: 480 });
  });

  it('pads left and right for portrait images, and round-trips points', () => {
    const lb = letterbox(300, 600, 128);
    expect(lb.scale).toBeCloseTo(128 / 600, 12);
    expect(lb.offsetX).toBeCloseTo(32, 12); // (128 − 300 × 128/600) / 2
    const p = toModel(lb, { x: 123, y: 456 });
    const back = toSource(lb, p);
    expect(back.x).toBeCloseTo(123, 9);
    expect(back.y).toBeCloseTo(456, 9);
  });

  it('maps a sub-region so that its corners land on the square', () => {
    const lb = letterbox(1000, 1000, 100, { x: 200, y: 300, width: 400, height: 400 });
    expect(lb.scale).toBeCloseTo(0.25, 12);
    expect(toModel(lb, { x: 200, y: 300 })).toEqual({ x: 0, y: 0 });
    expect(toModel(lb, { x: 600, y: 700 })).toEqual({ x: 100, y: 100 });
  });

  it('renders content with a box filter and black padding when shrinking', () => {
    // Left half red, right half blue, 40×20 → 8 px wide content in a 8×8 square, rows 2..5.
    const img = solidImage(40, 20, [255, 0, 0]);
    for (let y = 0; y < 20; y++) for (let x = 20; x < 40; x++) img.data.set([0, 0, 255], (y * 40 + x) * 4);
    const out = renderLetterbox(img, letterbox(40, 20, 8));
    expect(out.width).toBe(8);
    expect(px(out, 0, 0)).toEqual([0, 0, 0]);
    expect(px(out, 7, 1)).toEqual([0, 0, 0]);
    expect(px(out, 0, 2)).toEqual([255, 0, 0]);
    expect(px(out, 3, 5)).toEqual([255, 0, 0]);
    expect(px(out, 4, 5)).toEqual([0, 0, 255]);
    expect(px(out, 0, 6)).toEqual([0, 0, 0]);
  });

  it('averages the pixels that fall in one output pixel', () => {
    // A 2×2 block of 0, 100, 200, 100 shrinks to one pixel of 100.
    const img: RgbaImage = {
      width: 2,
      height: 2,
      data: new Uint8Array([0, 0, 0, 255, 100, 100, 100, 255, 200, 200, 200, 255, 100, 100, 100, 255]),
    };
    const out = renderLetterbox(img, letterbox(2, 2, 1));
    expect(px(out, 0, 0)).toEqual([100, 100, 100]);
  });

  it('samples bilinearly when enlarging', () => {
    // 2×1 image, black then white, enlarged to 4 px wide: centres at 0.25, 0.75, 1.25, 1.75 source px.
    const img: RgbaImage = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 200, 200, 200, 255]) };
    const out = renderLetterbox(img, letterbox(2, 1, 4));
    // Content rows: height 2 at offsetY 1 → rows 1 and 2.
    expect(px(out, 0, 0)).toEqual([0, 0, 0]);
    expect(px(out, 0, 1)).toEqual([0, 0, 0]); // clamps to the first centre
    expect(px(out, 1, 1)).toEqual([50, 50, 50]); // x 0.75 → a quarter of the way from 0 to 200
    expect(px(out, 2, 2)).toEqual([150, 150, 150]);
    expect(px(out, 3, 2)).toEqual([200, 200, 200]);
    expect(px(out, 3, 3)).toEqual([0, 0, 0]);
  });

  // 97 × 61 gives runs of 6 or 7 columns; 80 × 60 runs of exactly 5 (the uniform path, as at 640 × 480 → 128).
  it.each([
    [97, 61],
    [80, 60],
  ])('box-filters exactly like the plain per-pixel average, for any region (%i × %i)', (w, h) => {
    const data = new Uint8Array(w * h * 4).map((_, i) => (i * 7919 + (i >> 3) * 104729) % 256);
    const img: RgbaImage = { width: w, height: h, data };
    for (const region of [undefined, { x: 10.5, y: -3, width: 50, height: 70 }]) {
      const lb = letterbox(w, h, 16, region);
      const out = renderLetterbox(img, lb);
      // Reference: every source pixel goes to the output pixel its centre falls in.
      const sums = new Map<number, number[]>();
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const r = lb.region;
          if (
            x < Math.floor(r.x) ||
            y < Math.floor(r.y) ||
            x >= Math.ceil(r.x + r.width) ||
            y >= Math.ceil(r.y + r.height)
          )
            continue;
          const ox = Math.floor((x + 0.5) * lb.scale + lb.offsetX);
          const oy = Math.floor((y + 0.5) * lb.scale + lb.offsetY);
          if (ox < 0 || oy < 0 || ox >= 16 || oy >= 16) continue;
          const acc = sums.get(oy * 16 + ox) ?? [0, 0, 0, 0];
          for (let c = 0; c < 3; c++) acc[c] = (acc[c] ?? 0) + (data[(y * w + x) * 4 + c] ?? 0);
          acc[3] = (acc[3] ?? 0) + 1;
          sums.set(oy * 16 + ox, acc);
        }
      }
      for (let o = 0; o < 256; o++) {
        const acc = sums.get(o);
        // Stored as a Uint8ClampedArray stores it (round half to even).
        const want = acc ? [0, 1, 2].map((c) => Uint8ClampedArray.of((acc[c] ?? 0) / (acc[3] ?? 1))[0]) : [0, 0, 0];
        expect(px(out, o % 16, Math.floor(o / 16))).toEqual(want);
      }
    }
  });
});
