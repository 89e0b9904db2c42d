/**
 * Builds a webcam-like clip from face photos: each photo scaled up (nearest neighbour, as small crops such as
 * FER2013's 48×48 faces would look through a low-resolution camera) and centred on a grey 320×240 frame, shown
 * for a few seconds. For `eval:ci`'s analyze checks, which must not commit the research data they read.
 */
import { readFileSync } from 'node:fs';
import { decodeImage } from '../../engine/vision/decode';
import type { RgbaImage } from '../../engine/vision/image';
import { writeClip } from './y4m-writer';

export interface FaceClipOptions {
  /** Frame size, px (default 320×240). */
  width?: number;
  height?: number;
  /** Height of the face on the frame, px (default 192: a face filling most of a small webcam frame). */
  faceSize?: number;
  /** Seconds each photo stays on screen (default 2). */
  secondsPerImage?: number;
  /** Frames per second of the clip (default 2, the live app's capture rate). */
  fps?: number;
}

/** One photo on a grey frame, scaled to `faceSize` px high. */
export function framedFace(face: RgbaImage, options: FaceClipOptions = {}): RgbaImage {
  const width = options.width ?? 320;
  const height = options.height ?? 240;
  const size = Math.min(options.faceSize ?? 192, height);
  const w = Math.min(width, Math.round((face.width / face.height) * size));
  const data = new Uint8Array(width * height * 4).fill(128);
  const ox = Math.floor((width - w) / 2);
  const oy = Math.floor((height - size) / 2);
  for (let y = 0; y < size; y++) {
    const sy = Math.min(face.height - 1, Math.floor((y / size) * face.height));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(face.width - 1, Math.floor((x / w) * face.width));
      const si = (sy * face.width + sx) * 4;
      data.set(face.data.subarray(si, si + 3), ((y + oy) * width + x + ox) * 4);
    }
  }
  return { width, height, data };
}

/** Writes a .y4m clip of the given photo files, in order. */
export function writeFaceClip(files: readonly string[], out: string, options: FaceClipOptions = {}): void {
  const frames = files.map((file) => framedFace(decodeImage(new Uint8Array(readFileSync(file))), options));
  writeClip(frames, out, { fps: options.fps ?? 2, secondsPerImage: options.secondsPerImage ?? 2 });
}
