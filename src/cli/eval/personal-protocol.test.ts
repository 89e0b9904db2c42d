import { describe, expect, it } from 'vitest';
import { EMOTIONS, probsFromVector } from '../../shared/labels';
import type { Emotion, EmotionProbs } from '../../shared/labels';
import { mulberry32 } from '../../engine/sim/prng';
import {
  partialOf,
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

describe('partial calibration (taught)', () => {
  it('draws calibration examples of the taught labels only, the same ones a full calibration draws', () => {
    const own = people(1, 3, 1).map(({ group: _, ...r }) => r);
    const [full] = planCalibration(own, 1, mulberry32(4));
    const [partial] = planCalibration(own, 1, mulberry32(4), ['neutral', 'angry']);
    expect(partial?.calibration.map((c) => c.label)).toEqual(['neutral', 'angry']);
    expect(partial?.calibration).toEqual(full?.calibration.filter((c) => c.label !== 'happy' && c.label !== 'sad'));
  });

  it('reports accuracy on taught and untaught labels and the readings moved into an untaught label', () => {
    const items = people(2, 2, 2);
    const report = runPersonalCalibration(items, 1, { modality: 'face', seeds: 1, taught: ['neutral', 'happy'] });
    const partial = report.partial;
    expect(partial).toBeDefined();
    expect(partial?.taughtLabels).toEqual(['neutral', 'happy']);
    expect(partial?.untaughtLabels).toEqual(['sad', 'angry', 'fearful', 'disgusted', 'surprised']);
    expect((partial?.taughtN ?? 0) + (partial?.untaughtN ?? 0)).toBe(report.scored);
    // The angry faces (read as neutral) are untaught: generic gets them all wrong.
    expect(partial?.untaught.generic).toBeCloseTo(0.5, 10);
    expect(runPersonalCalibration(items, 1, { modality: 'face', seeds: 1 }).partial).toBeUndefined();
  });

  it('counts a move into an untaught label, and whether it was wrong', () => {
    const probs = (v: number[]) => probsFromVector(v);
    const scored = [
      // generic neutral, adapted angry, truly angry: a right move into untaught angry.
      { truth: 'angry', generic: probs([0.6, 0, 0, 0.4, 0, 0, 0]), adapted: probs([0.3, 0, 0, 0.7, 0, 0, 0]) },
      // generic happy, adapted sad, truly happy: a wrong move into untaught sad.
      { truth: 'happy', generic: probs([0, 0.6, 0.4, 0, 0, 0, 0]), adapted: probs([0, 0.4, 0.6, 0, 0, 0, 0]) },
      // unchanged.
      { truth: 'happy', generic: probs([0, 1, 0, 0, 0, 0, 0]), adapted: probs([0, 1, 0, 0, 0, 0, 0]) },
      // generic sad, adapted neutral (taught), truly sad: a wrong move into a taught label.
      { truth: 'sad', generic: probs([0.4, 0, 0.6, 0, 0, 0, 0]), adapted: probs([0.6, 0, 0.4, 0, 0, 0, 0]) },
    ].map((s) => ({ ...s, seed: 1, subject: 'a', truth: s.truth as Emotion }));
    expect(partialOf(scored, ['neutral', 'happy'], 'neutral')).toEqual({
      taughtLabels: ['neutral', 'happy'],
      untaughtLabels: ['sad', 'angry', 'fearful', 'disgusted', 'surprised'],
      taughtN: 2,
      untaughtN: 2,
      taught: { generic: 1, adapted: 0.5 },
      untaught: { generic: 0.5, adapted: 0.5 },
      movedIntoUntaught: 0.5,
      movedIntoUntaughtWrongly: 0.25,
      movedIntoTaught: 0.25,
      movedIntoTaughtWrongly: 0.25,
    });
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
