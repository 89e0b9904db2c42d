import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../../shared/envelope';
import { EMOTIONS } from '../../../shared/labels';
import { LATEST_VERSION, migrate, MIGRATIONS, schemaVersion } from './index';
import type { Migration } from './index';

const fresh = () => new BetterSqlite3(':memory:');

describe('migrate', () => {
  it('brings an empty database to the latest version', () => {
    const db = fresh();
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('is a no-op on an up-to-date database', () => {
    const db = fresh();
    migrate(db);
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
  });

  it('makes STRICT tables that refuse a string in a REAL column', () => {
    const db = fresh();
    migrate(db);
    const strict = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    expect(strict).toEqual(
      expect.arrayContaining([
        { name: 'samples', strict: 1 },
        { name: 'settings', strict: 1 },
        { name: 'check_ins', strict: 1 },
      ]),
    );
    const insert = db.prepare(
      "INSERT INTO samples (t, source, label, p_neutral, p_happy, p_sad, p_angry, p_fearful, p_disgusted, p_surprised, valence, arousal, confidence) VALUES (1, 'face', 'happy', 'lots', 0, 0, 0, 0, 0, 0, 0, 0, 0)",
    );
    expect(() => insert.run()).toThrow(/cannot store TEXT value in REAL column/);
  });

  it('orders the probability columns like EMOTIONS and stores no blobs', () => {
    const db = fresh();
    migrate(db);
    const columns = db.prepare<[string], { name: string; type: string }>('SELECT name, type FROM pragma_table_info(?)');
    const samples = columns.all('samples');
    expect(samples.filter((c) => c.name.startsWith('p_')).map((c) => c.name)).toEqual(EMOTIONS.map((e) => `p_${e}`));
    const types = [...samples, ...columns.all('settings')].map((c) => c.type);
    expect(types.every((t) => ['INTEGER', 'REAL', 'TEXT'].includes(t))).toBe(true);
  });

  it('refuses a database written by a newer Attune', () => {
    const db = fresh();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const attempt = () => migrate(db);
    expect(attempt).toThrow(AttuneError);
    expect(attempt).toThrow(/newer version of Attune/);
    try {
      attempt();
    } catch (err) {
      expect((err as AttuneError).kind).toBe('database-unreadable');
    }
  });

  it('rolls back a failing step together with its version bump', () => {
    const db = fresh();
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all();
    expect(tables).toEqual([]);
  });

  it('rejects a gap in the version sequence', () => {
    const gap: Migration = { version: LATEST_VERSION + 2, name: 'gap', up: () => undefined };
    expect(() => migrate(fresh(), [...MIGRATIONS, gap])).toThrow(new RegExp(`expected ${LATEST_VERSION + 1}`));
  });
});
