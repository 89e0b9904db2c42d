import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../store/migrations';
import { SettingsStore } from '../store/settings';
import { EngineFeed } from './engine-feed';
import { hashToken } from './feed-token';

function feed(): { feed: EngineFeed; db: BetterSqlite3.Database } {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  let n = 0;
  const clock = { t: 1_000 };
  return {
    db,
    feed: new EngineFeed({ db, settings: new SettingsStore(db), now: () => clock.t, newToken: () => `token-${++n}` }),
  };
}

describe('EngineFeed clients', () => {
  it('is off by default and remembers the switch', () => {
    const { feed: f } = feed();
    expect(f.state()).toEqual({ enabled: false, clients: [] });
    expect(f.setEnabled(true).enabled).toBe(true);
    expect(f.auth().enabled).toBe(true);
  });

  it('hands the token out once and stores only its hash', () => {
    const { feed: f, db } = feed();
    const made = f.create({ name: ' Assistant ', scopes: ['stream', 'now'] });
    expect(made).toEqual({
      client: { id: 1, name: 'Assistant', scopes: ['now', 'stream'], createdAt: 1_000, lastReadAt: null },
      token: 'token-1',
    });
    expect(JSON.stringify(db.prepare('SELECT * FROM feed_clients').all())).not.toContain('token-1');
    expect(f.auth().clients).toEqual([{ ...made.client, tokenHash: hashToken('token-1') }]);
    expect(f.state().clients).toEqual([made.client]);
  });

  it('refuses a bad request with bad-input', () => {
    const { feed: f } = feed();
    expect(() => f.create({ name: '', scopes: ['now'] })).toThrow(/name the app/);
    expect(() => f.create({ name: 'x', scopes: [] })).toThrow(/choose what it may read/);
  });

  it('records last reads without moving them backwards, and forgets a revoked client', () => {
    const { feed: f } = feed();
    const { client } = f.create({ name: 'A', scopes: ['now'] });
    f.markRead([{ id: client.id, t: 5_000 }]);
    f.markRead([{ id: client.id, t: 4_000 }]);
    expect(f.state().clients[0]?.lastReadAt).toBe(5_000);
    expect(f.revoke(client.id).clients).toEqual([]);
    expect(f.auth().clients).toEqual([]);
  });
});

describe('EngineFeed history', () => {
  it('answers rolled-up minutes and quarter-hours with their most frequent label', () => {
    const { feed: f, db } = feed();
    const counts = 'n_neutral, n_happy, n_sad, n_angry, n_fearful, n_disgusted, n_surprised, n_unknown';
    db.prepare(
      `INSERT INTO rollups (minute, n, ${counts}, valence, arousal, confidence) VALUES (?, 60, 10, 40, 0, 0, 0, 0, 0, 10, 0.5, 0.2, 0.7)`,
    ).run(60_000);
    db.prepare(
      `INSERT INTO rollup_quarters (quarter, n, ${counts}, valence, arousal, confidence) VALUES (0, 60, 0, 0, 30, 0, 0, 0, 0, 30, -0.4, 0.1, 0.6)`,
    ).run();
    expect(f.historyRange({ from: 0, to: 120_000 }, 'minute')).toEqual([
      { t: 60_000, n: 60, label: 'happy', valence: 0.5, arousal: 0.2, confidence: 0.7 },
    ]);
    expect(f.historyRange({ from: 0, to: 900_000 }, 'quarter')).toMatchObject([{ t: 0, label: 'sad' }]);
    expect(() => f.historyRange({ from: 0, to: 2 * 86_400_000 }, 'minute')).toThrow(/at most 1 days/);
  });
});
