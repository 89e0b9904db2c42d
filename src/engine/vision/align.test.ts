import { describe, expect, it } from 'vitest';
import { cropAffine, extractCrop, extractCrops, eyeAngle, faceCrop, wholeImageCrop } from './align';
import type { Detection } from './blazeface-decode';
import { sampleBilinear, solidImage, type RgbaImage } from './image';
import { applyAffine, warpAffine } from './warp';

const detection = (keypoints: { x: number; y: number }[]): Detection => ({
  xMin: 100,
  yMin: 100,
  xMax: 200,
  yMax: 200,
  score: 0.9,
  keypoints,
});

const red = (img: RgbaImage, x: number, y: number): number => img.data[(y * img.width + x) * 4] ?? -1;

describe('eyeAngle', () => {
  it('is 0 for level eyes and follows the line from right eye (image left) to left eye', () => {
    expect(eyeAngle({ x: 10, y: 20 }, { x: 30, y: 20 })).toBe(0);
    expect(eyeAngle({ x: 10, y: 10 }, { x: 20, y: 20 })).toBeCloseTo(Math.PI / 4, 12); // left eye lower
    expect(eyeAngle({ x: 10, y: 20 }, { x: 20, y: 10 })).toBeCloseTo(-Math.PI / 4, 12);
  });
});

describe('faceCrop', () => {
  it('enlarges the box by 1.16 and raises the centre by 7.5 % of the crop side', () => {
    const c = faceCrop(
      detection([
        { x: 130, y: 140 },
        { x: 170, y: 140 },
      ]),
    );
    expect(c.angle).toBe(0);
    expect(c.side).toBeCloseTo(116, 12);
    expect(c.centre.x).toBeCloseTo(150, 12);
    expect(c.centre.y).toBeCloseTo(150 - 0.075 * 116, 12);
  });

  it('raises the centre along the tilted face', () => {
    const c = faceCrop(
      detection([
        { x: 130, y: 130 },
        { x: 170, y: 170 },
      ]),
    );
    expect(c.angle).toBeCloseTo(Math.PI / 4, 12);
    const lift = (0.075 * 116) / Math.SQRT2;
    expect(c.centre.x).toBeCloseTo(150 + lift, 9); // "up" for a face rolled 45° clockwise is up-right
    expect(c.centre.y).toBeCloseTo(150 - lift, 9);
  });

  it('can skip the rotation', () => {
    const c = faceCrop(
      detection([
        { x: 130, y: 130 },
        { x: 170, y: 170 },
      ]),
      { rotate: false },
    );
    expect(c.angle).toBe(0);
    expect(c.centre.x).toBeCloseTo(150, 12);
  });

  it('honours custom framing', () => {
    const c = faceCrop(detection([]), { scale: 1.5, raise: 0 });
    expect(c).toEqual({ centre: { x: 150, y: 150 }, side: 150, angle: 0 });
  });

  it('covers a whole image unrotated', () => {
    expect(wholeImageCrop(48, 40)).toEqual({ centre: { x: 24, y: 20 }, side: 48, angle: 0 });
  });
});

describe('cropAffine', () => {
  it('maps the output centre to the crop centre and scales by side / size', () => {
    const m = cropAffine({ centre: { x: 50, y: 60 }, side: 40, angle: 0 }, 20);
    expect(applyAffine(m, { x: 10, y: 10 })).toEqual({ x: 50, y: 60 });
    expect(applyAffine(m, { x: 0, y: 0 })).toEqual({ x: 30, y: 40 });
    expect(applyAffine(m, { x: 20, y: 20 })).toEqual({ x: 70, y: 80 });
  });

  it('turns the output x axis along the eye line', () => {
    const m = cropAffine({ centre: { x: 0, y: 0 }, side: 10, angle: Math.PI / 2 }, 10);
    const p = applyAffine(m, { x: 10, y: 5 }); // 5 px right of the centre in the output
    expect(p.x).toBeCloseTo(0, 12);
    expect(p.y).toBeCloseTo(5, 12); // …is 5 px below it in the source
  });
});

