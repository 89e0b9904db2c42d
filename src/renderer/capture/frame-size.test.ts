import { describe, expect, it } from 'vitest';
import { fitWithin } from './frame-size';

describe('fitWithin', () => {
  it('keeps a frame that already fits', () => {
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(320, 240)).toEqual({ width: 320, height: 240 });
  });

  it('scales a larger 4:3 frame down to 640×480', () => {
    expect(fitWithin(1280, 960)).toEqual({ width: 640, height: 480 });
  });

  it('keeps the aspect ratio of wide and tall frames', () => {
    // 1920×1080: width limits, scale 1/3 → 640×360.
    expect(fitWithin(1920, 1080)).toEqual({ width: 640, height: 360 });
    // 720×1280: height limits, scale 0.375 → 270×480.
    expect(fitWithin(720, 1280)).toEqual({ width: 270, height: 480 });
  });

  it('rounds to whole pixels, at least 1', () => {
    // 1000×3: scale 0.64 → 640 × 1.92 → 2.
    expect(fitWithin(1000, 3)).toEqual({ width: 640, height: 2 });
    expect(fitWithin(10_000, 1)).toEqual({ width: 640, height: 1 });
  });

  it('refuses empty sources', () => {
    expect(() => fitWithin(0, 480)).toThrow(RangeError);
  });
});
