import { describe, expect, it } from 'vitest';
import { valenceArousal } from '../mood/affect';
import type { EmotionProbs } from '../../shared/labels';
import { emptyObservation, expressionConfidence, faceObservation, labelFor } from './observation';

const probs: EmotionProbs = {
  neutral: 0.2,
  happy: 0.6,
  sad: 0.04,
  angry: 0.04,
  fearful: 0.04,
  disgusted: 0.04,
  surprised: 0.04,
};

describe('confidence and label', () => {
  it('averages the top probability and its margin, scaled by quality', () => {
    expect(expressionConfidence(probs, 1)).toBeCloseTo(0.5, 12); // (0.6 + 0.4) / 2
    expect(expressionConfidence(probs, 0.5)).toBeCloseTo(0.25, 12);
    const tie = { ...probs, happy: 0.4, neutral: 0.4, sad: 0.04 };
    expect(expressionConfidence(tie, 1)).toBeCloseTo(0.2, 12);
  });

  it("is the argmax label unless confidence is under 0.35, then 'unknown'", () => {
    expect(labelFor(probs, 0.5)).toBe('happy');
    expect(labelFor(probs, 0.34)).toBe('unknown');
    expect(labelFor(probs, 0.2, 0.1)).toBe('happy');
  });
});

describe('observations', () => {
  it('reports no face plainly', () => {
    const o = emptyObservation(5, 0, { total: 1 });
    expect(o).toMatchObject({
      t: 5,
      face: null,
      probs: null,
      label: 'unknown',
      confidence: 0,
      quality: 0,
      flags: ['no-face'],
    });
  });

  it('fills valence and arousal from the shared circumplex', () => {
    const o = faceObservation({
      t: 1,
      faceCount: 2,
      face: { x: 1, y: 2, width: 3, height: 4, score: 0.9 },
      probs,
      quality: 0.5,
      flags: [],
      timings: {},
    });
    const va = valenceArousal(probs);
    expect(o.valence).toBe(va.valence);
    expect(o.arousal).toBe(va.arousal);
    expect(o.confidence).toBeCloseTo(0.25, 12);
    expect(o.label).toBe('unknown');
    expect(o.faceCount).toBe(2);
  });
});
