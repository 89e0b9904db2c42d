import { describe, expect, it } from 'vitest';
import type { Emotion } from '../../shared/labels';
import { accuracyOn, computeMetrics, confusionMatrix, goldLabels, macroF1OverGold } from './metrics';
import type { Outcome } from './metrics';

const o = (truth: Emotion, predicted: Emotion): Outcome => ({ truth, predicted });

// 10 items worked by hand below: happy 3/4 right, sad 2/3, angry 1/2, neutral 0/1 (said fearful).
const outcomes = [
  o('happy', 'happy'),
  o('happy', 'happy'),
  o('happy', 'happy'),
  o('happy', 'sad'),
  o('sad', 'sad'),
  o('sad', 'sad'),
  o('sad', 'happy'),
  o('angry', 'angry'),
  o('angry', 'sad'),
  o('neutral', 'fearful'),
];

describe('metrics', () => {
  it('lays out the confusion matrix with true rows and predicted columns in EMOTIONS order', () => {
    expect(confusionMatrix(outcomes)).toEqual([
      [0, 0, 0, 0, 1, 0, 0], // neutral
      [0, 3, 1, 0, 0, 0, 0], // happy
      [0, 1, 2, 0, 0, 0, 0], // sad
      [0, 0, 1, 1, 0, 0, 0], // angry
      [0, 0, 0, 0, 0, 0, 0], // fearful
      [0, 0, 0, 0, 0, 0, 0], // disgusted
      [0, 0, 0, 0, 0, 0, 0], // surprised
    ]);
  });

  it('computes accuracy, per-class figures and macro-F1 by hand', () => {
    const m = computeMetrics(outcomes);
    expect(m.n).toBe(10);
    expect(m.accuracy).toBeCloseTo(0.6, 12);
    // happy: 3 right of 4 true, of 4 predicted.
    expect(m.perClass.happy).toEqual({ n: 4, precision: 0.75, recall: 0.75, f1: 0.75 });
    // sad: 2 right of 3 true, of 4 predicted → P 1/2, R 2/3, F1 = 2·(1/3)/(7/6) = 4/7.
    expect(m.perClass.sad.precision).toBeCloseTo(0.5, 12);
    expect(m.perClass.sad.recall).toBeCloseTo(2 / 3, 12);
    expect(m.perClass.sad.f1).toBeCloseTo(4 / 7, 12);
    // angry: 1 right of 2 true, of 1 predicted → F1 2/3.
    expect(m.perClass.angry.f1).toBeCloseTo(2 / 3, 12);
    expect(m.perClass.neutral).toEqual({ n: 1, precision: 0, recall: 0, f1: 0 });
    // fearful was predicted but never true: it counts in macro-F1 with F1 0; disgusted and surprised do not.
    expect(m.perClass.fearful).toEqual({ n: 0, precision: 0, recall: 0, f1: 0 });
    expect(m.macroF1).toBeCloseTo((0.75 + 4 / 7 + 2 / 3 + 0 + 0) / 5, 12);
    expect(m.labels).toEqual(['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised']);
  });

  it("averages F1 over the gold set's own labels only (scikit-learn's labels= of the data set)", () => {
    const m = computeMetrics(outcomes);
    // fearful was only predicted: it is left out here (the wrong neutral reading still costs neutral's recall).
    expect(goldLabels(m.perClass)).toEqual(['neutral', 'happy', 'sad', 'angry']);
    expect(macroF1OverGold(m.perClass)).toBeCloseTo((0.75 + 4 / 7 + 2 / 3 + 0) / 4, 12);
    expect(macroF1OverGold(m.perClass)).toBeGreaterThan(m.macroF1);
    // A set without neutral, where the model said neutral once: 7-label-style macro-F1 pays a whole label for it.
    const dairLike = computeMetrics([o('happy', 'happy'), o('happy', 'neutral'), o('sad', 'sad'), o('sad', 'sad')]);
    expect(macroF1OverGold(dairLike.perClass)).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(dairLike.macroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(macroF1OverGold(computeMetrics([]).perClass)).toBe(0);
  });

  it('gives zeros, not NaN, for no items', () => {
    const m = computeMetrics([]);
    expect([m.n, m.accuracy, m.macroF1]).toEqual([0, 0, 0]);
    expect(m.confusion).toHaveLength(7);
  });

  it('computes accuracy on a subset of true labels', () => {
    const confusion = confusionMatrix(outcomes);
    expect(accuracyOn(confusion, ['neutral', 'happy', 'sad', 'angry'])).toBeCloseTo(6 / 10, 12);
    expect(accuracyOn(confusion, ['happy', 'sad'])).toBeCloseTo(5 / 7, 12);
    expect(accuracyOn(confusion, ['surprised'])).toBe(0);
  });
});
