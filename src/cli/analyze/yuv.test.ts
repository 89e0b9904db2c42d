import { describe, expect, it } from 'vitest';
import { toI420 } from './y4m-writer';
import { chromaSize, frameBytes, yuvToRgba } from './yuv';

const px = (data: Uint8Array, i = 0): number[] => [...data.subarray(i * 4, i * 4 + 4)];

describe('yuvToRgba (BT.601 limited range)', () => {
  it('maps studio black and white to 0 and 255', () => {
    expect(
      px(yuvToRgba({ width: 2, height: 2, layout: '420', planes: Uint8Array.of(16, 16, 16, 16, 128, 128) })),
    ).toEqual([0, 0, 0, 255]);
    expect(
      px(yuvToRgba({ width: 2, height: 2, layout: '420', planes: Uint8Array.of(235, 235, 235, 235, 128, 128) })),
    ).toEqual([255, 255, 255, 255]);
  });

  it('matches hand-computed values for Y=82 U=90 V=240 (pure red)', () => {
    // c = 1.164·66 = 76.82; R = c + 1.596·112 = 255.6 → 255; G = c − 0.813·112 + 0.391·38 = 0.62 → 1;
    // B = c − 2.018·38 = 0.14 → 0.
    const rgba = yuvToRgba({ width: 2, height: 2, layout: '420', planes: Uint8Array.of(82, 82, 82, 82, 90, 240) });
    expect(px(rgba, 3)).toEqual([255, 1, 0, 255]);
  });

  it('inverts the e2e clip writer within ±3 per channel', () => {
    const colours = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [128, 128, 128],
      [224, 172, 140],
      [30, 60, 90],
    ];
    for (const [r = 0, g = 0, b = 0] of colours) {
      const data = new Uint8Array(4 * 4 * 4);
      for (let i = 0; i < 16; i++) data.set([r, g, b, 255], i * 4);
      const back = yuvToRgba({ width: 4, height: 4, layout: '420', planes: toI420({ width: 4, height: 4, data }) });
      for (let i = 0; i < 16; i++) {
        const [br = 0, bg = 0, bb = 0] = px(back, i);
        expect(Math.abs(br - r), `R of ${r},${g},${b}`).toBeLessThanOrEqual(3);
        expect(Math.abs(bg - g), `G of ${r},${g},${b}`).toBeLessThanOrEqual(3);
        expect(Math.abs(bb - b), `B of ${r},${g},${b}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('lets each 4:2:0 chroma sample cover its 2×2 block, odd sides rounded up', () => {
    // 3×3 luma, 2×2 chroma: U = [128, 128, 128, 228] puts blue only in the bottom-right pixel (x 2, y 2).
    const planes = Uint8Array.of(...new Array<number>(9).fill(126), 128, 128, 128, 228, 128, 128, 128, 128);
    const rgba = yuvToRgba({ width: 3, height: 3, layout: '420', planes });
    expect(px(rgba, 0)).toEqual([128, 128, 128, 255]);
    const [, , blue] = px(rgba, 8);
    expect(blue).toBe(255);
    expect(chromaSize('420', 3, 3)).toEqual({ cw: 2, ch: 2 });
    expect(frameBytes('420', 3, 3)).toBe(17);
  });

  it('reads 4:4:4 per pixel and mono as grey', () => {
    expect(frameBytes('444', 2, 1)).toBe(6);
    const rgba = yuvToRgba({ width: 2, height: 1, layout: '444', planes: Uint8Array.of(82, 126, 90, 128, 240, 128) });
    expect(px(rgba, 0)).toEqual([255, 1, 0, 255]);
    expect(px(rgba, 1)).toEqual([128, 128, 128, 255]);
    expect(frameBytes('mono', 2, 1)).toBe(2);
    expect(px(yuvToRgba({ width: 2, height: 1, layout: 'mono', planes: Uint8Array.of(126, 235) }), 1)).toEqual([
      255, 255, 255, 255,
    ]);
  });
});
