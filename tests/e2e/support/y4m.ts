/**
 * Builds a Y4M clip (the format Chromium's fake camera reads) from still photos, so the e2e tests feed
 * real faces through the real pipeline without any committed media. Pure Node: no ffmpeg needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';

export interface ClipOptions {
  width: number;
  height: number;
  fps: number;
  /** How long each photo stays on screen, seconds. */
  secondsPerPhoto: number;
}

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A photo and the part of it the fake camera shows (source pixels). */
export interface Shot {
  file: string;
  crop: { x: number; y: number; width: number; height: number };
}

function decodeJpeg(file: string): Rgba {
  const img = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return { width: img.width, height: img.height, data: img.data };
}

function crop(src: Rgba, c: Shot['crop']): Rgba {
  const data = new Uint8Array(c.width * c.height * 4);
  for (let y = 0; y < c.height; y++) {
    const from = ((c.y + y) * src.width + c.x) * 4;
    data.set(src.data.subarray(from, from + c.width * 4), y * c.width * 4);
  }
  return { width: c.width, height: c.height, data };
}

/** Fits the photo inside width × height (keeping its aspect), grey bars around, bilinear sampling. */
function fit(src: Rgba, width: number, height: number): Rgba {
  const out = new Uint8Array(width * height * 4).fill(96);
  const scale = Math.min(width / src.width, height / src.height);
  const w = Math.round(src.width * scale);
  const h = Math.round(src.height * scale);
  const ox = Math.floor((width - w) / 2);
  const oy = Math.floor((height - h) / 2);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(src.height - 1, (y + 0.5) / scale - 0.5);
    const y0 = Math.max(0, Math.floor(sy));
    const y1 = Math.min(src.height - 1, y0 + 1);
    const fy = Math.max(0, sy - y0);
    for (let x = 0; x < w; x++) {
      const sx = Math.min(src.width - 1, (x + 0.5) / scale - 0.5);
      const x0 = Math.max(0, Math.floor(sx));
      const x1 = Math.min(src.width - 1, x0 + 1);
      const fx = Math.max(0, sx - x0);
      const o = ((y + oy) * width + (x + ox)) * 4;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number): number => src.data[(yy * src.width + xx) * 4 + c] ?? 0;
        const top = p(y0, x0) * (1 - fx) + p(y0, x1) * fx;
        const bottom = p(y1, x0) * (1 - fx) + p(y1, x1) * fx;
        out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** BT.601 limited-range RGB → I420 (4:2:0, chroma averaged over 2×2 blocks). */
export function toI420(img: Rgba): Uint8Array {
  const { width, height, data } = img;
  const ySize = width * height;
  const cw = width / 2;
  const out = new Uint8Array(ySize + 2 * (ySize / 4));
  for (let i = 0; i < ySize; i++) {
    const r = data[i * 4] ?? 0;
    const g = data[i * 4 + 1] ?? 0;
    const b = data[i * 4 + 2] ?? 0;
    out[i] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) {
        const o = ((2 * y + dy) * width + 2 * x + dx) * 4;
        r += data[o] ?? 0;
        g += data[o + 1] ?? 0;
        b += data[o + 2] ?? 0;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[ySize + y * cw + x] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      out[ySize + ySize / 4 + y * cw + x] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return out;
}

/** Writes a Y4M clip showing each shot in turn. */
export function writeClip(shots: Shot[], file: string, options: ClipOptions): void {
  const { width, height, fps, secondsPerPhoto } = options;
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameTag = Buffer.from('FRAME\n');
  const parts: Buffer[] = [header];
  for (const shot of shots) {
    const frame = Buffer.from(toI420(fit(crop(decodeJpeg(shot.file), shot.crop), width, height)));
    for (let i = 0; i < Math.max(1, Math.round(fps * secondsPerPhoto)); i++) parts.push(frameTag, frame);
  }
  writeFileSync(file, Buffer.concat(parts));
}
