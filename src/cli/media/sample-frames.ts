/**
 * Webcam-like 640×480 frames cut from face-api's demo photos (real faces, MIT, in a dev dependency):
 * the bench measures on them and the e2e tests turn them into the fake camera's clip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage } from '../../engine/vision/decode';
import type { RgbaImage } from '../../engine/vision/image';
import { FACE_API_SAMPLES } from '../paths';

/** A photo and the part of it a webcam would show (source pixels). */
export interface Shot {
  file: string;
  crop: { x: number; y: number; width: number; height: number };
}

/** One smiling person each, framed head-and-shoulders. */
export const SMILING_SHOTS: readonly Shot[] = [
  { file: join(FACE_API_SAMPLES, 'sample3.jpg'), crop: { x: 794, y: 30, width: 800, height: 600 } },
  { file: join(FACE_API_SAMPLES, 'sample1.jpg'), crop: { x: 1120, y: 0, width: 800, height: 600 } },
  { file: join(FACE_API_SAMPLES, 'sample6.jpg'), crop: { x: 449, y: 192, width: 640, height: 480 } },
];

function crop(src: RgbaImage, c: Shot['crop']): RgbaImage {
  const data = new Uint8Array(c.width * c.height * 4);
  for (let y = 0; y < c.height; y++) {
    const from = ((c.y + y) * src.width + c.x) * 4;
    data.set(src.data.subarray(from, from + c.width * 4), y * c.width * 4);
  }
  return { width: c.width, height: c.height, data };
}

/** Fits `src` inside width × height keeping its aspect (grey bars around), bilinear sampling. */
export function fit(src: RgbaImage, width: number, height: number): RgbaImage {
  const out = new Uint8Array(width * height * 4).fill(96);
  const scale = Math.min(width / src.width, height / src.height);
  const w = Math.round(src.width * scale);
  const h = Math.round(src.height * scale);
  const ox = Math.floor((width - w) / 2);
  const oy = Math.floor((height - h) / 2);
  const px = (yy: number, xx: number, c: number): number => src.data[(yy * src.width + xx) * 4 + c] ?? 0;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(src.height - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(src.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(src.width - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(src.width - 1, x0 + 1);
      const fx = sx - x0;
      const o = ((y + oy) * width + (x + ox)) * 4;
      for (let c = 0; c < 3; c++) {
        const top = px(y0, x0, c) * (1 - fx) + px(y0, x1, c) * fx;
        const bottom = px(y1, x0, c) * (1 - fx) + px(y1, x1, c) * fx;
        out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** The shot as a width × height RGBA frame (default 640×480). */
export function sampleFrame(shot: Shot, width = 640, height = 480): RgbaImage {
  return fit(crop(decodeImage(readFileSync(shot.file)), shot.crop), width, height);
}
