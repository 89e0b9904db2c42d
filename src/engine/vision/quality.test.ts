import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, assessQuality, greyLevels, laplacianVariance, mean, ramp, turnRatio } from './quality';
import { solidImage } from './image';

const frontal = [
  { x: 40, y: 40 },
  { x: 60, y: 40 },
  { x: 50, y: 50 },
];

/** side × side checkerboard of 0 and 255 (mean 127.5, very sharp). */
const checker = (side: number): Float32Array => {
  const g = new Float32Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) g[y * side + x] = (x + y) % 2 ? 255 : 0;
  return g;
};

describe('measures', () => {
  it('grey levels use the BT.601 weights', () => {
    expect(greyLevels(solidImage(1, 1, [100, 50, 200]))[0]).toBeCloseTo(82.04, 3);
    expect(mean([1, 2, 3, 6])).toBe(3);
  });

  it('laplacian variance matches a hand computation', () => {
    // 4 × 3, one bright pixel at (1, 1): interior Laplacians −40 at (1, 1) and +10 at (2, 1);
    // mean −15, variance ((−25)² + 25²) / 2 = 625.
    const g = new Float32Array(12);
    g[5] = 10;
    expect(laplacianVariance(g, 4, 3)).toBeCloseTo(625, 9);
    expect(laplacianVariance(new Float32Array(16).fill(77), 4, 4)).toBe(0);
  });

  it('turn ratio is the nose offset along the eye line in eye distances, independent of roll', () => {
    expect(turnRatio(frontal)).toBe(0);
    expect(
      turnRatio([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 8, y: 5 },
      ]),
    ).toBeCloseTo(0.3, 12);
    // The same face rolled 90°: eyes vertical, nose 3 px along the eye line from their midpoint.
    expect(
      turnRatio([
        { x: 0, y: 0 },
        { x: 0, y: 10 },
        { x: -5, y: 8 },
      ]),
    ).toBeCloseTo(0.3, 12);
    expect(turnRatio([])).toBe(0);
  });

  it('ramp is 0.5 at the threshold, 1 at the good value, 0 as far the other way', () => {
    expect(ramp(40, 40, 80)).toBe(0.5);
    expect(ramp(80, 40, 80)).toBe(1);
    expect(ramp(200, 40, 80)).toBe(1);
    expect(ramp(0, 40, 80)).toBe(0);
    expect(ramp(60, 40, 80)).toBe(0.75);
    expect(ramp(0.2, 0.4, 0.2)).toBe(1); // decreasing measures work the same way
    expect(ramp(0.6, 0.4, 0.2)).toBeCloseTo(0, 12);
  });
});

describe('assessQuality', () => {
  it('gives a sharp, bright-enough, large frontal face quality 1 and no flags', () => {
    const q = assessQuality({ faceSide: 120, grey: checker(64), greySide: 64, keypoints: frontal });
    expect(q.flags).toEqual([]);
    expect(q.quality).toBe(1);
  });

  it('flags a small face and scales quality by its factor', () => {
    const q = assessQuality({ faceSide: 30, grey: checker(64), greySide: 64, keypoints: frontal });
    expect(q.flags).toEqual(['too-small']);
    expect(q.quality).toBeCloseTo(0.375, 12); // 0.5 + 0.5 × (30 − 40) / 40
  });

  it('flags a dark, flat crop as too dark and blurred', () => {
    const q = assessQuality({ faceSide: 120, grey: new Float32Array(64 * 64).fill(30), greySide: 64 });
    expect(q.flags).toEqual(['too-dark', 'blurred']);
    expect(q.quality).toBe(0);
    expect(q.measures.meanLuminance).toBe(30);
  });

  it('flags overexposure and a turned head', () => {
    const bright = checker(64).map((v) => (v ? 255 : 200));
    const turned = [frontal[0], frontal[1], { x: 60, y: 50 }].filter((p) => p !== undefined); // ratio 0.5
    const q = assessQuality({ faceSide: 120, grey: bright, greySide: 64, keypoints: turned });
    expect(q.flags).toEqual(['overexposed', 'turned-away']);
    expect(q.measures.turn).toBeCloseTo(0.5, 12);
  });

  it('uses custom thresholds', () => {
    const q = assessQuality(
      { faceSide: 120, grey: checker(64), greySide: 64, keypoints: frontal },
      { ...DEFAULT_THRESHOLDS, minFacePx: 200 },
    );
    expect(q.flags).toEqual(['too-small']);
  });
});
