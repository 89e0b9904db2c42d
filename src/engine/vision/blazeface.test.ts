import { describe, expect, it } from 'vitest';
import { BLAZEFACE_FRONT_LAYERS } from './blazeface-anchors';
import { blazeFaceTensor, detectionToSource, gatherOutputs, tileRegions } from './blazeface';
import { letterbox } from './letterbox';

describe('blazeFaceTensor', () => {
  it('scales RGB to [-1, 1] channels-last and drops alpha', () => {
    const t = blazeFaceTensor({ width: 2, height: 1, data: new Uint8Array([0, 255, 51, 9, 102, 204, 0, 0]) });
    expect(Array.from(t).map((v) => Number(v.toFixed(4)))).toEqual([-1, 1, -0.6, -0.2, 0.6, -1]);
  });
});

describe('gatherOutputs', () => {
  it('orders scores and boxes by layer shape, whatever the output names', () => {
    const fill = (n: number, v: number): Float32Array => new Float32Array(n).fill(v);
    const { scores, regressors } = gatherOutputs(
      {
        b: { data: fill(384, 2), dims: [1, 384, 1] },
        a: { data: fill(512 * 16, 3), dims: [1, 512, 16] },
        d: { data: fill(512, 1), dims: [1, 512, 1] },
        c: { data: fill(384 * 16, 4), dims: [1, 384, 16] },
      },
      BLAZEFACE_FRONT_LAYERS,
      128,
    );
    expect(scores).toHaveLength(896);
    expect([scores[0], scores[511], scores[512], scores[895]]).toEqual([1, 1, 2, 2]);
    expect([regressors[0], regressors[512 * 16 - 1], regressors[512 * 16], regressors[896 * 16 - 1]]).toEqual([
      3, 3, 4, 4,
    ]);
  });

  it('reports a model with the wrong outputs as corrupt', () => {
    expect(() => gatherOutputs({}, BLAZEFACE_FRONT_LAYERS, 128)).toThrow(/no output shaped/);
  });
});

describe('detectionToSource', () => {
  it('maps box and key points through the letterbox', () => {
    const lb = letterbox(640, 480, 128); // scale 0.2, 16 px bars
    const d = detectionToSource(
      { xMin: 64, yMin: 16, xMax: 128, yMax: 112, score: 0.8, keypoints: [{ x: 0, y: 64 }] },
      lb,
    );
    expect(d).toEqual({ xMin: 320, yMin: 0, xMax: 640, yMax: 480, score: 0.8, keypoints: [{ x: 0, y: 240 }] });
  });
});

describe('tileRegions', () => {
  it('covers a 640×480 frame with four 416 px squares anchored at the corners', () => {
    expect(tileRegions(640, 480)).toEqual([
      { x: 0, y: 0, width: 416, height: 416 },
      { x: 224, y: 0, width: 416, height: 416 },
      { x: 0, y: 64, width: 416, height: 416 },
      { x: 224, y: 64, width: 416, height: 416 },
    ]);
  });

  it('skips images the whole-frame view already sees well', () => {
    expect(tileRegions(256, 200)).toEqual([]);
  });
});
