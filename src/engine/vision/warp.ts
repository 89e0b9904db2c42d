import type { Point } from '../../shared/mood';
import { pixelWords, type RgbaImage } from './image';

/** Maps output continuous coordinates (u, v) to source ones: sx = a·u + b·v + c, sy = d·u + e·v + f. */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m.a * p.x + m.b * p.y + m.c, y: m.d * p.x + m.e * p.y + m.f };
}

/**
 * True when every bilinear tap of a width × height warp through `m` has its four neighbours inside the
 * image, so no tap needs clamping (a margin of 1/1000 px keeps float rounding on the safe side). The taps
 * lie inside the output square, whose image under `m` is a parallelogram: its corners bound them.
 */
export function tapsInside(image: RgbaImage, width: number, height: number, m: Affine): boolean {
  const corners: readonly (readonly [number, number])[] = [
    [0, 0],
    [width, 0],
    [0, height],
    [width, height],
  ];
  return corners.every(([u, v]) => {
    const x = m.a * u + m.b * v + m.c - 0.5;
    const y = m.d * u + m.e * v + m.f - 0.5;
    return x >= 0.001 && x <= image.width - 2.001 && y >= 0.001 && y <= image.height - 2.001;
  });
}

/**
 * Resamples `image` through the inverse map `m` into a width × height RGBA image. Each output pixel
 * averages samples × samples bilinear taps spread over its footprint, so shrinking a large face
 * does not alias (a plain bilinear tap at 1/3 scale skips two pixels in three). Outside the image the
 * edge pixels repeat, as in sampleBilinear. A face wholly inside the frame takes a fused kernel, one at
 * its edge the tap grid ({@link warpTaps}) and {@link averageTaps}: the same float64 operations in the
 * same order, so both give the same bytes.
 */
export function warpAffine(image: RgbaImage, width: number, height: number, m: Affine, samples = 1): RgbaImage {
  const n = Math.max(1, Math.floor(samples));
  if (!tapsInside(image, width, height, m)) return averageTaps(warpTaps(image, width, height, m, n), n);
  const { au, du } = columnTerms(width, n, m);
  const out = new Uint8ClampedArray(width * height * 4);
  warpInside(signedWords(image), image.width, { width, height, n, au, du, m, out, taps: null });
  return { width, height, data: out };
}

/** {@link warpAffine} and its {@link warpTaps} grid from one pass over the taps. */
export function warpAffineWithTaps(
  image: RgbaImage,
  width: number,
  height: number,
  m: Affine,
  samples = 1,
): { image: RgbaImage; taps: TapGrid } {
  const n = Math.max(1, Math.floor(samples));
  if (!tapsInside(image, width, height, m)) {
    const grid = warpTaps(image, width, height, m, n);
    return { image: averageTaps(grid, n), taps: grid };
  }
  const { au, du } = columnTerms(width, n, m);
  const out = new Uint8ClampedArray(width * height * 4);
  const rgb = new Float64Array(width * n * height * n * 3);
  warpInside(signedWords(image), image.width, { width, height, n, au, du, m, out, taps: rgb });
  return { image: { width, height, data: out }, taps: { width: width * n, height: height * n, rgb } };
}

/** Every bilinear tap of a warp: RGB (0..255, unrounded float64) for each tap, row-major. */
export interface TapGrid {
  /** Taps per row: output width × taps per side. */
  width: number;
  /** Tap rows: output height × taps per side. */
  height: number;
  /** R, G, B of each tap, 3 values per tap. */
  rgb: Float64Array;
}

/**
 * The taps warpAffine(image, width, height, m, n) averages, each kept: tap (i, j) of output pixel (u, v) is
 * grid cell (u·n + i, v·n + j), the sample at output point (u + (i + ½)/n, v + (j + ½)/n), clamped to the
 * image. A finer grid than the crop itself, from which smaller crops can be area-averaged (area.ts).
 */
export function warpTaps(image: RgbaImage, width: number, height: number, m: Affine, samples = 1): TapGrid {
  const n = Math.max(1, Math.floor(samples));
  const { au, du } = columnTerms(width, n, m);
  const px = signedWords(image);
  const { width: w, height: h } = image;
  const { b: mb, c, e, f } = m;
  const rgb = new Float64Array(width * n * height * n * 3);
  let o = 0;
  for (let v = 0; v < height; v++) {
    for (let j = 0; j < n; j++) {
      const vv = v + (j + 0.5) / n;
      const bv = mb * vv;
      const ev = e * vv;
      for (let k = 0; k < width * n; k++, o += 3) {
        const fx = Math.min(Math.max((au[k] as number) + bv + c - 0.5, 0), w - 1);
        const fy = Math.min(Math.max((du[k] as number) + ev + f - 0.5, 0), h - 1);
        const x0 = fx | 0;
        const y0 = fy | 0;
        const ax = fx - x0;
        const ay = fy - y0;
        const i00 = y0 * w + x0;
        const i10 = x0 + 1 < w ? i00 + 1 : i00;
        const i01 = y0 + 1 < h ? i00 + w : i00;
        const i11 = i01 + (i10 - i00);
        const bx = 1 - ax;
        const by = 1 - ay;
        const w00 = bx * by;
        const w10 = ax * by;
        const w01 = bx * ay;
        const w11 = ax * ay;
        // In range by construction (clamped above).
        const p00 = px[i00] as number;
        const p10 = px[i10] as number;
        const p01 = px[i01] as number;
        const p11 = px[i11] as number;
        rgb[o] = (p00 & 255) * w00 + (p10 & 255) * w10 + (p01 & 255) * w01 + (p11 & 255) * w11;
        rgb[o + 1] =
          ((p00 >>> 8) & 255) * w00 + ((p10 >>> 8) & 255) * w10 + ((p01 >>> 8) & 255) * w01 + ((p11 >>> 8) & 255) * w11;
        rgb[o + 2] =
          ((p00 >>> 16) & 255) * w00 +
          ((p10 >>> 16) & 255) * w10 +
          ((p01 >>> 16) & 255) * w01 +
          ((p11 >>> 16) & 255) * w11;
      }
    }
  }
  return { width: width * n, height: height * n, rgb };
}

