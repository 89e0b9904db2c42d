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
 * edge pixels repeat, as in sampleBilinear. A face wholly inside the frame takes a kernel without
 * clamps; both kernels do the same float64 operations in the same order, so both give the same bytes.
 */
export function warpAffine(image: RgbaImage, width: number, height: number, m: Affine, samples = 1): RgbaImage {
  return warp(image, width, height, m, samples, false).image;
}

/** Every bilinear tap of a warp: RGB (0..255, unrounded, float32) for each tap, row-major. */
export interface TapGrid {
  /** Taps per row: output width × taps per side. */
  width: number;
  /** Tap rows: output height × taps per side. */
  height: number;
  /** R, G, B of each tap, 3 values per tap. */
  rgb: Float32Array;
}

/**
 * {@link warpAffine}, keeping each tap it averaged: tap (i, j) of output pixel (u, v) is grid cell
 * (u·n + i, v·n + j), the sample at output point (u + (i + ½)/n, v + (j + ½)/n). A grid finer than the crop,
 * from which smaller crops can be area-averaged (area.ts). The image is warpAffine's, byte for byte.
 *
 * The grid lives in one scratch buffer reused by every call (about 600 KB for a large face: a new one per frame
 * doubled the garbage collector's share of a frame), so it is valid only until the next call: use it at once.
 */
export function warpAffineWithTaps(
  image: RgbaImage,
  width: number,
  height: number,
  m: Affine,
  samples = 1,
): { image: RgbaImage; taps: TapGrid } {
  const { image: out, taps } = warp(image, width, height, m, samples, true);
  return { image: out, taps: taps as TapGrid };
}

let scratch = new Float32Array(0);

/** The first `length` floats of the shared tap buffer, grown when too small (see warpAffineWithTaps). */
function tapScratch(length: number): Float32Array {
  if (scratch.length < length) scratch = new Float32Array(length);
  return scratch.subarray(0, length);
}

function warp(
  image: RgbaImage,
  width: number,
  height: number,
  m: Affine,
  samples: number,
  keepTaps: boolean,
): { image: RgbaImage; taps: TapGrid | null } {
  const n = Math.max(1, Math.floor(samples));
  const { au, du } = columnTerms(width, n, m);
  const out = new Uint8ClampedArray(width * height * 4);
  const taps = keepTaps ? tapScratch(width * n * height * n * 3) : null;
  const job = { width, height, n, au, du, m, out, taps };
  if (tapsInside(image, width, height, m)) warpInside(signedWords(image), image.width, job);
  else warpClamped(signedWords(image), image.width, image.height, job);
  return {
    image: { width, height, data: out },
    taps: taps && { width: width * n, height: height * n, rgb: taps },
  };
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
  /** Where to keep each tap as well (see {@link warpAffineWithTaps}), or null. */
  taps: Float32Array | null;
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
        const tapRow = (v * n + j) * width * n * 3;
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
          const tr = blend(p00, p10, p01, p11, w00, w10, w01, w11, 0);
          const tg = blend(p00, p10, p01, p11, w00, w10, w01, w11, 8);
          const tb = blend(p00, p10, p01, p11, w00, w10, w01, w11, 16);
          r += tr;
          g += tg;
          b += tb;
          if (taps !== null) keepTap(taps, tapRow + k * 3, tr, tg, tb);
        }
      }
      out[o] = r * inv;
      out[o + 1] = g * inv;
      out[o + 2] = b * inv;
      out[o + 3] = 255;
    }
  }
}

/** The general kernel: each tap clamped to the image, its right and lower neighbours repeated at the edges. */
function warpClamped(px: Int32Array, w: number, h: number, job: WarpJob): void {
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
        const tapRow = (v * n + j) * width * n * 3;
        for (let k = k0; k < k0 + n; k++) {
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
          const tr = blend(p00, p10, p01, p11, w00, w10, w01, w11, 0);
          const tg = blend(p00, p10, p01, p11, w00, w10, w01, w11, 8);
          const tb = blend(p00, p10, p01, p11, w00, w10, w01, w11, 16);
          r += tr;
          g += tg;
          b += tb;
          if (taps !== null) keepTap(taps, tapRow + k * 3, tr, tg, tb);
        }
      }
      out[o] = r * inv;
      out[o + 1] = g * inv;
      out[o + 2] = b * inv;
      out[o + 3] = 255;
    }
  }
}

/**
 * One channel (the byte at `shift` of each packed RGBA word) of a bilinear tap: the four corners weighted, in
 * this order, which both kernels share so their float64 sums are the same (small enough for V8 to inline).
 */
function blend(
  p00: number,
  p10: number,
  p01: number,
  p11: number,
  w00: number,
  w10: number,
  w01: number,
  w11: number,
  shift: number,
): number {
  return (
    ((p00 >>> shift) & 255) * w00 +
    ((p10 >>> shift) & 255) * w10 +
    ((p01 >>> shift) & 255) * w01 +
    ((p11 >>> shift) & 255) * w11
  );
}

function keepTap(taps: Float32Array, at: number, r: number, g: number, b: number): void {
  taps[at] = r;
  taps[at + 1] = g;
  taps[at + 2] = b;
}