describe('warpAffine / extractCrop', () => {
  it('copies pixels exactly under an identity map', () => {
    const img = solidImage(3, 2, [10, 20, 30]);
    img.data.set([200, 100, 50], (1 * 3 + 2) * 4);
    const out = warpAffine(img, 3, 2, { a: 1, b: 0, c: 0, d: 0, e: 1, f: 0 });
    expect(Array.from(out.data)).toEqual(Array.from(img.data));
  });

  it('lands a known pixel where the rotation puts it', () => {
    // One white pixel 20 px right of the crop centre; rotating by 90° puts it 20 px above the output centre.
    const img = solidImage(101, 101, [0, 0, 0]);
    img.data.set([255, 255, 255], (50 * 101 + 70) * 4);
    const out = extractCrop(img, { centre: { x: 50.5, y: 50.5 }, side: 41, angle: Math.PI / 2 }, 41);
    expect(red(out, 20, 0)).toBe(255);
    expect(red(out, 20, 20)).toBe(0);
    expect(red(out, 40, 20)).toBe(0);
  });

  it('levels tilted eyes: both eye pixels end on one output row', () => {
    const img = solidImage(100, 100, [0, 0, 0]);
    const re = { x: 40, y: 60 };
    const le = { x: 60, y: 40 };
    img.data.set([255, 255, 255], (re.y * 100 + re.x) * 4);
    img.data.set([255, 255, 255], (le.y * 100 + le.x) * 4);
    const angle = eyeAngle({ x: re.x + 0.5, y: re.y + 0.5 }, { x: le.x + 0.5, y: le.y + 0.5 });
    const out = extractCrop(img, { centre: { x: 50.5, y: 50.5 }, side: 61, angle }, 61);
    const brightest = (x0: number, x1: number): { x: number; y: number } => {
      let best = { x: -1, y: -1, v: -1 };
      for (let y = 0; y < 61; y++)
        for (let x = x0; x < x1; x++) if (red(out, x, y) > best.v) best = { x, y, v: red(out, x, y) };
      return best;
    };
    const a = brightest(0, 30);
    const b = brightest(31, 61);
    expect(a.y).toBe(b.y);
    expect(a.y).toBe(30); // the centre row (centre 30.5): the eye midpoint is the crop centre
    expect(b.x - a.x).toBeGreaterThanOrEqual(27); // eye distance 20√2 ≈ 28.3 px
    expect(b.x - a.x).toBeLessThanOrEqual(29);
  });

  it('averages over the footprint when shrinking', () => {
    // Alternating black/white columns shrink 4:1 to flat mid grey rather than aliasing to one of them.
    const img = solidImage(40, 40, [0, 0, 0]);
    for (let y = 0; y < 40; y++) for (let x = 1; x < 40; x += 2) img.data.set([200, 200, 200], (y * 40 + x) * 4);
    const out = extractCrop(img, { centre: { x: 20, y: 20 }, side: 40, angle: 0 }, 10);
    for (let x = 1; x < 9; x++) expect(red(out, x, 5)).toBe(100);
  });

  it('equals the mean of sampleBilinear taps over each footprint (rotated, shrunk, past the edges)', () => {
    const w = 53;
    const h = 41;
    const data = new Uint8Array(w * h * 4).map((_, i) => (i * 7919 + (i >> 2) * 31) % 256);
    const img: RgbaImage = { width: w, height: h, data };
    const m = cropAffine({ centre: { x: 20, y: 25 }, side: 60, angle: 0.4 }, 17);
    const n = 3;
    const out = warpAffine(img, 17, 17, m, n);
    const rgb = new Float32Array(3);
    for (let v = 0; v < 17; v++) {
      for (let u = 0; u < 17; u++) {
        const sum = [0, 0, 0];
        for (let j = 0; j < n; j++) {
          for (let i = 0; i < n; i++) {
            const p = applyAffine(m, { x: u + (i + 0.5) / n, y: v + (j + 0.5) / n });
            sampleBilinear(img, p.x, p.y, rgb);
            for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (rgb[c] ?? 0);
          }
        }
        for (let c = 0; c < 3; c++) {
          // Float32 taps in the reference against float64 in warpAffine: equal up to the last rounding.
          const got = out.data[(v * 17 + u) * 4 + c] ?? -9;
          expect(Math.abs(got - (sum[c] ?? 0) / (n * n))).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

describe('extractCrops', () => {
  // A 640 × 480 frame with detail at several scales (no flat areas).
  const data = new Uint8Array(640 * 480 * 4);
  for (let y = 0; y < 480; y++) {
    for (let x = 0; x < 640; x++) {
      const o = (y * 640 + x) * 4;
      data[o] = 128 + 100 * Math.sin(x / 7) * Math.cos(y / 11);
      data[o + 1] = (x + 2 * y) % 256;
      data[o + 2] = 128 + 120 * Math.sin((x + y) / 23);
      data[o + 3] = 255;
    }
  }
  const frame: RgbaImage = { width: 640, height: 480, data };
  const same = (a: RgbaImage | undefined, b: RgbaImage): boolean =>
    a !== undefined && Buffer.from(a.data).equals(Buffer.from(b.data));
  const meanAbsDiff = (a: RgbaImage | undefined, b: RgbaImage): number => {
    let sum = 0;
    for (let i = 0; i < b.data.length; i++) if (i % 4 !== 3) sum += Math.abs((a?.data[i] ?? 0) - (b.data[i] ?? 0));
    return sum / ((b.data.length / 4) * 3);
  };

  it('gives exactly extractCrop for a small face (FER2013-sized) and keeps duplicate sizes once', () => {
    const small = wholeImageCrop(48, 48);
    const img = { width: 48, height: 48, data: data.subarray(0, 48 * 48 * 4) };
    const crops = extractCrops(img, small, [64, 64, 112, 48]);
    expect(crops.size).toBe(3);
    for (const size of [64, 112, 48]) expect(same(crops.get(size), extractCrop(img, small, size))).toBe(true);
  });

  it('gives exactly extractCrop for the largest crop, inside the frame or past its edge', () => {
    for (const centre of [
      { x: 320, y: 240 },
      { x: 30, y: 460 },
    ]) {
      const crop = { centre, side: 230, angle: 0.2 };
      expect(same(extractCrops(frame, crop, [64, 112, 48]).get(112), extractCrop(frame, crop, 112))).toBe(true);
    }
  });

  it('area-averages smaller crops of a large face from the largest crop’s taps, close to their own warps', () => {
    const crop = { centre: { x: 320, y: 240 }, side: 230, angle: 0.2 }; // 112 × 2 taps = 224 cells
    const crops = extractCrops(frame, crop, [64, 112, 48]);
    for (const size of [64, 48]) {
      const own = extractCrop(frame, crop, size);
      expect(same(crops.get(size), own)).toBe(false);
      expect(meanAbsDiff(crops.get(size), own)).toBeLessThan(1);
    }
  });

  it('warps a crop on its own when the grid is too coarse to average it from', () => {
    // Side 140: the 112 crop takes 1 tap per pixel, so 64 (2 × 2 taps) would get only 1.75 cells per pixel.
    const crop = { centre: { x: 320, y: 240 }, side: 140, angle: -0.1 };
    const crops = extractCrops(frame, crop, [64, 112, 48]);
    for (const size of [64, 112, 48]) expect(same(crops.get(size), extractCrop(frame, crop, size))).toBe(true);
  });
});
