import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, type EmotionProbs } from '../../shared/labels';
import { applyAffectHead, decodeAffectHead, encodeAffectHead } from './affect-head';

const D = 3;
const neutral = Object.fromEntries(EMOTIONS.map((e) => [e, e === 'neutral' ? 1 : 0])) as EmotionProbs;
const happy = Object.fromEntries(EMOTIONS.map((e) => [e, e === 'happy' ? 1 : 0])) as EmotionProbs;

function tinyHead(): ReturnType<typeof encodeAffectHead> {
  return encodeAffectHead({
    // valence: bucket 0 → +0.5, bucket 1 → −0.25, bias 0.1; arousal: bucket 2 → 0.2, bias −0.1.
    weights: [Float64Array.from([0.5, -0.25, 0, 0.1]), Float64Array.from([0, 0, 0.2, -0.1])],
    dimensions: D,
    labelCoefficients: [EMOTIONS.map((e) => (e === 'happy' ? 0.3 : 0)), EMOTIONS.map(() => 0)],
    provenance: { note: 'test' },
  });
}

describe('affect head', () => {
  it('round-trips through its file form and reads bias + weights + label term', () => {
    const head = decodeAffectHead(JSON.parse(JSON.stringify(tinyHead())), EMOTIONS.length, D, 'x.json');
    const x = { indices: Int32Array.from([0, 2]), values: Float32Array.from([1, 0.5]) };
    const plain = applyAffectHead(head, EMOTIONS, x.indices, x.values, neutral);
    expect(plain.valence).toBeCloseTo(0.1 + 0.5, 2);
    expect(plain.arousal).toBeCloseTo(-0.1 + 0.2 * 0.5, 2);
    const glad = applyAffectHead(head, EMOTIONS, x.indices, x.values, happy);
    expect(glad.valence - plain.valence).toBeCloseTo(0.3, 6);
  });

  it('clamps its outputs to [-1, 1]', () => {
    const head = decodeAffectHead(tinyHead(), EMOTIONS.length, D, 'x.json');
    const out = applyAffectHead(head, EMOTIONS, Int32Array.from([0]), Float32Array.from([10]), neutral);
    expect(out.valence).toBe(1);
  });

  it('refuses damaged weights and wrong shapes as model-corrupt', () => {
    const good = tinyHead();
    const cases: unknown[] = [
      null,
      { ...good, weights: Buffer.from(new Uint8Array(2 * D)).toString('base64') },
      { ...good, weights: 'AAAA' },
      { ...good, bias: [0] },
      { ...good, outputs: ['arousal', 'valence'] },
      { ...good, labelCoefficients: [[0], [0]] },
    ];
    for (const json of cases) {
      expect(() => decodeAffectHead(json, EMOTIONS.length, D, 'x.json')).toThrowError(AttuneError);
    }
  });
});
