import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, type EmotionProbs } from '../../shared/labels';
import type { ExpressionModelId } from './expression';
import {
  STACKER_FORMAT,
  applyStacker,
  loadStacker,
  parseStacker,
  stackRow,
  stackerFeatures,
  type StackerWeights,
} from './expression-stacker';
import { rejectionKind } from './test-support';

const probs = (v: number[]): EmotionProbs => Object.fromEntries(EMOTIONS.map((e, i) => [e, v[i] ?? 0])) as EmotionProbs;
const diag = (a: number, b: number): number[][] =>
  EMOTIONS.map((_, c) => [
    ...EMOTIONS.map((__, k) => (k === c ? a : 0)),
    ...EMOTIONS.map((__, k) => (k === c ? b : 0)),
  ]);
const stacker = (over: Partial<StackerWeights> = {}): StackerWeights => ({
  format: STACKER_FORMAT,
  version: 1,
  models: ['human', 'faceapi'],
  weights: diag(1, 0),
  bias: [0, 0, 0, 0, 0, 0, 0],
  floor: 1e-4,
  ...over,
});

describe('stacker maths', () => {
  const h = probs([0.5, 0.2, 0.1, 0.1, 0.05, 0.05, 0]);
  const f = probs([0.1, 0.6, 0.1, 0.1, 0.05, 0.05, 0]);
  const parts = new Map<ExpressionModelId, EmotionProbs>([
    ['human', h],
    ['faceapi', f],
  ]);

  it('takes floored log-probabilities in the stacker model order', () => {
    const row = stackerFeatures(stacker(), parts);
    expect(row).toHaveLength(14);
    expect(row[0]).toBeCloseTo(Math.log(0.5), 12);
    expect(row[6]).toBeCloseTo(Math.log(1e-4), 12); // surprised 0 → floor
    expect(row[8]).toBeCloseTo(Math.log(0.6), 12);
  });

  it('with weight 1 on one model and no bias gives that model back', () => {
    const out = applyStacker(stacker(), parts);
    expect(out.neutral).toBeCloseTo(0.5 / (1 + 1e-4), 6);
    expect(out.happy).toBeCloseTo(0.2 / (1 + 1e-4), 6);
  });

  it('is a normalised geometric mean with weights ½, ½; a bias multiplies its class by e^bias', () => {
    const out = applyStacker(stacker({ weights: diag(0.5, 0.5) }), parts);
    const g = [0.5 * 0.1, 0.2 * 0.6].map(Math.sqrt);
    expect(out.happy / out.neutral).toBeCloseTo((g[1] ?? 0) / (g[0] ?? 1), 9);
    const shifted = stackRow({ weights: [[0], [0]], bias: [Math.log(3), 0] }, [1]);
    expect(shifted[0]).toBeCloseTo(0.75, 12);
  });
});

describe('stacker file', () => {
  it('accepts a well-formed file and rejects malformed ones as model-corrupt', () => {
    expect(parseStacker(JSON.parse(JSON.stringify(stacker())))).toMatchObject({ models: ['human', 'faceapi'] });
    const bad: unknown[] = [
      null,
      { ...stacker(), format: 'x' },
      { ...stacker(), models: ['human', 'human'] },
      { ...stacker(), models: ['other'] },
      { ...stacker(), weights: diag(1, 0).slice(1) },
      { ...stacker(), bias: [0, 0, 0] },
      { ...stacker(), bias: [0, 0, 0, 0, 0, 0, Number.NaN] },
      { ...stacker(), floor: 0 },
    ];
    for (const value of bad) expect(() => parseStacker(value)).toThrow(AttuneError);
  });

  it("is 'model-missing' when absent and 'model-corrupt' when not JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attune-stacker-'));
    try {
      expect(await rejectionKind(loadStacker(join(dir, 'none.json')))).toBe('model-missing');
      await writeFile(join(dir, 'bad.json'), '{"format": ');
      expect(await rejectionKind(loadStacker(join(dir, 'bad.json')))).toBe('model-corrupt');
      await writeFile(join(dir, 'ok.json'), JSON.stringify(stacker()));
      expect((await loadStacker(join(dir, 'ok.json'))).floor).toBe(1e-4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
