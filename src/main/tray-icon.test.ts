import { describe, expect, it } from 'vitest';
import { trayIconBitmap } from './tray-icon';

const pixel = (bitmap: Uint8Array, size: number, x: number, y: number): number[] => {
  const i = (y * size + x) * 4;
  return Array.from(bitmap.subarray(i, i + 4));
};

describe('trayIconBitmap', () => {
  it('is size × size BGRA pixels', () => {
    expect(trayIconBitmap(false, 16)).toHaveLength(16 * 16 * 4);
    expect(trayIconBitmap(false, 32)).toHaveLength(32 * 32 * 4);
  });

  it('draws an opaque teal disc, transparent corners', () => {
    const icon = trayIconBitmap(false, 16);
    // Centre pixel (7.5, 7.5) is 0.707 px from the centre: fully covered. BGRA of #2a9d8f.
    expect(pixel(icon, 16, 7, 7)).toEqual([0x8f, 0x9d, 0x2a, 255]);
    expect(pixel(icon, 16, 0, 0)[3]).toBe(0);
    expect(pixel(icon, 16, 15, 15)[3]).toBe(0);
  });

  it('turns grey while paused', () => {
    expect(pixel(trayIconBitmap(true, 16), 16, 8, 8)).toEqual([0x98, 0x8f, 0x8a, 255]);
  });
});
