import { describe, expect, it } from 'vitest';
import { EMOTIONS, argmaxLabel, probsFromVector } from '../../shared/labels';
import type { Emotion, EmotionProbs } from '../../shared/labels';
import { mulberry32 } from '../sim/prng';
import {
  applyPersonalModel,
  crossValidatePersonal,
  fitPersonalModel,
  isPersonalised,
  parsePersonalModel,
  type PersonalExample,
} from './personal-model';

/** A reading centred on `centre` (label -> weight), jittered by `random`, normalised. */
function reading(centre: Partial<Record<Emotion, number>>, random: () => number, jitter = 0.3): EmotionProbs {
  const raw = EMOTIONS.map((l) => (centre[l] ?? 0.02) * Math.exp(jitter * (random() * 2 - 1)));
  const sum = raw.reduce((a, b) => a + b, 0);
  return probsFromVector(raw.map((v) => v / sum));
}

/**
 * A person the generic model misreads in a consistent way: their angry face reads mostly as neutral and their
 * sad face mostly as fearful, with a personal signature (a little disgust, a little surprise) that tells them apart.
 */
const MISREAD: Record<Emotion, Partial<Record<Emotion, number>>> = {
  neutral: { neutral: 0.8, sad: 0.1 },
  happy: { happy: 0.85, neutral: 0.1 },
  sad: { fearful: 0.5, sad: 0.3, surprised: 0.15 },
  angry: { neutral: 0.55, angry: 0.3, disgusted: 0.12 },
  fearful: { fearful: 0.7, surprised: 0.2 },
  disgusted: { disgusted: 0.7, angry: 0.2 },
  surprised: { surprised: 0.8, fearful: 0.1 },
};

function examplesOf(person: Record<Emotion, Partial<Record<Emotion, number>>>, perLabel: number, seed: number) {
  const random = mulberry32(seed);
  const out: PersonalExample[] = [];
  for (const label of EMOTIONS)
    for (let i = 0; i < perLabel; i++) out.push({ label, probs: reading(person[label], random) });
  return out;
}

const accuracy = (items: readonly PersonalExample[], read: (p: EmotionProbs) => EmotionProbs) =>
  items.filter((e) => argmaxLabel(read(e.probs)) === e.label).length / items.length;

