import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. `version` numbers start at 1 and have no gaps; `up` runs inside a transaction
 * together with the `PRAGMA user_version` bump, so a step is applied entirely or not at all.
 * A migration is history: once released it never changes; a later change is a new migration.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
