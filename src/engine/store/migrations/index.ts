import type { Database } from 'better-sqlite3';
import { AttuneError } from '../../../shared/envelope';
import { init } from './0001-init';
import { checkIns } from './0002-check-ins';
import { history } from './0003-history';
import { personalModel } from './0004-personal-model';
import { feedClients } from './0005-feed-clients';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, oldest first. Append new ones; never edit or reorder released ones. */
export const MIGRATIONS: readonly Migration[] = [init, checkIns, history, personalModel, feedClients];

/** The schema version this build of Attune writes. */
export const LATEST_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A bug guard: versions must run 1, 2, 3… so `user_version` always names the last step applied. */
function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new AttuneError('internal', `migration ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/**
 * Brings the schema up to the last of `migrations`, one transaction per step.
 * Returns the versions before and after. A database written by a newer Attune is refused rather than
 * guessed at, because an older build cannot know what the newer columns mean.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  checkSequence(migrations);
  const from = schemaVersion(db);
  const latest = migrations.length;
  if (from > latest) {
    throw new AttuneError(
      'database-unreadable',
      `The mood database was written by a newer version of Attune (schema ${from}; this version knows up to ` +
        `${latest}). Update Attune to open it.`,
    );
  }
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      m.up(db);
      // PRAGMA takes no bound parameters; the version is an integer we control.
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}
