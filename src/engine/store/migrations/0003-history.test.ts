import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PROMPT_ACTIONS } from '../../../shared/prompts';
import { CheckInStore } from '../check-ins';
import { RollupStore } from '../rollups';
import { SampleStore } from '../samples';
import { insertLegacySamples, rawSamples, sample } from '../test-helpers';
import { init } from './0001-init';
import { checkIns } from './0002-check-ins';
import { history } from './0003-history';
import { migrate, schemaVersion } from './index';

/** A database as version 2 of Attune left it: samples of every source and a check-in. */
function versionTwo(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [init, checkIns]);
  insertLegacySamples(db, [
    sample(60_000, 'fused', { label: 'sad', valence: -0.5 }),
    sample(61_000, 'fused', { label: 'unknown', valence: 0.1 }),
    sample(62_000, 'face'),
    sample(63_000, 'text'),
  ]);
  db.prepare('INSERT INTO check_ins (t, sample_id, self_valence, self_arousal, note) VALUES (?, ?, ?, ?, ?)').run(
    63_000,
    4,
    0.25,
    0,
    null,
  );
  return db;
}

describe('migration 3: history', () => {
  it('adds empty share columns and new tables, keeping every sample and check-in', () => {
    const db = versionTwo();
    const before = rawSamples(db);
    expect(migrate(db, [init, checkIns, history])).toEqual({ from: 2, to: 3 });
    expect(schemaVersion(db)).toBe(3);
    const after = rawSamples(db);
    expect(after).toEqual(before.map((row) => ({ ...row, share_face: null, share_voice: null, share_text: null })));
    expect(new SampleStore(db).range(0, 100_000)[0]).not.toHaveProperty('shares');
    expect(new CheckInStore(db).range(0, 100_000)).toMatchObject([{ selfRating: { pleasantness: 0.25, energy: 0 } }]);
    for (const table of ['rollups', 'rollup_quarters', 'prompts', 'events']) {
      expect(
        db
          .prepare(`SELECT count(*) AS n, (SELECT strict FROM pragma_table_list(?)) AS strict FROM ${table}`)
          .get(table),
      ).toEqual({ n: 0, strict: 1 });
    }
  });

  it('lets the first refresh roll up the fused samples written before it', () => {
    const db = versionTwo();
    migrate(db);
    expect(new RollupStore(db).refresh(120_000)).toBe(1);
    expect(new RollupStore(db).range(0, 120_000)).toMatchObject([
      { minute: 60_000, n: 2, counts: { sad: 1, unknown: 1, happy: 0 }, valence: -0.2 },
    ]);
  });

  it('accepts exactly the prompt actions of src/shared/prompts.ts', () => {
    const db = versionTwo();
    migrate(db);
    const insert = db.prepare(
      "INSERT INTO prompts (t, reason, evidence, action, answered_at) VALUES (1, 'sad', '{}', ?, ?)",
    );
    for (const action of PROMPT_ACTIONS) expect(() => insert.run(action, 2)).not.toThrow();
    expect(() => insert.run('dance', 2)).toThrow(/CHECK/);
    expect(() => insert.run('breathe', null)).toThrow(/CHECK/);
    expect(() => insert.run(null, null)).not.toThrow();
    expect(() => db.prepare("INSERT INTO prompts (t, reason, evidence) VALUES (1, 'happy', '{}')").run()).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare("INSERT INTO prompts (t, reason, evidence) VALUES (1, 'sad', 'not json')").run()).toThrow(
      /CHECK/,
    );
  });

  it('refuses shares outside 0…1, unknown event kinds and non-object event data', () => {
    const db = versionTwo();
    migrate(db);
    expect(() => db.prepare('UPDATE samples SET share_face = 1.5 WHERE id = 1').run()).toThrow(/CHECK/);
    const event = db.prepare('INSERT INTO events (t, kind, data) VALUES (1, ?, ?)');
    expect(() => event.run('pause', '{"minutes":15}')).not.toThrow();
    expect(() => event.run('nap', '{}')).toThrow(/CHECK/);
    expect(() => event.run('pause', '[1]')).toThrow(/CHECK/);
  });

  it('makes range queries use indexes, never a full scan', () => {
    const db = versionTwo();
    migrate(db);
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r) => r.detail)
        .join('; ');
    expect(plan('SELECT * FROM rollups WHERE minute >= 1 AND minute < 2')).toMatch(/USING INTEGER PRIMARY KEY/);
    expect(plan('SELECT * FROM rollup_quarters WHERE quarter >= 1 AND quarter < 2')).toMatch(
      /USING INTEGER PRIMARY KEY/,
    );
    expect(plan('SELECT * FROM prompts WHERE t >= 1 AND t < 2')).toMatch(/USING INDEX prompts_t/);
    expect(plan('SELECT * FROM events WHERE t >= 1 AND t < 2')).toMatch(/USING INDEX events_t/);
    expect(plan("SELECT * FROM samples WHERE source = 'fused' AND t >= 1 AND t < 2")).toMatch(/samples_source_t/);
  });
});
