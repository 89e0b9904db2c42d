import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, probsToVector, type EmotionProbs } from '../../shared/labels';
import { ExpressionModel, classifyExpression, combineProbs, predictMembers, softmax, toCanonical } from './expression';
import type { RgbaImage } from './image';
import type { FloatTensor, Model } from '../models/model';

const HUMAN_ORDER = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const FACEAPI_ORDER = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
const ATTUNE_ORDER = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'];

const uniform = (): EmotionProbs => Object.fromEntries(EMOTIONS.map((e) => [e, 1 / 7])) as EmotionProbs;

describe('softmax', () => {
  it('matches hand values', () => {
    const [a, b] = softmax([0, Math.log(3)]);
    expect(a).toBeCloseTo(0.25, 12);
    expect(b).toBeCloseTo(0.75, 12);
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]); // no overflow
  });
});

describe('toCanonical', () => {
  it("reorders human's output into canonical order", () => {
    const p = toCanonical([0.1, 0.05, 0.04, 0.5, 0.11, 0.12, 0.08], HUMAN_ORDER);
    const want = [0.08, 0.5, 0.11, 0.1, 0.04, 0.05, 0.12];
    probsToVector(p).forEach((x, i) => expect(x).toBeCloseTo(want[i] ?? -1, 12));
  });

  it("keeps face-api's output, already canonical", () => {
    const v = [0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1];
    probsToVector(toCanonical(v, FACEAPI_ORDER)).forEach((x, i) => expect(x).toBeCloseTo(v[i] ?? -1, 12));
  });

  it('treats a vector that is not a distribution as logits', () => {
    const p = toCanonical([0, 0, 0, Math.log(4), 0, 0, 0], HUMAN_ORDER); // e^x: 1 ×6 and 4 → 4/10
    expect(p.happy).toBeCloseTo(0.4, 12);
    expect(p.neutral).toBeCloseTo(0.1, 12);
  });

  it('drops labels outside the set and renormalises', () => {
    const p = toCanonical([0.5, 0.25, 0.25], ['contempt', 'happy', 'sad']);
    expect(p.happy).toBeCloseTo(0.5, 12);
    expect(p.sad).toBeCloseTo(0.5, 12);
    expect(p.neutral).toBe(0);
  });

  it('refuses a length mismatch as a corrupt model', () => {
    expect(() => toCanonical([1], HUMAN_ORDER)).toThrow(AttuneError);
  });
});

describe('combineProbs', () => {
  it('is the weighted mean', () => {
    const a = { ...uniform(), happy: 1, neutral: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 };
    const b = { ...a, happy: 0, sad: 1 };
    const p = combineProbs([
      { probs: a, weight: 0.7 },
      { probs: b, weight: 0.3 },
    ]);
    expect(p.happy).toBeCloseTo(0.7, 12);
    expect(p.sad).toBeCloseTo(0.3, 12);
    expect(combineProbs([{ probs: a, weight: 2 }]).happy).toBe(1);
  });

  it('needs a positive weight', () => {
    expect(() => combineProbs([])).toThrow(RangeError);
  });
});

/** A fake session that answers per batch row: "happy" for a crop whose left pixel is brighter, else "sad". */
class FakeModel implements Model {
  readonly calls: FloatTensor[] = [];
  constructor(private readonly channels: number) {}
  run(feeds: Record<string, FloatTensor>): Promise<Record<string, FloatTensor>> {
    const input = feeds.input;
    if (!input) throw new Error('no input');
    this.calls.push(input);
    const [n = 0, , w = 0] = input.dims;
    const out = new Float32Array(n * 7);
    for (let i = 0; i < n; i++) {
      const row = input.data.subarray((i * input.data.length) / n);
      const leftBrighter = (row[0] ?? 0) > (row[(w - 1) * this.channels] ?? 0);
      out[i * 7 + (leftBrighter ? 3 : 4)] = 1; // human order: 3 happy, 4 sad
    }
    return Promise.resolve({ probs: { data: out, dims: [n, 7] } });
  }
  release(): Promise<void> {
    return Promise.resolve();
  }
}

/** size × size crop, white in column 0, black elsewhere. */
const leftWhite = (size: number): RgbaImage => {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) data.set([255, 255, 255, 255], y * size * 4);
  return { width: size, height: size, data };
};

describe('classifyExpression', () => {
  it('runs each model on its crop and weights the answers', async () => {
    const fake = new FakeModel(1);
    const human = new ExpressionModel('human', fake, 'input', 'probs', HUMAN_ORDER);
    const p = await classifyExpression([{ model: human, weight: 1 }], new Map([['human', leftWhite(64)]]), false);
    expect(fake.calls[0]?.dims).toEqual([1, 64, 64, 1]);
    expect(p.happy).toBe(1);
  });

  it('with flip, also classifies the mirror image in the same batch and averages', async () => {
    const fake = new FakeModel(1);
    const human = new ExpressionModel('human', fake, 'input', 'probs', HUMAN_ORDER);
    const p = await classifyExpression([{ model: human, weight: 1 }], new Map([['human', leftWhite(64)]]), true);
    expect(fake.calls[0]?.dims).toEqual([2, 64, 64, 1]);
    expect(p.happy).toBeCloseTo(0.5, 12); // the mirrored crop is brighter on the right → "sad"
    expect(p.sad).toBeCloseTo(0.5, 12);
  });

  it("feeds attune's model a 48-px grey crop in [−1, 1], NCHW with one channel", async () => {
    const fake = new FakeModel(1);
    const ours = new ExpressionModel('attune', fake, 'input', 'probs', ATTUNE_ORDER);
    const outputs = await predictMembers([{ model: ours, weight: 1 }], new Map([['attune', leftWhite(48)]]), false);
    const input = fake.calls[0];
    expect(input?.dims).toEqual([1, 1, 48, 48]);
    // Row 0: white then black; row 1 starts white again at index 48. White is (0.9999 − 0.5)·2, the
    // luminance weights 0.2989 + 0.587 + 0.114 summing to 0.9999; black is −1.
    const picked = [0, 1, 47, 48].map((i) => input?.data[i] ?? NaN);
    [0.9998, -1, -1, 0.9998].forEach((want, i) => expect(picked[i]).toBeCloseTo(want, 6));
    // FakeModel answers index 3 ("happy" in human's order) = "happy" in FER2013's folder order too.
    expect(outputs.get('attune')?.probs.happy).toBe(1);
    expect(outputs.get('attune')?.ms).toBeGreaterThanOrEqual(0);
  });

  it('fails clearly when a crop is missing', async () => {
    const human = new ExpressionModel('human', new FakeModel(1), 'input', 'probs', HUMAN_ORDER);
    await expect(classifyExpression([{ model: human, weight: 1 }], new Map(), false)).rejects.toThrow(AttuneError);
  });
});
