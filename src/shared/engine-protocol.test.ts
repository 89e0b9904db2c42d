import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from './engine-protocol';

describe('frame encoding', () => {
  it('round-trips header and pixels', () => {
    const pixels = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const bytes = encodeFrame({ type: 'frame', seq: 3, t: 1000, width: 2, height: 1 }, pixels);
    const json = JSON.stringify({ type: 'frame', seq: 3, t: 1000, width: 2, height: 1 });
    // 4-byte little-endian length, then the JSON, then the pixels.
    expect(Array.from(bytes.subarray(0, 4))).toEqual([json.length, 0, 0, 0]);
    const { header, pixels: out } = decodeFrame(bytes);
    expect(header).toEqual({ type: 'frame', seq: 3, t: 1000, width: 2, height: 1 });
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('rejects short, overrunning, malformed and mis-sized frames', () => {
    expect(() => decodeFrame(new Uint8Array([1, 0]))).toThrow(RangeError);
    expect(() => decodeFrame(new Uint8Array([200, 0, 0, 0, 1]))).toThrow(RangeError);
    const bad = encodeFrame({ type: 'frame', seq: 1, t: 0, width: 0, height: 1 }, new Uint8Array(0));
    expect(() => decodeFrame(bad)).toThrow(TypeError);
    const short = encodeFrame({ type: 'frame', seq: 1, t: 0, width: 2, height: 2 }, new Uint8Array(15));
    expect(() => decodeFrame(short)).toThrow(/expected 16/);
  });
});
