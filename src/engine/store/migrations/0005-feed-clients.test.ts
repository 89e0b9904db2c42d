import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FeedClientStore } from '../../feed/feed-clients';
import { hashToken } from '../../feed/feed-token';
import { SettingsStore } from '../settings';
import { insertLegacySamples, rawSamples, sample } from '../test-helpers';
import { feedClients } from './0005-feed-clients';
import { migrate, MIGRATIONS, schemaVersion } from './index';

/** A database as the version before this one left it, with some history and a setting. */
function versionFour(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, feedClients.version - 1));
  insertLegacySamples(db, [sample(60_000, 'fused'), sample(61_000, 'text')]);
  new SettingsStore(db).set('ingestEnabled', true);
  return db;
}

describe('migration 5: feed clients', () => {
  it('adds an empty feed_clients table and keeps every sample and setting', () => {
    const db = versionFour();
    const before = rawSamples(db);
    expect(migrate(db, MIGRATIONS.slice(0, feedClients.version))).toEqual({ from: 4, to: 5 });
    expect(schemaVersion(db)).toBe(5);
    expect(rawSamples(db)).toEqual(before);
    expect(new SettingsStore(db).get('ingestEnabled', false)).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM feed_clients').get()).toEqual({ n: 0 });
  });

  it('keeps only a token hash, refuses a second row with it, and names of 1–64 characters', () => {
    const db = versionFour();
    migrate(db);
    const insert = db.prepare('INSERT INTO feed_clients (name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?)');
    const hash = hashToken('secret');
    expect(() => insert.run('Editor', hash, 'now', 1)).not.toThrow();
    expect(() => insert.run('Other', hash, 'now', 1)).toThrow(/UNIQUE/);
    expect(() => insert.run('', hashToken('b'), 'now', 1)).toThrow(/CHECK/);
    expect(() => insert.run('x'.repeat(65), hashToken('c'), 'now', 1)).toThrow(/CHECK/);
    expect(() => insert.run('Plain', 'secret', 'now', 1)).toThrow(/CHECK/);
    expect(() => insert.run('Late', hashToken('d'), 'now', 'soon')).toThrow(/cannot store TEXT value in INTEGER/);
    // Today's store reads today's schema, and the feed is off until the person turns it on.
    const store = new FeedClientStore({ db, settings: new SettingsStore(db), now: () => 0 });
    expect(store.list()).toMatchObject([{ name: 'Editor', scopes: ['now'], lastReadAt: null }]);
    expect(store.enabled()).toBe(false);
  });
});
