import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { probsFromVector } from '../../../shared/labels';
import { insertLegacySamples, rawSamples, sample } from '../test-helpers';
import { init } from './0001-init';
import { checkIns } from './0002-check-ins';
import { history } from './0003-history';
import { personalModel, restingMeanFromBias } from './0004-personal-model';
import { migrate, schemaVersion } from './index';

const SERIOUS = probsFromVector([0.3, 0.05, 0.4, 0.15, 0.04, 0.03, 0.03]);
const SMILE = probsFromVector([0.1, 0.8, 0.02, 0.02, 0.02, 0.02, 0.02]);
const ZERO = { neutral: 0, happy: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 };

/** A database as version 3 of Attune left it: a calibration at 100 s, a correction at 200 s, both baselines. */
function versionThree(options: { pruned?: boolean } = {}): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db, [init, checkIns, history]);
  if (!options.pruned) {
    insertLegacySamples(db, [
      sample(85_000, 'face', { probs: SERIOUS }),
      sample(95_000, 'face', { probs: SERIOUS }),
      sample(99_000, 'voice', { probs: SERIOUS }),
      sample(150_000, 'face', { probs: SMILE }),
      sample(195_000, 'face', { probs: SMILE }),
      sample(199_000, 'face', { probs: SERIOUS }),
      sample(199_500, 'fused', { probs: SERIOUS }),
    ]);
  }
  const baseline = {
    calibratedAt: 100_000,
    corrections: 1,
    faceBias: { ...ZERO, neutral: 0.4, sad: -0.4 },
    voiceBias: { ...ZERO },
  };
  db.prepare("INSERT INTO settings (key, value) VALUES ('baseline', ?)").run(JSON.stringify(baseline));
  db.prepare("INSERT INTO settings (key, value) VALUES ('promptSettings', '{}')").run();
  db.prepare("INSERT INTO events (t, kind, data) VALUES (200000, 'correction', ?)").run(
    JSON.stringify({ shown: 'happy', felt: 'sad' }),
  );
  return db;
}

const examples = (db: BetterSqlite3.Database): Record<string, unknown>[] =>
  db
    .prepare('SELECT t, modality, source, label, weight, grp, p_sad, p_happy FROM personal_examples ORDER BY id')
    .all() as Record<string, unknown>[];

describe('migration 4: personal model', () => {
  it("turns the old baseline's calibration and corrections into examples and drops the old setting", () => {
    const db = versionThree();
    const before = rawSamples(db);
    expect(migrate(db, [init, checkIns, history, personalModel])).toEqual({ from: 3, to: 4 });
    expect(schemaVersion(db)).toBe(4);
    expect(rawSamples(db)).toEqual(before);
    expect(examples(db)).toEqual([
      // The relaxed-face calibration: the face and voice frames of its 20 s, each a neutral example.
      {
        t: 85_000,
        modality: 'face',
        source: 'migrated',
        label: 'neutral',
        weight: 1,
        grp: 'migrated-face',
        p_sad: 0.4,
        p_happy: 0.05,
      },
      {
        t: 95_000,
        modality: 'face',
        source: 'migrated',
        label: 'neutral',
        weight: 1,
        grp: 'migrated-face',
        p_sad: 0.4,
        p_happy: 0.05,
      },
      {
        t: 99_000,
        modality: 'voice',
        source: 'migrated',
        label: 'neutral',
        weight: 1,
        grp: 'migrated-voice',
        p_sad: 0.4,
        p_happy: 0.05,
      },
      // "I feel sad" at 200 s: the mean face reading of the 10 s before it (no voice then, so no voice example).
      {
        t: 200_000,
        modality: 'face',
        source: 'correction',
        label: 'sad',
        weight: 3,
        grp: null,
        p_sad: expect.closeTo((0.02 + 0.4) / 2, 9) as number,
        p_happy: expect.closeTo((0.8 + 0.05) / 2, 9) as number,
      },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'baseline'").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'promptSettings'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM personal_models').get()).toEqual({ n: 0 });
  });

  it('rebuilds the resting reading from the bias where retention pruned the calibration frames', () => {
    const db = versionThree({ pruned: true });
    migrate(db);
    const rows = examples(db);
    // Only the face had a bias; the correction found no frames, so it teaches nothing.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ t: 100_000, modality: 'face', source: 'migrated', label: 'neutral', weight: 10 });
    // A bias that raised neutral and lowered sad came from a face that read less neutral and more sad.
    const mean = restingMeanFromBias({ ...ZERO, neutral: 0.4, sad: -0.4 });
    expect(rows[0]?.p_sad).toBeCloseTo(mean.sad, 9);
    expect(mean.sad).toBeGreaterThan(mean.happy);
    expect(Object.values(mean).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('moves nothing from a database that was never calibrated or corrected', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [init, checkIns, history]);
    migrate(db);
    expect(examples(db)).toEqual([]);
  });

  it('refuses labels, sources, probabilities and models outside their rules', () => {
    const db = versionThree();
    migrate(db);
    const add = db.prepare(
      `INSERT INTO personal_examples (t, modality, source, label, weight, p_neutral, p_happy, p_sad, p_angry,
       p_fearful, p_disgusted, p_surprised) VALUES (1, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0)`,
    );
    expect(() => add.run('face', 'calibration', 'happy', 1, 1)).not.toThrow();
    expect(() => add.run('text', 'calibration', 'happy', 1, 1)).toThrow(/CHECK/);
    expect(() => add.run('face', 'guess', 'happy', 1, 1)).toThrow(/CHECK/);
    expect(() => add.run('face', 'calibration', 'contempt', 1, 1)).toThrow(/CHECK/);
    expect(() => add.run('face', 'calibration', 'happy', 0, 1)).toThrow(/CHECK/);
    expect(() => add.run('face', 'calibration', 'happy', 1, 1.5)).toThrow(/CHECK/);
    const model = db.prepare('INSERT INTO personal_models (modality, fitted_at, model) VALUES (?, 1, ?)');
    expect(() => model.run('face', 'not json')).toThrow(/CHECK/);
    expect(() => model.run('face', '[1]')).toThrow(/CHECK/);
    expect(() => model.run('face', '{}')).not.toThrow();
  });
});
