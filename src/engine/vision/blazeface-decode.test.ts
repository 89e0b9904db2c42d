import { describe, expect, it } from 'vitest';
import type { Anchor } from './blazeface-anchors';
import { decodeDetections, iou, sigmoid, weightedNms, type Detection } from './blazeface-decode';

const det = (xMin: number, yMin: number, xMax: number, yMax: number, score: number, kx = 0): Detection => ({
  xMin,
  yMin,
  xMax,
  yMax,
  score,
  keypoints: [{ x: kx, y: 2 * kx }],
});

describe('sigmoid', () => {
  it('matches hand values and clips logits to ±100', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 12);
    expect(sigmoid(-Math.log(3))).toBeCloseTo(0.25, 12);
    expect(sigmoid(1e6)).toBe(sigmoid(100));
    expect(sigmoid(-1e6)).toBe(sigmoid(-100));
    expect(sigmoid(-1e6)).toBeGreaterThan(0);
  });
});

describe('decodeDetections', () => {
  const anchors: Anchor[] = [
    { x: 0.25, y: 0.5 },
    { x: 0.75, y: 0.75 },
  ];
  // Anchor 0 fires: centre offset (+4, −8) px, size 32 × 40, key points at offsets (−6, −10), (6, −10), …
  const reg = new Float32Array(32);
  reg.set([4, -8, 32, 40, -6, -10, 6, -10, 0, 0, 0, 8, -14, -2, 14, -2], 0);
  reg.set([0, 0, 10, 10], 16); // anchor 1: a small box at its centre
  const scores = new Float32Array([Math.log(9), -3]); // sigmoid: 0.9, 0.047

  it('decodes box centre, size and key points relative to the anchor centre in input px', () => {
    const out = decodeDetections(scores, reg, anchors, { inputSize: 128 });
    expect(out).toHaveLength(1);
    const d = out[0];
    // Anchor centre (32, 64); box centre (36, 56); 32 × 40 → x 20..52, y 36..76.
    expect(d?.xMin).toBeCloseTo(20, 6);
    expect(d?.xMax).toBeCloseTo(52, 6);
    expect(d?.yMin).toBeCloseTo(36, 6);
    expect(d?.yMax).toBeCloseTo(76, 6);
    expect(d?.score).toBeCloseTo(0.9, 6);
    expect(d?.keypoints).toEqual([
      { x: 26, y: 54 },
      { x: 38, y: 54 },
      { x: 32, y: 64 },
      { x: 32, y: 72 },
      { x: 18, y: 62 },
      { x: 46, y: 62 },
    ]);
  });

  it('keeps low scores when the threshold allows', () => {
    expect(decodeDetections(scores, reg, anchors, { minScore: 0.01 })).toHaveLength(2);
  });

  it('drops degenerate boxes', () => {
    const flat = reg.slice();
    flat[2] = 0;
    expect(decodeDetections(scores, flat, anchors)).toHaveLength(0);
  });

  it('rejects outputs of the wrong length', () => {
    expect(() => decodeDetections(scores, new Float32Array(10), anchors)).toThrow(RangeError);
  });
});

describe('iou', () => {
  it('is intersection over union', () => {
    // 10×10 boxes overlapping by 5×10: 50 / 150.
    expect(iou(det(0, 0, 10, 10, 1), det(5, 0, 15, 10, 1))).toBeCloseTo(1 / 3, 12);
    expect(iou(det(0, 0, 10, 10, 1), det(10, 0, 20, 10, 1))).toBe(0);
    expect(iou(det(0, 0, 10, 10, 1), det(0, 0, 10, 10, 1))).toBe(1);
  });
});

describe('weightedNms', () => {
  it('blends overlapping detections by score and keeps the best score', () => {
    const a = det(0, 0, 10, 10, 0.9, 10);
    const b = det(1, 1, 11, 11, 0.6, 20); // IoU 81/119 ≈ 0.68 with a
    const far = det(50, 50, 60, 60, 0.7, 5);
    const out = weightedNms([b, far, a], 0.3);
    expect(out).toHaveLength(2);
    const [first, second] = out;
    // (0.9 × 0 + 0.6 × 1) / 1.5 = 0.4; (0.9 × 10 + 0.6 × 11) / 1.5 = 10.4
    expect(first?.xMin).toBeCloseTo(0.4, 12);
    expect(first?.yMax).toBeCloseTo(10.4, 12);
    expect(first?.score).toBe(0.9);
    expect(first?.keypoints[0]?.x).toBeCloseTo(14, 12); // (9 + 12) / 1.5
    expect(first?.keypoints[0]?.y).toBeCloseTo(28, 12);
    expect(second?.score).toBe(0.7);
    expect(second?.xMax).toBeCloseTo(60, 12);
    expect(second?.keypoints[0]?.x).toBeCloseTo(5, 12);
  });

  it('keeps detections that overlap no more than the threshold', () => {
    const out = weightedNms([det(0, 0, 10, 10, 0.9), det(5, 0, 15, 10, 0.8)], 0.4);
    expect(out).toHaveLength(2);
    expect(weightedNms([det(0, 0, 10, 10, 0.9), det(5, 0, 15, 10, 0.8)], 0.3)).toHaveLength(1);
  });

  it('returns nothing for nothing', () => {
    expect(weightedNms([])).toEqual([]);
  });
});
