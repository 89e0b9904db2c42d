import { describe, expect, it } from 'vitest';
import { framedFace } from './face-clip';

describe('framedFace', () => {
  it('centres a scaled-up face on a grey frame', () => {
    // A 2×2 face: red, green / blue, white; scaled to 4 px high on an 8×6 frame.
    const face = {
      width: 2,
      height: 2,
      data: new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]),
    };
    const frame = framedFace(face, { width: 8, height: 6, faceSize: 4 });
    const px = (x: number, y: number): number[] => [...frame.data.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 3)];
    expect(px(0, 0)).toEqual([128, 128, 128]);
    expect(px(2, 1)).toEqual([255, 0, 0]);
    expect(px(3, 2)).toEqual([255, 0, 0]);
    expect(px(4, 1)).toEqual([0, 255, 0]);
    expect(px(2, 3)).toEqual([0, 0, 255]);
    expect(px(5, 4)).toEqual([255, 255, 255]);
    expect(px(6, 4)).toEqual([128, 128, 128]);
  });
});