describe('personal model', () => {
  it('leaves the reading unchanged without a model or without examples', () => {
    const probs = reading(MISREAD.angry, mulberry32(1));
    expect(applyPersonalModel(null, probs)).toBe(probs);
    const empty = fitPersonalModel('face', []);
    expect(empty.strength).toBe(0);
    expect(empty.examples).toBe(0);
    expect(applyPersonalModel(empty, probs)).toBe(probs);
  });

  it('learns a consistent misreading from one example per label and reads new frames better', () => {
    const calibration = examplesOf(MISREAD, 1, 7);
    const model = fitPersonalModel('face', calibration);
    expect(model.strength).toBeGreaterThan(0);
    expect(model.perLabel.angry).toBe(1);
    const fresh = examplesOf(MISREAD, 30, 99);
    const generic = accuracy(fresh, (p) => p);
    const adapted = accuracy(fresh, (p) => applyPersonalModel(model, p));
    expect(generic).toBeLessThan(0.75);
    expect(adapted).toBeGreaterThan(generic + 0.2);
  });

  it('does not make a person the generic model reads well worse', () => {
    const wellRead = Object.fromEntries(EMOTIONS.map((l) => [l, { [l]: 0.8 }])) as typeof MISREAD;
    const model = fitPersonalModel('voice', examplesOf(wellRead, 2, 3));
    const fresh = examplesOf(wellRead, 30, 4);
    expect(accuracy(fresh, (p) => applyPersonalModel(model, p))).toBeGreaterThanOrEqual(accuracy(fresh, (p) => p));
  });

  it('still predicts labels it has no example of', () => {
    const calibration = examplesOf(MISREAD, 2, 5).filter((e) => e.label !== 'surprised');
    const model = fitPersonalModel('face', calibration);
    expect(model.perLabel.surprised).toBe(0);
    const surprised = examplesOf(MISREAD, 20, 6).filter((e) => e.label === 'surprised');
    expect(accuracy(surprised, (p) => applyPersonalModel(model, p))).toBeGreaterThan(0.9);
  });

  it('outputs probabilities', () => {
    const model = fitPersonalModel('face', examplesOf(MISREAD, 2, 8));
    const out = applyPersonalModel(model, reading(MISREAD.sad, mulberry32(2)));
    const values = EMOTIONS.map((l) => out[l]);
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('after a partial calibration, lets a reading unlike anything taught fall by at most maxPenalty', () => {
    // Only neutral and happy taught; a fresh angry face is far from both prototypes.
    const calibration = examplesOf(MISREAD, 2, 12).filter((e) => e.label === 'neutral' || e.label === 'happy');
    const angry = reading({ angry: 0.5, neutral: 0.4 }, mulberry32(13));
    const bounded = fitPersonalModel('face', calibration);
    const unbounded = fitPersonalModel('face', calibration, { maxPenalty: Infinity });
    expect(bounded.maxPenalty).toBe(1.5);
    expect(unbounded.maxPenalty).toBeUndefined();
    expect(bounded.strength).toBeGreaterThan(0);
    // Unbounded, neutral is pushed far down and the untaught angry takes nearly everything; bounded, the log-odds
    // of angry over neutral rise by at most maxPenalty (plus nothing: angry, untaught, has no tilt of its own).
    const odds = (p: EmotionProbs) => Math.log(p.angry / p.neutral);
    expect(odds(applyPersonalModel(unbounded, angry)) - odds(angry)).toBeGreaterThan(3);
    expect(odds(applyPersonalModel(bounded, angry)) - odds(angry)).toBeLessThanOrEqual(1.5 + 1e-9);
    // With no bound at all (0), an untaught label can only lose mass.
    const strict = fitPersonalModel('face', calibration, { maxPenalty: 0 });
    for (const e of examplesOf(MISREAD, 3, 14)) {
      const out = applyPersonalModel(strict, e.probs);
      for (const l of ['sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const) {
        expect(out[l]).toBeLessThanOrEqual(e.probs[l] + 1e-12);
      }
    }
  });

  it('is deterministic and ignores examples of zero weight', () => {
    const calibration = examplesOf(MISREAD, 2, 9);
    const a = fitPersonalModel('face', calibration);
    const b = fitPersonalModel('face', [...calibration, { label: 'happy', probs: calibration[0]!.probs, weight: 0 }]);
    expect(b).toEqual(a);
  });
});

describe('parsePersonalModel', () => {
  const model = fitPersonalModel('face', examplesOf(MISREAD, 1, 11));

  it('accepts a stored model as it was written', () => {
    const parsed = parsePersonalModel(JSON.parse(JSON.stringify(model)));
    expect(parsed).toEqual({ ok: true, value: model });
  });

  it('reads a model stored before maxPenalty existed as unbounded', () => {
    const old = JSON.parse(JSON.stringify(model)) as Record<string, unknown>;
    delete old.maxPenalty;
    const parsed = parsePersonalModel(old);
    expect(parsed.ok && parsed.value.maxPenalty).toBeUndefined();
  });

  it.each([
    ['not an object', null],
    ['another version', { ...model, version: 2 }],
    ['an unknown modality', { ...model, modality: 'text' }],
    ['negative examples', { ...model, examples: -1 }],
    ['a NaN strength', { ...model, strength: Number.NaN }],
    ['a short weight row', { ...model, weights: { ...model.weights, angry: [1, 2] } }],
    ['an unknown label', { ...model, offsets: { ...model.offsets, bored: 0 } }],
    ['a missing offset', { ...model, offsets: { ...model.offsets, happy: undefined } }],
    ['a huge weight', { ...model, weights: { ...model.weights, sad: [1e9, 0, 0, 0, 0, 0, 0] } }],
    ['a negative maxPenalty', { ...model, maxPenalty: -1 }],
    ['a maxPenalty that is not a number', { ...model, maxPenalty: '1' }],
    ['a bias that is not an object', { ...model, bias: [0, 0, 0, 0, 0, 0, 0] }],
    ['a bias with an unknown label', { ...model, bias: { ...BIAS, bored: 1 } }],
    ['a bias missing a label', { ...model, bias: { ...BIAS, sad: undefined } }],
    ['an infinite bias', { ...model, bias: { ...BIAS, sad: Infinity } }],
  ])('rejects %s', (_, json) => {
    const parsed = parsePersonalModel(json);
    expect(parsed.ok).toBe(false);
  });
});

const BIAS = Object.fromEntries(EMOTIONS.map((l) => [l, 0])) as Record<Emotion, number>;

/**
 * A voice read through a shift the generic model was not trained for (a quiet microphone, a lower voice): every
 * utterance leans toward neutral, sad most of all, with nothing in the reading that tells this person's labels
 * apart better than their overall lean does.
 */
const LEANING: Record<Emotion, Partial<Record<Emotion, number>>> = {
  neutral: { neutral: 0.7, sad: 0.15 },
  happy: { happy: 0.45, neutral: 0.4 },
  sad: { neutral: 0.55, sad: 0.35 },
  angry: { angry: 0.45, neutral: 0.4 },
  fearful: { fearful: 0.5, neutral: 0.3 },
  disgusted: { disgusted: 0.5, neutral: 0.3 },
  surprised: { surprised: 0.5, neutral: 0.3 },
};

describe('voice class offsets', () => {
  it('learn a voice that leans toward neutral from two examples per label and read new utterances better', () => {
    const calibration = examplesOf(LEANING, 2, 5);
    const model = fitPersonalModel('voice', calibration);
    expect(model.bias).toBeDefined();
    expect(model.bias?.sad ?? 0).toBeGreaterThan(model.bias?.neutral ?? 0);
    expect(isPersonalised(model)).toBe(true);
    const fresh = examplesOf(LEANING, 30, 77);
    expect(accuracy(fresh, (p) => applyPersonalModel(model, p))).toBeGreaterThan(accuracy(fresh, (p) => p) + 0.15);
    const parsed = parsePersonalModel(JSON.parse(JSON.stringify(model)));
    expect(parsed).toEqual({ ok: true, value: model });
  });

  it('are left out for a voice the generic model already reads well', () => {
    const wellRead = Object.fromEntries(EMOTIONS.map((l) => [l, { [l]: 0.8 }])) as typeof LEANING;
    const model = fitPersonalModel('voice', examplesOf(wellRead, 2, 5));
    expect(model.bias).toBeUndefined();
  });

  it('are not learnt from one label alone: one calm step must not pull every reading toward calm', () => {
    const random = mulberry32(4);
    const calmOnly = ['a', 'b', 'a', 'b'].map((half) => ({
      label: 'neutral' as const,
      probs: reading(LEANING.happy, random),
      group: `voice-neutral-${half}`,
    }));
    expect(fitPersonalModel('voice', calmOnly).bias).toBeUndefined();
    // With a second label the same calm examples do set offsets (the lean is now measurable).
    const sad = ['a', 'b'].map((half) => ({
      label: 'sad' as const,
      probs: reading(LEANING.sad, random),
      group: `voice-sad-${half}`,
    }));
    expect(fitPersonalModel('voice', [...calmOnly, ...sad]).bias).toBeDefined();
  });

  it('are never learnt from corrections alone (a sample of errors), nor on faces', () => {
    const corrections = examplesOf(LEANING, 2, 5).map((e) => ({ ...e, corrective: true }));
    expect(fitPersonalModel('voice', corrections).bias).toBeUndefined();
    expect(fitPersonalModel('face', examplesOf(LEANING, 2, 5)).bias).toBeUndefined();
  });

  it('isPersonalised is false for no model and the generic one', () => {
    expect(isPersonalised(null)).toBe(false);
    expect(isPersonalised(fitPersonalModel('voice', []))).toBe(false);
  });
});

describe('crossValidatePersonal', () => {
  it('judges every example once, before and after, without scoring an example by itself', () => {
    const calibration = examplesOf(MISREAD, 3, 12).map((e, i) => ({ ...e, group: `${e.label}-${i % 3}` }));
    const { before, after } = crossValidatePersonal('face', calibration);
    const total = (c: typeof before) => EMOTIONS.reduce((s, t) => s + EMOTIONS.reduce((r, p) => r + c[t][p], 0), 0);
    expect(total(before)).toBe(calibration.length);
    expect(total(after)).toBe(calibration.length);
    expect(before.angry.neutral).toBe(3);
    expect(after.angry.angry).toBeGreaterThan(before.angry.angry);
  });
});
