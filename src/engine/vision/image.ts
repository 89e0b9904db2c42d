import { AttuneError } from '../../shared/envelope';

/** A frame as the capture page sends it: 8-bit RGBA, row-major, no padding between rows. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** Largest side we accept, in pixels: bigger frames are a caller's mistake and would cost seconds. */
export const MAX_IMAGE_SIDE = 4096;

/** Throws AttuneError('bad-input') unless `image` is a well-formed RGBA frame of a sane size. */
export function validateImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new AttuneError('bad-input', `image size must be positive integers, got ${width}×${height}`);
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new AttuneError('bad-input', `image ${width}×${height} exceeds ${MAX_IMAGE_SIDE} px per side`);
  }
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new AttuneError('bad-input', 'image data must be a Uint8Array or Uint8ClampedArray');
  }
  if (data.length !== width * height * 4) {
    throw new AttuneError('bad-input', `image data has ${data.length} bytes, expected ${width * height * 4} (RGBA)`);
  }
}

/**
 * Grey level of an RGB pixel, 0..255, with the ITU-R BT.601 weights. These are also the weights
 * human's expression model was trained with (0.2989, 0.5870, 0.1140), so one function serves both.
 */
export function luminance(r: number, g: number, b: number): number {
  return 0.2989 * r + 0.587 * g + 0.114 * b;
}

/**
 * Samples `image` at continuous coordinates (x, y), where pixel (i, j) covers [i, i+1) × [j, j+1),
 * so its centre is (i + 0.5, j + 0.5). Bilinear between the four nearest pixel centres; outside
 * the image the edge pixels are repeated (a face crop reaching past the frame edge then looks like
 * a smeared border rather than a black bar, which expression models never saw in training).
 * Writes R, G, B (0..255, fractional) into `out` at `offset`.
 */
export function sampleBilinear(image: RgbaImage, x: number, y: number, out: Float32Array, offset = 0): void {
  const { width, height, data } = image;
  const fx = Math.min(Math.max(x - 0.5, 0), width - 1);
  const fy = Math.min(Math.max(y - 0.5, 0), height - 1);
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const ax = fx - x0;
  const ay = fy - y0;
  const i00 = (y0 * width + x0) * 4;
  const i10 = (y0 * width + x1) * 4;
  const i01 = (y1 * width + x0) * 4;
  const i11 = (y1 * width + x1) * 4;
  const w00 = (1 - ax) * (1 - ay);
  const w10 = ax * (1 - ay);
  const w01 = (1 - ax) * ay;
  const w11 = ax * ay;
  for (let c = 0; c < 3; c++) {
    out[offset + c] =
      (data[i00 + c] ?? 0) * w00 + (data[i10 + c] ?? 0) * w10 + (data[i01 + c] ?? 0) * w01 + (data[i11 + c] ?? 0) * w11;
  }
}

/** Mirrors an RGBA image left to right (used for flip-averaged expression inference). */
export function flipHorizontal(image: RgbaImage): RgbaImage {
  const { width, height, data } = image;
  const out = new Uint8ClampedArray(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4;
      const dst = (y * width + (width - 1 - x)) * 4;
      out[dst] = data[src] ?? 0;
      out[dst + 1] = data[src + 1] ?? 0;
      out[dst + 2] = data[src + 2] ?? 0;
      out[dst + 3] = data[src + 3] ?? 0;
    }
  }
  return { width, height, data: out };
}

/** Creates an image filled with one colour (tests and padding). */
export function solidImage(width: number, height: number, rgb: readonly [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
    data[i + 3] = 255;
  }
  return { width, height, data };
}

/** Copies the integer rectangle (x, y, width, height), which must lie inside `image`. */
export function cropRgba(image: RgbaImage, x: number, y: number, width: number, height: number): RgbaImage {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * image.width + x) * 4;
    out.set(image.data.subarray(start, start + width * 4), row * width * 4);
  }
  return { width, height, data: out };
}

/** True on little-endian hosts, where an RGBA pixel read as one 32-bit word has R in its low byte. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The image's pixels as 32-bit words (R in bits 0–7, G 8–15, B 16–23), sharing its memory: one read per
 * pixel instead of three in resampling loops. Copies when the data is not 4-byte aligned or the host is
 * big-endian (then the words are assembled from bytes), so the result is the same everywhere.
 */
export function pixelWords(image: RgbaImage): Uint32Array {
  const { data } = image;
  if (LITTLE_ENDIAN && data.byteOffset % 4 === 0)
    return new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
  const out = new Uint32Array(data.length >> 2);
  for (let i = 0; i < out.length; i++) {
    out[i] =
      ((data[i * 4] ?? 0) |
        ((data[i * 4 + 1] ?? 0) << 8) |
        ((data[i * 4 + 2] ?? 0) << 16) |
        ((data[i * 4 + 3] ?? 0) << 24)) >>>
      0;
  }
  return out;
}
