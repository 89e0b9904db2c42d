import { describe, expect, it } from 'vitest';
import { EMOTIONS, probsFromVector } from '../../shared/labels';
import type { Emotion, EmotionProbs } from '../../shared/labels';
import { mulberry32 } from '../../engine/sim/prng';
import {
  planCalibration,
  runPersonalCalibration,
  runPersonalCorrections,
  type CachedReading,
} from './personal-protocol';

/** Mostly `main`, some `second`, a little of everything else, jittered. */
function reading(main: Emotion, second: Emotion, random: () => number): EmotionProbs {
  const raw = EMOTIONS.map((l) => (l === main ? 0.6 : l === second ? 0.3 : 0.02) * Math.exp(0.2 * (random() - 0.5)));
  const sum = raw.reduce((a, b) => a + b, 0);
  return probsFromVector(raw.map((v) => v / sum));
}

/**
 * Subjects whose angry face reads as neutral (angry second) and the rest as themselves; `groups` items of each
 * label per subject, each its own group of `perGroup` items.
 */
function people(subjects: number, groups: number, perGroup: number, seed = 1): CachedReading[] {
  const random = mulberry32(seed);
  const out: CachedReading[] = [];
  for (let s = 0; s < subjects; s++) {
    for (const label of ['neutral', 'happy', 'angry', 'sad'] as const) {
      for (let g = 0; g < groups; g++) {
        for (let i = 0; i < perGroup; i++) {
          const probs = label === 'angry' ? reading('neutral', 'angry', random) : reading(label, 'fearful', random);
          out.push({ label, subject: `s${s}`, group: `s${s}-${label}-${g}`, probs });
        }
      }
    }
  }
  return out;
}

describe('planCalibration', () => {
  it('without groups: draws K of each class with more than K items and scores the rest', () => {
    const own = people(1, 3, 1).map(({ group: _, ...r }) => r);
    own.push({ label: 'surprised', subject: 's0', probs: reading('surprised', 'fearful', mulberry32(3)) });
    const [fold] = planCalibration(own, 2, mulberry32(1));
    expect(fold?.calibration.map((c) => c.label).sort()).toEqual(
      ['angry', 'angry', 'happy', 'happy', 'neutral', 'neutral', 'sad', 'sad'].sort(),
    );
    // The one surprised item (K or fewer) is scored with no calibration example of its class.
    expect(fold?.targets.map((t) => t.label).sort()).toEqual(['angry', 'happy', 'neutral', 'sad', 'surprised']);
  });

  it('with groups: scores every group once, its calibration drawn from other groups only', () => {
    const own = people(1, 2, 3);
    const folds = planCalibration(own, 1, mulberry32(2));
    expect(folds).toHaveLength(8);
    expect(folds.flatMap((f) => f.targets)).toHaveLength(own.length);
    for (const { calibration, targets } of folds) {
      const scored = new Set(targets.map((t) => t.group));
      expect(scored.size).toBe(1);
      expect(calibration.some((c) => scored.has(c.group))).toBe(false);
      expect(calibration).toHaveLength(4);
    }
  });
});

describe('runPersonalCalibration', () => {
  it('scores generic and adapted on the same items and lifts a consistent misreading', () => {
    const report = runPersonalCalibration(people(3, 2, 2), 1, { modality: 'face', seeds: 2 });
    expect(report.k).toBe(1);
    expect(report.subjects).toBe(3);
    expect(report.scored).toBe(3 * 8 * 2 * 2);
    expect(report.generic.perClass.angry.n).toBe(report.adapted.perClass.angry.n);
    expect(report.generic.perClass.angry.recall).toBe(0);
    expect(report.adapted.perClass.angry.recall).toBeGreaterThan(0.5);
    expect(report.adapted.accuracy).toBeGreaterThan(report.generic.accuracy);
    expect(report.bySubject.worse).toBe(0);
    expect(report.bySeed.generic).toHaveLength(2);
  });

  it('is reproducible and reports 4-class figures when asked', () => {
    const items = people(2, 3, 1);
    const options = { modality: 'voice' as const, seeds: 3, four: ['neutral', 'happy', 'sad', 'angry'] as const };
    const a = runPersonalCalibration(items, 2, options);
    expect(runPersonalCalibration(items, 2, options)).toEqual(a);
    expect(a.generic.accuracy4).toBeCloseTo(0.75, 10);
    expect(a.bySubject4).toBeDefined();
  });

  it('scores a reading without probabilities as the fallback label, for both', () => {
    const items: CachedReading[] = [
      ...people(1, 2, 1).map(({ group: _, ...r }) => r),
      { label: 'neutral', subject: 's0', probs: null },
      { label: 'sad', subject: 's0', probs: null },
    ];
    const report = runPersonalCalibration(items, 1, { modality: 'voice', seeds: 1 });
    expect(report.generic.perClass.sad.n).toBe(report.adapted.perClass.sad.n);
    expect(report.scored).toBe(items.length - 4);
  });
});

describe('runPersonalCorrections', () => {
  it('learns nothing at rate 0', () => {
    const report = runPersonalCorrections(people(2, 4, 1), 0, { modality: 'face', seeds: 2 });
    expect(report.corrections).toBe(0);
    expect(report.adapted.accuracy).toBe(report.generic.accuracy);
  });

  it('learns from corrections of wrong readings and scores the last half of each stream', () => {
    // A tilt that can move a reading toward a corrected label (the face default, radius 0, only moves away).
    const tuning = { radius: 10, strength: 0.5 };
    const report = runPersonalCorrections(people(2, 6, 1), 1, { modality: 'face', seeds: 2, tuning });
    expect(report.scored).toBe(2 * 2 * 12);
    expect(report.corrections).toBeGreaterThan(0);
    expect(report.adapted.perClass.angry.recall).toBeGreaterThan(report.generic.perClass.angry.recall);
  });

  it('with groups, never reads an item with a correction from its own group', () => {
    // Each angry group of 6 identical readings: a leak would make all but the first right after one correction.
    const items = people(1, 1, 6);
    const report = runPersonalCorrections(items, 1, {
      modality: 'face',
      seeds: 1,
      tuning: { radius: 10, strength: 0.5 },
    });
    expect(report.adapted.perClass.angry.recall).toBe(0);
  });
});
