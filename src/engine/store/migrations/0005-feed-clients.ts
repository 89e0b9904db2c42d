import type { Migration } from './migration';

/**
 * The apps the person lets read their mood through the local feed. A token is shown once when the client is
 * made and only its SHA-256 (hex) is kept, so a copy of the database cannot be used to read the mood. Scopes
 * are a comma-separated subset of now, stream, history. Revoking deletes the row. The feed's on/off switch is
 * an ordinary setting (`feedEnabled`, default off).
 */
export const feedClients: Migration = {
  version: 5,
  name: 'feed-clients',
  up(db) {
    db.exec(`
      CREATE TABLE feed_clients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        scopes TEXT NOT NULL CHECK (scopes <> ''),
        created_at INTEGER NOT NULL,
        last_read_at INTEGER
      ) STRICT;
    `);
  },
};
