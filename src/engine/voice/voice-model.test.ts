import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { foldToEmotions, linearSoftmax, validateVoiceModel, type VoiceModelFile } from './voice-model';

/** A valid two-feature, two-label model to mutate. */
export function tinyModel(): VoiceModelFile {
  const linear = {
    mean: [0, 0],
    scale: [1, 1],
    weights: [
      [1, 0],
      [0, 1],
    ],
    bias: [0, 0],
  };
  return {
    format: 'attune-voice-emotion',
    featureVersion: 1,
    featureNames: ['a', 'b'],
    labels: ['neutral', 'angry'],
    global: structuredClone(linear),
    speaker: {
      ...structuredClone(linear),
      populationMean: [0, 0],
      priorUtterances: 2,
      minUtterances: 3,
      calibrationOffset: [0, 0],
    },
    provenance: {},
  };
}

describe('validateVoiceModel', () => {
  it('accepts a well-formed model', () => {
    expect(validateVoiceModel(tinyModel(), 1).labels).toEqual(['neutral', 'angry']);
  });

  it('accepts calm as an output of its own', () => {
    const m = tinyModel();
    m.labels = ['calm', 'angry'];
    expect(validateVoiceModel(m, 1).labels).toEqual(['calm', 'angry']);
  });

  it.each<[string, (m: VoiceModelFile) => unknown]>([
    ['format', (m) => ((m as { format: string }).format = 'other')],
    ['feature version', (m) => (m.featureVersion = 2)],
    ['labels', (m) => (m.labels = ['neutral', 'bored' as 'sad'])],
    ['repeated label', (m) => (m.labels = ['angry', 'angry'])],
    ['scale', (m) => (m.global.scale = [1, 0])],
    ['weights', (m) => (m.speaker.weights = [[1, 2]])],
    ['bias', (m) => (m.global.bias = [0, Number.NaN])],
    ['populationMean', (m) => (m.speaker.populationMean = [0])],
    ['calibrationOffset', (m) => delete (m.speaker as Partial<VoiceModelFile['speaker']>).calibrationOffset],
    ['minUtterances', (m) => (m.speaker.minUtterances = 0)],
  ])('rejects a bad %s as model-corrupt', (_, mutate) => {
    const m = tinyModel();
    mutate(m);
    expect(() => validateVoiceModel(m, 1)).toThrow(AttuneError);
    expect(() => validateVoiceModel(null, 1)).toThrow(/not an object/);
  });
});

describe('foldToEmotions', () => {
  it('puts each output at its label in EMOTIONS order and adds calm to neutral', () => {
    const p = foldToEmotions(['sad', 'calm', 'neutral', 'angry'], [0.1, 0.2, 0.3, 0.4]);
    // EMOTIONS: neutral happy sad angry fearful disgusted surprised
    expect(Array.from(p)).toEqual([0.5, 0, 0.1, 0.4, 0, 0, 0]);
  });
});

describe('linearSoftmax', () => {
  it('standardises, applies the weights and normalises', () => {
    const m = {
      mean: [1, 0],
      scale: [2, 1],
      weights: [
        [1, 0],
        [0, 1],
      ],
      bias: [0, Math.log(2)],
    };
    // z = [(3 − 1)/2, 0] = [1, 0]; logits = [1, ln 2]; softmax = [e, 2] / (e + 2)
    const p = linearSoftmax(m, [3, 0]);
    expect(p[0]).toBeCloseTo(Math.E / (Math.E + 2), 12);
    expect(p[1]).toBeCloseTo(2 / (Math.E + 2), 12);
  });

  it('clamps standardised inputs at ±8 so one absurd feature cannot dominate', () => {
    const m = { mean: [0], scale: [1], weights: [[1], [0]], bias: [0, 0] };
    expect(linearSoftmax(m, [1e9])[0]).toBeCloseTo(Math.exp(8) / (Math.exp(8) + 1), 12);
  });
});
