import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CheckInStore } from '../check-ins';
import { SettingsStore } from '../settings';
import { insertLegacySamples, rawSamples, sample } from '../test-helpers';
import { init } from './0001-init';
import { checkIns } from './0002-check-ins';
import { migrate, schemaVersion } from './index';

/** A database as version 1 of Attune left it, with some history and a setting. */
function versionOne(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [init]);
  insertLegacySamples(db, [sample(1_000), sample(2_000, 'fused'), sample(3_000, 'text')]);
  new SettingsStore(db).set('frameRate', 2);
  return db;
}

describe('migration 2: check-ins', () => {
  it('adds an empty check_ins table and keeps every sample and setting', () => {
    const db = versionOne();
    const before = rawSamples(db);
    expect(migrate(db, [init, checkIns])).toEqual({ from: 1, to: 2 });
    expect(schemaVersion(db)).toBe(2);
    expect(rawSamples(db)).toEqual(before);
    expect(new SettingsStore(db).get('frameRate', 0)).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM check_ins').get()).toEqual({ n: 0 });
  });

  it('links a check-in to an existing sample and refuses one that does not exist', () => {
    const db = versionOne();
    migrate(db, [init, checkIns]);
    const insert = db.prepare(
      'INSERT INTO check_ins (t, sample_id, self_valence, self_arousal, note) VALUES (?, ?, ?, ?, ?)',
    );
    expect(() => insert.run(3_000, 3, 0.5, -0.5, null)).not.toThrow();
    expect(() => insert.run(3_000, 999, null, null, null)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run(3_000, 3, 2, 0, null)).toThrow(/CHECK/);
    expect(() => insert.run(3_000, 3, 0.5, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(3_000, 3, 'lots', 0, null)).toThrow(/cannot store TEXT value in REAL column/);
    migrate(db); // today's CheckInStore reads today's schema
    expect(new CheckInStore(db).range(0, 10_000)).toMatchObject([
      { t: 3_000, selfRating: { pleasantness: 0.5, energy: -0.5 }, note: null, sample: { source: 'text' } },
    ]);
  });
});
