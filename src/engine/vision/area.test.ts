import { describe, expect, it } from 'vitest';
import { areaShrink, coverage } from './area';
import type { TapGrid } from './warp';

/** A grid whose R channel is given, G = 2·R, B = 0. */
function grid(width: number, height: number, red: (x: number, y: number) => number): TapGrid {
  const rgb = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rgb[(y * width + x) * 3] = red(x, y);
      rgb[(y * width + x) * 3 + 1] = 2 * red(x, y);
    }
  }
  return { width, height, rgb };
}

describe('coverage', () => {
  it('splits cells cut by an output edge by their overlap, each output summing to 1', () => {
    const c = coverage(7, 2); // k = 3.5: output 0 covers cells 0, 1, 2 and half of 3
    expect(Array.from(c.first)).toEqual([0, 3]);
    expect(Array.from(c.weights[0] ?? [])).toEqual([1 / 3.5, 1 / 3.5, 1 / 3.5, 0.5 / 3.5]);
    expect(Array.from(c.weights[1] ?? [])).toEqual([0.5 / 3.5, 1 / 3.5, 1 / 3.5, 1 / 3.5]);
    for (const [from, to] of [
      [224, 64],
      [224, 48],
      [448, 112],
    ] as const) {
      for (const w of coverage(from, to).weights) expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('areaShrink', () => {
  it('is the block mean when the ratio is a whole number', () => {
    const g = grid(6, 4, (x, y) => 10 * x + y);
    const out = areaShrink(g, 3, 2);
    // Output (0, 0) averages x 0..1, y 0..1: 10 · 0.5 + 0.5 = 5.5, stored as 6 (round half to even).
    expect(out.data[0]).toBe(6);
    expect(out.data[1]).toBe(11); // G = 2 · 5.5
    expect(out.data[2]).toBe(0);
    expect(out.data[3]).toBe(255);
    // Output (2, 1) averages x 4..5, y 2..3: 45 + 2.5 = 47.5 → 48.
    expect(out.data[(1 * 3 + 2) * 4]).toBe(48);
  });

  it('keeps a flat grid flat at any ratio', () => {
    const out = areaShrink(
      grid(224, 224, () => 123.4),
      48,
      48,
    );
    for (let i = 0; i < out.data.length; i += 4) expect([out.data[i], out.data[i + 1]]).toEqual([123, 247]);
  });

  it('weighs the cells an output edge cuts by the part inside', () => {
    // 7 → 2 across: output 0 = (0 + 1 + 2 + 0.5 · 3) / 3.5 with R = x · 35.
    const out = areaShrink(
      grid(7, 1, (x) => x * 35),
      2,
      1,
    );
    expect(out.data[0]).toBe(45); // (0 + 35 + 70 + 52.5) / 3.5 = 45
    expect(out.data[4]).toBe(165); // (52.5 + 140 + 175 + 210) / 3.5 = 165
  });

  it('refuses to enlarge', () => {
    expect(() =>
      areaShrink(
        grid(4, 4, () => 0),
        5,
        4,
      ),
    ).toThrow(RangeError);
  });
});
