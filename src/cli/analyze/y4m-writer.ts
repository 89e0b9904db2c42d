/**
 * Writes a Y4M clip (the format Chromium's fake camera reads) from RGBA frames, so the e2e tests feed
 * real faces through the real pipeline without any committed media. Pure Node: no ffmpeg needed.
 */
import { writeFileSync } from 'node:fs';
import type { RgbaImage } from '../../engine/vision/image';

export interface ClipOptions {
  fps: number;
  /** How long each image stays on screen, seconds. */
  secondsPerImage: number;
}

/** BT.601 limited-range RGB → I420 (4:2:0, chroma averaged over 2×2 blocks). Width and height must be even. */
export function toI420(img: RgbaImage): Uint8Array {
  const { width, height, data } = img;
  const ySize = width * height;
  const cw = width / 2;
  const out = new Uint8Array(ySize + ySize / 2);
  const at = (i: number): number => data[i] ?? 0;
  for (let i = 0; i < ySize; i++) {
    out[i] = Math.round(16 + 0.257 * at(i * 4) + 0.504 * at(i * 4 + 1) + 0.098 * at(i * 4 + 2));
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        const o = ((2 * y + dy) * width + 2 * x + dx) * 4;
        r += at(o) / 4;
        g += at(o + 1) / 4;
        b += at(o + 2) / 4;
      }
      out[ySize + y * cw + x] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      out[ySize + ySize / 4 + y * cw + x] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return out;
}

/** Writes a Y4M clip showing each image in turn; all images share the first one's size. */
export function writeClip(images: readonly RgbaImage[], file: string, options: ClipOptions): void {
  const first = images[0];
  if (!first) throw new Error('a clip needs at least one image');
  const parts: Buffer[] = [
    Buffer.from(`YUV4MPEG2 W${first.width} H${first.height} F${options.fps}:1 Ip A1:1 C420jpeg\n`),
  ];
  const tag = Buffer.from('FRAME\n');
  for (const image of images) {
    const frame = Buffer.from(toI420(image));
    for (let i = 0; i < Math.max(1, Math.round(options.fps * options.secondsPerImage)); i++) parts.push(tag, frame);
  }
  writeFileSync(file, Buffer.concat(parts));
}
