/**
 * Y'CbCr → RGBA with the BT.601 limited-range ("studio swing") matrix: the inverse of the encoder in
 * y4m-writer.ts and what ffmpeg's yuv420p output uses for standard-definition video.
 */

/** How chroma is laid out relative to luma. */
export type ChromaLayout = '420' | '444' | 'mono';

export interface YuvFrame {
  width: number;
  height: number;
  layout: ChromaLayout;
  /** The planes back to back as the y4m frame stores them: Y, then Cb, then Cr (absent for mono). */
  planes: Uint8Array;
}

/** Chroma plane size for a layout; 4:2:0 rounds odd sides up, as the YUV4MPEG2 spec does. */
export function chromaSize(layout: ChromaLayout, width: number, height: number): { cw: number; ch: number } {
  if (layout === '444') return { cw: width, ch: height };
  if (layout === 'mono') return { cw: 0, ch: 0 };
  return { cw: Math.ceil(width / 2), ch: Math.ceil(height / 2) };
}

/** Bytes one frame takes in a y4m file. */
export function frameBytes(layout: ChromaLayout, width: number, height: number): number {
  const { cw, ch } = chromaSize(layout, width, height);
  return width * height + 2 * cw * ch;
}

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Converts one frame to 8-bit RGBA (alpha 255). Each 4:2:0 chroma sample covers its 2×2 luma block. */
export function yuvToRgba(frame: YuvFrame): Uint8Array {
  const { width, height, layout, planes } = frame;
  const { cw, ch } = chromaSize(layout, width, height);
  const ySize = width * height;
  const out = new Uint8Array(ySize * 4);
  const shift = layout === '420' ? 1 : 0;
  for (let y = 0; y < height; y++) {
    const crow = (y >> shift) * cw;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const c = 1.164 * ((planes[i] ?? 0) - 16);
      let u = 0;
      let v = 0;
      if (layout !== 'mono') {
        const ci = crow + (x >> shift);
        u = (planes[ySize + ci] ?? 128) - 128;
        v = (planes[ySize + cw * ch + ci] ?? 128) - 128;
      }
      const o = i * 4;
      out[o] = clamp(c + 1.596 * v);
      out[o + 1] = clamp(c - 0.813 * v - 0.391 * u);
      out[o + 2] = clamp(c + 2.018 * u);
      out[o + 3] = 255;
    }
  }
  return out;
}
