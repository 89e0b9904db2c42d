import { describe, expect, it } from 'vitest';
import { boxOnPreview, containRect } from './preview-geometry';

describe('containRect', () => {
  it('fills an element of the same shape', () => {
    expect(containRect({ width: 640, height: 480 }, { width: 320, height: 240 })).toEqual({
      x: 0,
      y: 0,
      width: 320,
      height: 240,
    });
  });

  it('letterboxes a wide picture in a 4:3 element (bars above and below)', () => {
    // 1280×720 into 320×240: scale 0.25 → 320×180, (240 − 180) / 2 = 30 above.
    expect(containRect({ width: 1280, height: 720 }, { width: 320, height: 240 })).toEqual({
      x: 0,
      y: 30,
      width: 320,
      height: 180,
    });
  });

  it('pillarboxes a tall picture (bars left and right)', () => {
    // 480×640 into 320×240: scale 0.375 → 180×240, (320 − 180) / 2 = 70 on the left.
    expect(containRect({ width: 480, height: 640 }, { width: 320, height: 240 })).toEqual({
      x: 70,
      y: 0,
      width: 180,
      height: 240,
    });
  });

  it('is empty before the picture or the element has a size', () => {
    expect(containRect({ width: 0, height: 0 }, { width: 320, height: 240 })).toEqual({
      x: 0,
      y: 0,
      width: 0,
      height: 0,
    });
    expect(containRect({ width: 640, height: 480 }, { width: 0, height: 0 })).toEqual({
      x: 0,
      y: 0,
      width: 0,
      height: 0,
    });
  });
});

describe('boxOnPreview', () => {
  const frame = { width: 640, height: 480 };
  const shown = { x: 0, y: 0, width: 320, height: 240 };
  const box = { x: 100, y: 50, width: 200, height: 240 };

  it('scales the box from frame pixels to element pixels', () => {
    expect(boxOnPreview(box, frame, shown, false)).toEqual({ x: 50, y: 25, width: 100, height: 120 });
  });

  it('flips it left to right when the preview is mirrored', () => {
    // Mirrored left edge: 640 − (100 + 200) = 340 frame px → 170 element px.
    expect(boxOnPreview(box, frame, shown, true)).toEqual({ x: 170, y: 25, width: 100, height: 120 });
  });

  it('follows the letterbox offset', () => {
    // 1280×720 frame shown at 320×180 from y = 30: scale 0.25.
    const wide = { width: 1280, height: 720 };
    const bars = { x: 0, y: 30, width: 320, height: 180 };
    expect(boxOnPreview({ x: 400, y: 200, width: 160, height: 200 }, wide, bars, false)).toEqual({
      x: 100,
      y: 80,
      width: 40,
      height: 50,
    });
    // Mirrored: 1280 − 560 = 720 → 180.
    expect(boxOnPreview({ x: 400, y: 200, width: 160, height: 200 }, wide, bars, true)).toEqual({
      x: 180,
      y: 80,
      width: 40,
      height: 50,
    });
  });

  it('clips a box that reaches past the frame, and drops one wholly outside', () => {
    expect(boxOnPreview({ x: -40, y: 400, width: 120, height: 200 }, frame, shown, false)).toEqual({
      x: 0,
      y: 200,
      width: 40,
      height: 40,
    });
    expect(boxOnPreview({ x: 700, y: 10, width: 50, height: 50 }, frame, shown, false)).toBeNull();
  });

  it('gives nothing before the frame or the element has a size', () => {
    expect(boxOnPreview(box, { width: 0, height: 0 }, shown, false)).toBeNull();
    expect(boxOnPreview(box, frame, { x: 0, y: 0, width: 0, height: 0 }, false)).toBeNull();
  });
});
