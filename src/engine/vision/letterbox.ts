import type { Box, Point } from '../../shared/mood';
import { pixelWords, sampleBilinear, type RgbaImage } from './image';

/**
 * How a source region was fitted into a square model input: model = source × scale + offset.
 * The region keeps its aspect ratio and is centred; the rest of the square is padding.
 */
export interface Letterbox {
  /** Side of the square model input, px. */
  readonly size: number;
  /** Model px per source px. */
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
  /** The source region that was fitted, in source px. */
  readonly region: Box;
}

/** Fits `region` (default: the whole width × height image) into a size × size square. */
export function letterbox(width: number, height: number, size: number, region?: Box): Letterbox {
  const r = region ?? { x: 0, y: 0, width, height };
  const scale = size / Math.max(r.width, r.height);
  return {
    size,
    scale,
    offsetX: (size - r.width * scale) / 2 - r.x * scale,
    offsetY: (size - r.height * scale) / 2 - r.y * scale,
    region: r,
  };
}

/** Maps a point in model px back to source px. */
export function toSource(lb: Letterbox, p: Point): Point {
  return { x: (p.x - lb.offsetX) / lb.scale, y: (p.y - lb.offsetY) / lb.scale };
}

/** Maps a point in source px to model px. */
export function toModel(lb: Letterbox, p: Point): Point {
  return { x: p.x * lb.scale + lb.offsetX, y: p.y * lb.scale + lb.offsetY };
}

/**
 * Renders the letterboxed square as an RGBA image with black padding. Shrinking averages every
 * source pixel into the output pixel its centre falls in (a box filter: plain bilinear at 1/5 scale
 * would alias and cost the detector small faces); enlarging samples bilinearly.
 */
export function renderLetterbox(image: RgbaImage, lb: Letterbox): RgbaImage {
  const { size, scale, offsetX, offsetY, region } = lb;
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 3; i < out.length; i += 4) out[i] = 255;
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(image.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(image.height, Math.ceil(region.y + region.height));
  if (scale < 1) {
    const sums = new Uint32Array(size * size * 3);
    // Pixels per output cell are separable: a run of columns for each output column × rows for each row.
    const colFirst = new Int32Array(size).fill(-1);
    const colCount = new Uint32Array(size);
    const rowCount = new Uint32Array(size);
    for (let x = x0; x < x1; x++) {
      const ox = Math.floor((x + 0.5) * scale + offsetX);
      if (ox < 0 || ox >= size) continue;
      if (colFirst[ox] === -1) colFirst[ox] = x;
      colCount[ox] = (colCount[ox] as number) + 1;
    }
    const px = pixelWords(image);
    const run = uniformRun(colFirst, colCount);
    for (let y = y0; y < y1; y++) {
      const oy = Math.floor((y + 0.5) * scale + offsetY);
      if (oy < 0 || oy >= size) continue;
      rowCount[oy] = (rowCount[oy] as number) + 1;
      if (run) addRunsUniform(px, y * image.width, run, sums, oy * size * 3);
      else addRuns(px, y * image.width, colFirst, colCount, sums, oy * size * 3);
    }
    for (let oy = 0; oy < size; oy++) {
      for (let ox = 0; ox < size; ox++) {
        const n = (rowCount[oy] as number) * (colCount[ox] as number);
        if (n === 0) continue;
        const o = oy * size + ox;
        out[o * 4] = (sums[o * 3] as number) / n;
        out[o * 4 + 1] = (sums[o * 3 + 1] as number) / n;
        out[o * 4 + 2] = (sums[o * 3 + 2] as number) / n;
      }
    }
  } else {
    const rgb = new Float32Array(3);
    // Only output pixels whose centre lies inside the fitted region carry image content.
    const u0 = Math.max(0, Math.ceil(x0 * scale + offsetX - 0.5));
    const u1 = Math.min(size, Math.ceil(x1 * scale + offsetX - 0.5));
    const v0 = Math.max(0, Math.ceil(y0 * scale + offsetY - 0.5));
    const v1 = Math.min(size, Math.ceil(y1 * scale + offsetY - 0.5));
    for (let v = v0; v < v1; v++) {
      for (let u = u0; u < u1; u++) {
        sampleBilinear(image, (u + 0.5 - offsetX) / scale, (v + 0.5 - offsetY) / scale, rgb);
        const o = (v * size + u) * 4;
        out[o] = rgb[0] ?? 0;
        out[o + 1] = rgb[1] ?? 0;
        out[o + 2] = rgb[2] ?? 0;
      }
    }
  }
  return { width: size, height: size, data: out };
}

/** The most pixels {@link addSpan} sums at once. */
const MAX_SPAN = 256;

/** The output columns' pixel runs when they all have one length (≤ MAX_SPAN) and follow each other, as at 640 → 128. */
interface UniformRun {
  /** First output column with pixels, and the one after the last. */
  from: number;
  to: number;
  /** Source column of the first run, and pixels per run. */
  first: number;
  length: number;
}

function uniformRun(colFirst: Int32Array, colCount: Uint32Array): UniformRun | null {
  let from = 0;
  while (from < colCount.length && colCount[from] === 0) from++;
  const length = colCount[from] ?? 0;
  if (length === 0 || length > MAX_SPAN) return null;
  let to = from;
  while (
    to < colCount.length &&
    colCount[to] === length &&
    colFirst[to] === (colFirst[from] as number) + (to - from) * length
  )
    to++;
  for (let ox = to; ox < colCount.length; ox++) if (colCount[ox] !== 0) return null;
  return { from, to, first: colFirst[from] as number, length };
}

/**
 * Adds one source row's pixels to its output row's sums (R, G, B per output column from `o`); indices are in
 * range by construction.
 */
function addRuns(
  px: Uint32Array,
  rowIn: number,
  colFirst: Int32Array,
  colCount: Uint32Array,
  sums: Uint32Array,
  o: number,
): void {
  for (let ox = 0; ox < colCount.length; ox++, o += 3) {
    const n = colCount[ox] as number;
    const first = rowIn + (colFirst[ox] as number);
    for (let start = 0; start < n; start += MAX_SPAN)
      addSpan(px, first + start, first + Math.min(n, start + MAX_SPAN), sums, o);
  }
}

/**
 * Adds pixels `from`…`to` − 1 (at most MAX_SPAN) to sums[o], sums[o + 1], sums[o + 2]. R and B are summed
 * together in the two 16-bit halves of one integer (exact: MAX_SPAN pixels cannot carry from one half into the
 * other).
 */
function addSpan(px: Uint32Array, from: number, to: number, sums: Uint32Array, o: number): void {
  let rb = 0;
  let g = 0;
  for (let i = from; i < to; i++) {
    const p = px[i] as number;
    rb += p & 0x00ff00ff;
    g += (p >>> 8) & 255;
  }
  sums[o] = (sums[o] as number) + (rb & 0xffff);
  sums[o + 1] = (sums[o + 1] as number) + g;
  sums[o + 2] = (sums[o + 2] as number) + (rb >>> 16);
}

/** {@link addRuns} for uniform runs: one pass along the row, no per-column lookups (the same sums). */
function addRunsUniform(px: Uint32Array, rowIn: number, run: UniformRun, sums: Uint32Array, o: number): void {
  let i = rowIn + run.first;
  o += run.from * 3;
  for (let ox = run.from; ox < run.to; ox++, o += 3, i += run.length) addSpan(px, i, i + run.length, sums, o);
}
