import type { RgbaImage } from './image';
import type { TapGrid } from './warp';

/** How the cells of a line of `from` cells cover each of `to` equal output cells: a first cell and one weight per cell. */
interface Coverage {
  first: Int32Array;
  /** Weights of cells first, first + 1, …; each output's weights sum to 1. */
  weights: Float64Array[];
}

/** Output cell o spans [o·k, (o + 1)·k) in input cells, k = from / to; each input cell weighs its overlap / k. */
export function coverage(from: number, to: number): Coverage {
  const k = from / to;
  const first = new Int32Array(to);
  const weights: Float64Array[] = [];
  for (let o = 0; o < to; o++) {
    const start = o * k;
    const end = (o + 1) * k;
    const i0 = Math.floor(start);
    const i1 = Math.min(from, Math.ceil(end));
    first[o] = i0;
    const w = new Float64Array(i1 - i0);
    for (let i = i0; i < i1; i++) w[i - i0] = (Math.min(end, i + 1) - Math.max(start, i)) / k;
    weights.push(w);
  }
  return { first, weights };
}

/**
 * Shrinks a tap grid to width × height RGBA by area averaging: each output pixel is the mean of the grid
 * cells under it, cells cut by its edges weighted by the part inside; one rounding at the end. A grid of
 * single bilinear taps about a source pixel apart, area-averaged, filters like the warp's own supersampling
 * (a box about one output pixel wide over bilinear taps), so a smaller crop can come from a larger crop's taps.
 */
export function areaShrink(grid: TapGrid, width: number, height: number): RgbaImage {
  if (width > grid.width || height > grid.height) throw new RangeError('areaShrink only shrinks');
  const cols = coverage(grid.width, width);
  const rows = coverage(grid.height, height);
  const { rgb } = grid;
  // Rows first: each grid row shrunk to `width` columns.
  const across = new Float64Array(grid.height * width * 3);
  for (let y = 0; y < grid.height; y++) {
    for (let x = 0; x < width; x++) {
      const w = cols.weights[x] as Float64Array;
      let t = (y * grid.width + (cols.first[x] as number)) * 3;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = 0; i < w.length; i++, t += 3) {
        const wi = w[i] as number;
        r += (rgb[t] as number) * wi;
        g += (rgb[t + 1] as number) * wi;
        b += (rgb[t + 2] as number) * wi;
      }
      const o = (y * width + x) * 3;
      across[o] = r;
      across[o + 1] = g;
      across[o + 2] = b;
    }
  }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const w = rows.weights[y] as Float64Array;
    const first = rows.first[y] as number;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = 0; i < w.length; i++) {
        const t = ((first + i) * width + x) * 3;
        const wi = w[i] as number;
        r += (across[t] as number) * wi;
        g += (across[t + 1] as number) * wi;
        b += (across[t + 2] as number) * wi;
      }
      const o = (y * width + x) * 4;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}