/** The crop a tap grid with n × n taps per pixel stands for: each pixel the mean of its taps, summed in tap order. */
export function averageTaps(grid: TapGrid, samples: number): RgbaImage {
  const n = Math.max(1, Math.floor(samples));
  const width = grid.width / n;
  const height = grid.height / n;
  const { rgb } = grid;
  const inv = 1 / (n * n);
  const out = new Uint8ClampedArray(width * height * 4);
  let o = 0;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++, o += 4) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < n; j++) {
        let t = ((v * n + j) * grid.width + u * n) * 3;
        for (let i = 0; i < n; i++, t += 3) {
          r += rgb[t] as number;
          g += rgb[t + 1] as number;
          b += rgb[t + 2] as number;
        }
      }
      out[o] = r * inv;
      out[o + 1] = g * inv;
      out[o + 2] = b * inv;
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** a·(u + tap offset) and d·(u + tap offset) for each tap column (same values, same order of additions everywhere). */
function columnTerms(width: number, n: number, m: Affine): { au: Float64Array; du: Float64Array } {
  const au = new Float64Array(width * n);
  const du = new Float64Array(width * n);
  for (let u = 0; u < width; u++) {
    for (let i = 0; i < n; i++) {
      au[u * n + i] = m.a * (u + (i + 0.5) / n);
      du[u * n + i] = m.d * (u + (i + 0.5) / n);
    }
  }
  return { au, du };
}

/**
 * The pixels as signed 32-bit words (R in the low byte): with alpha 255 an unsigned word is ≥ 2³¹, which V8
 * cannot keep in a small integer. The bits, and so every channel read with masks, are the same.
 */
function signedWords(image: RgbaImage): Int32Array {
  const words = pixelWords(image);
  return new Int32Array(words.buffer, words.byteOffset, words.length);
}

interface WarpJob {
  width: number;
  height: number;
  /** Taps per side. */
  n: number;
  /** a·(u + tap offset) and d·(u + tap offset) for each tap column. */
  au: Float64Array;
  du: Float64Array;
  m: Affine;
  out: Uint8ClampedArray;
  /** Where to keep each tap as well (see {@link warpTaps}), or null. */
  taps: Float64Array | null;
}

/**
 * The kernel for taps that are all inside (see {@link tapsInside}): no clamping and no edge tests,
 * which the hot loop otherwise pays for on every tap. One 32-bit read per corner (R in the low byte).
 */
function warpInside(px: Int32Array, w: number, job: WarpJob): void {
  const { width, height, n, au, du, out, taps } = job;
  const { b: mb, c, e, f } = job.m;
  const inv = 1 / (n * n);
  let o = 0;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++, o += 4) {
      let r = 0;
      let g = 0;
      let b = 0;
      const k0 = u * n;
      for (let j = 0; j < n; j++) {
        const vv = v + (j + 0.5) / n;
        const bv = mb * vv;
        const ev = e * vv;
        for (let k = k0; k < k0 + n; k++) {
          // In range by tapsInside; `as number` skips undefined checks in this hot loop.
          const fx = (au[k] as number) + bv + c - 0.5;
          const fy = (du[k] as number) + ev + f - 0.5;
          const x0 = fx | 0;
          const y0 = fy | 0;
          const ax = fx - x0;
          const ay = fy - y0;
          const i00 = y0 * w + x0;
          const i01 = i00 + w;
          const bx = 1 - ax;
          const by = 1 - ay;
          const w00 = bx * by;
          const w10 = ax * by;
          const w01 = bx * ay;
          const w11 = ax * ay;
          const p00 = px[i00] as number;
          const p10 = px[i00 + 1] as number;
          const p01 = px[i01] as number;
          const p11 = px[i01 + 1] as number;
          const tr = (p00 & 255) * w00 + (p10 & 255) * w10 + (p01 & 255) * w01 + (p11 & 255) * w11;
          const tg =
            ((p00 >>> 8) & 255) * w00 +
            ((p10 >>> 8) & 255) * w10 +
            ((p01 >>> 8) & 255) * w01 +
            ((p11 >>> 8) & 255) * w11;
          const tb =
            ((p00 >>> 16) & 255) * w00 +
            ((p10 >>> 16) & 255) * w10 +
            ((p01 >>> 16) & 255) * w01 +
            ((p11 >>> 16) & 255) * w11;
          r += tr;
          g += tg;
          b += tb;
          if (taps !== null) {
            const t = ((v * n + j) * width * n + k) * 3;
            taps[t] = tr;
            taps[t + 1] = tg;
            taps[t + 2] = tb;
          }
        }
      }
      out[o] = r * inv;
      out[o + 1] = g * inv;
      out[o + 2] = b * inv;
      out[o + 3] = 255;
    }
  }
}
