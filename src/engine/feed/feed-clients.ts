/**
 * The feed's clients in SQLite (table feed_clients, migration 5) and the feed's switch in the settings table.
 * Tokens are 32 random bytes (base64url) returned once by `create`; only their SHA-256 is stored.
 */
import type { Database, Statement } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import {
  FEED_SCOPES,
  feedClientRequestProblem,
  isFeedScope,
  MAX_FEED_CLIENTS,
  type FeedAuth,
  type FeedClientRecord,
  type FeedClientRequest,
  type FeedScope,
} from '../../shared/feed';
import { guard } from '../store/errors';
import type { SettingsStore } from '../store/settings';
import { hashToken, newFeedToken } from './feed-token';

export const FEED_ENABLED_SETTING = 'feedEnabled';

interface Row {
  id: number;
  name: string;
  token_hash: string;
  scopes: string;
  created_at: number;
  last_read_at: number | null;
}

function record(row: Row): FeedClientRecord {
  // Scopes are written only by `create`; an unknown one (a newer Attune's) is left out rather than granted.
  const scopes = row.scopes.split(',').filter(isFeedScope);
  return { id: row.id, name: row.name, scopes, createdAt: row.created_at, lastReadAt: row.last_read_at };
}

export interface FeedClientsDeps {
  db: Database;
  settings: SettingsStore;
  now: () => number;
  /** Default: 32 random bytes, base64url. */
  newToken?: () => string;
}

export class FeedClientStore {
  private readonly selectAll: Statement<[], Row>;
  private readonly insert: Statement<[string, string, string, number]>;
  private readonly remove: Statement<[number]>;
  private readonly touch: Statement<[number, number, number]>;

  constructor(private readonly deps: FeedClientsDeps) {
    const { db } = deps;
    this.selectAll = db.prepare<[], Row>('SELECT * FROM feed_clients ORDER BY id');
    this.insert = db.prepare('INSERT INTO feed_clients (name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare('DELETE FROM feed_clients WHERE id = ?');
    // Never moves backwards: reads are reported in batches that may arrive out of order.
    this.touch = db.prepare(
      'UPDATE feed_clients SET last_read_at = max(coalesce(last_read_at, 0), ?) WHERE id = ? AND ? > 0',
    );
  }

  enabled(): boolean {
    return this.deps.settings.get(FEED_ENABLED_SETTING, false);
  }

  setEnabled(enabled: boolean): boolean {
    this.deps.settings.set(FEED_ENABLED_SETTING, enabled);
    return enabled;
  }

  list(): FeedClientRecord[] {
    return guard('read feed clients', () => this.selectAll.all()).map(record);
  }

  /** The switch and every client with its token hash, for the side that serves the feed. */
  auth(): FeedAuth {
    const rows = guard('read feed clients', () => this.selectAll.all());
    return { enabled: this.enabled(), clients: rows.map((r) => ({ ...record(r), tokenHash: r.token_hash })) };
  }

  /** Makes a client; its token is in the answer and nowhere else. */
  create(request: FeedClientRequest): { client: FeedClientRecord; token: string } {
    const problem = feedClientRequestProblem(request);
    if (problem) throw new AttuneError('bad-input', `Cannot add this app: ${problem}.`);
    if (this.list().length >= MAX_FEED_CLIENTS) {
      throw new AttuneError('bad-input', `At most ${MAX_FEED_CLIENTS} apps can read the mood; remove one first.`);
    }
    const token = this.deps.newToken?.() ?? newFeedToken();
    // Stored in FEED_SCOPES order, whatever order they were asked in.
    const scopes: FeedScope[] = FEED_SCOPES.filter((s) => request.scopes.includes(s));
    const createdAt = this.deps.now();
    const id = guard('save feed client', () =>
      Number(this.insert.run(request.name.trim(), hashToken(token), scopes.join(','), createdAt).lastInsertRowid),
    );
    return { client: { id, name: request.name.trim(), scopes, createdAt, lastReadAt: null }, token };
  }

  /** Deletes the client (its token stops working at once). Unknown ids are not an error: it is gone either way. */
  revoke(id: number): void {
    guard('remove feed client', () => this.remove.run(id));
  }

  /** Records when clients last read (batched by the serving side). */
  markRead(reads: readonly { id: number; t: number }[]): void {
    guard('save feed reads', () => {
      for (const { id, t } of reads) this.touch.run(t, id, t);
    });
  }
}
