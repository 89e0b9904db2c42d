import { describe, expect, it } from 'vitest';
import type { Detection } from './blazeface-decode';
import { choosePrimary, primaryRank } from './primary-face';

/** A square face of side `s` centred at (cx, cy). */
const face = (cx: number, cy: number, s: number): Detection => ({
  xMin: cx - s / 2,
  yMin: cy - s / 2,
  xMax: cx + s / 2,
  yMax: cy + s / 2,
  score: 0.9,
  keypoints: [],
});

describe('primaryRank', () => {
  it('is side / longer image side at the centre, halved at a corner', () => {
    expect(primaryRank(face(320, 240, 160), 640, 480)).toBeCloseTo(0.25, 12);
    expect(primaryRank(face(0, 0, 160), 640, 480)).toBeCloseTo(0.125, 12);
    // Halfway to the right edge: offset (0.5, 0) → 0.5/√2 of the way to a corner.
    expect(primaryRank(face(480, 240, 160), 640, 480)).toBeCloseTo(0.25 * (1 - 0.5 * (0.5 / Math.SQRT2)), 12);
  });
});

describe('choosePrimary', () => {
  it('returns undefined without faces', () => {
    expect(choosePrimary([], 640, 480, null)).toBeUndefined();
  });

  it('prefers the larger face at equal distance from the centre', () => {
    const small = face(200, 240, 80);
    const big = face(440, 240, 120);
    expect(choosePrimary([small, big], 640, 480, null)).toBe(big);
  });

  it('prefers the central face at equal size', () => {
    const central = face(330, 250, 100);
    const edge = face(600, 60, 100);
    expect(choosePrimary([edge, central], 640, 480, null)).toBe(central);
  });

  it('keeps the previous person when the other face is only slightly better', () => {
    const previous = face(200, 240, 100);
    const same = face(205, 242, 100); // moved a little
    const other = face(430, 240, 110); // ranks ≈ 7 % higher: a tie
    expect(primaryRank(other, 640, 480) / primaryRank(same, 640, 480)).toBeLessThan(1 / 0.8);
    expect(choosePrimary([other, same], 640, 480, null)).toBe(other);
    expect(choosePrimary([other, same], 640, 480, previous)).toBe(same);
  });

  it('switches when the other face is clearly better', () => {
    const previous = face(150, 240, 60);
    const same = face(150, 240, 60);
    const other = face(330, 240, 160);
    expect(choosePrimary([same, other], 640, 480, previous)).toBe(other);
  });

  it('ignores a previous face that overlaps nothing', () => {
    const a = face(300, 240, 100);
    const b = face(500, 240, 95);
    expect(choosePrimary([a, b], 640, 480, face(50, 50, 40))).toBe(a);
  });
});
