import { describe, expect, it } from 'vitest';
import { faceApiTensor, humanTensor } from './expression-input';
import type { RgbaImage } from './image';

const pixels = (...rgb: number[][]): RgbaImage => ({
  width: rgb.length,
  height: 1,
  data: new Uint8Array(rgb.flatMap((p) => [...p, 255])),
});

describe('humanTensor', () => {
  it('is BT.601 grey on 0..1, shifted and doubled to [-1, 1]', () => {
    const t = humanTensor([pixels([0, 0, 0], [255, 255, 255], [100, 50, 200])]);
    expect(t).toHaveLength(3);
    expect(t[0]).toBeCloseTo(-1, 6);
    expect(t[1]).toBeCloseTo(0.9998, 4); // the weights sum to 0.9999
    // 0.2989·100 + 0.587·50 + 0.114·200 = 82.04 → 82.04/255 = 0.321725 → (0.321725 − 0.5)·2
    expect(t[2]).toBeCloseTo(-0.35655, 5);
  });

  it('stacks crops along the batch axis', () => {
    const t = humanTensor([pixels([0, 0, 0]), pixels([255, 255, 255])]);
    expect(Array.from(t).map((v) => Math.round(v))).toEqual([-1, 1]);
  });
});

describe('faceApiTensor', () => {
  it('subtracts the RGB mean and divides by 255, channels last', () => {
    const t = faceApiTensor([pixels([100, 50, 200]), pixels([122.782, 117.001, 104.298].map(Math.round))]);
    expect(t).toHaveLength(6);
    expect(t[0]).toBeCloseTo((100 - 122.782) / 255, 6); // −0.089341
    expect(t[1]).toBeCloseTo((50 - 117.001) / 255, 6); // −0.262749
    expect(t[2]).toBeCloseTo((200 - 104.298) / 255, 6); // 0.375302
    expect(t[3]).toBeCloseTo((123 - 122.782) / 255, 6);
    expect(t[4]).toBeCloseTo((117 - 117.001) / 255, 6);
    expect(t[5]).toBeCloseTo((104 - 104.298) / 255, 6);
  });
});
