import { luminance, type RgbaImage } from './image';

/** face-api's per-channel RGB means, subtracted before dividing by 255 (faceExpressionNet's normalize()). */
export const FACEAPI_MEAN_RGB = [122.782, 117.001, 104.298] as const;

/**
 * human's expression input, [N, size, size, 1] NHWC: grey = 0.2989 R + 0.587 G + 0.114 B on
 * 0..1 pixels, then (grey − 0.5) × 2, so black is −1 and white is 1 (human's emotion.ts).
 * All crops must be size × size.
 */
export function humanTensor(crops: readonly RgbaImage[]): Float32Array {
  const n = crops[0] ? crops[0].width * crops[0].height : 0;
  const out = new Float32Array(crops.length * n);
  crops.forEach((crop, k) => {
    const d = crop.data;
    for (let i = 0; i < n; i++) {
      const grey = luminance(d[i * 4] ?? 0, d[i * 4 + 1] ?? 0, d[i * 4 + 2] ?? 0) / 255;
      out[k * n + i] = (grey - 0.5) * 2;
    }
  });
  return out;
}

/** face-api's expression input, [N, size, size, 3] NHWC RGB: (x − mean) / 255 for x in 0..255. */
export function faceApiTensor(crops: readonly RgbaImage[]): Float32Array {
  const n = crops[0] ? crops[0].width * crops[0].height : 0;
  const out = new Float32Array(crops.length * n * 3);
  const [mr, mg, mb] = FACEAPI_MEAN_RGB;
  crops.forEach((crop, k) => {
    const d = crop.data;
    const base = k * n * 3;
    for (let i = 0; i < n; i++) {
      out[base + i * 3] = ((d[i * 4] ?? 0) - mr) / 255;
      out[base + i * 3 + 1] = ((d[i * 4 + 1] ?? 0) - mg) / 255;
      out[base + i * 3 + 2] = ((d[i * 4 + 2] ?? 0) - mb) / 255;
    }
  });
  return out;
}
