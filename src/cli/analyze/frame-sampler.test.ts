import { describe, expect, it } from 'vitest';
import { sampleEvery } from './frame-sampler';

function kept(clipFps: number, frames: number, fps: number, den = 1): number[] {
  const keep = sampleEvery(fps);
  const out: number[] = [];
  for (let i = 0; i < frames; i++) if (keep(i, (i * 1000 * den) / clipFps)) out.push(i);
  return out;
}

describe('sampleEvery', () => {
  it('keeps the first frame of each 1/fps slot', () => {
    expect(kept(30, 61, 2)).toEqual([0, 15, 30, 45, 60]);
    // 25 fps: frame 12 is at 480 ms, frame 13 at 520 ms, the first one in the 500 ms slot.
    expect(kept(25, 51, 2)).toEqual([0, 13, 25, 38, 50]);
    // NTSC 30000/1001: frame 15 is at 500.5 ms.
    expect(kept(30000, 31, 2, 1001)).toEqual([0, 15, 30]);
  });

  it('keeps every frame of a clip slower than fps', () => {
    expect(kept(1, 4, 2)).toEqual([0, 1, 2, 3]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => sampleEvery(0)).toThrow(RangeError);
    expect(() => sampleEvery(Number.NaN)).toThrow(RangeError);
  });
});
