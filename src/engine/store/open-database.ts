import { chmodSync, closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import { fileProblem, type StorageErrorKind } from './errors';
import { migrate, MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/index';

export interface OpenDatabaseOptions {
  /** How long a write waits for another connection's lock before failing, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** The schema steps to apply. Default: every migration of this build (tests pass their own). */
  migrations?: readonly Migration[];
  /** Path of a better-sqlite3 native binding built for this runtime (Electron); default the Node build. */
  nativeBinding?: string;
}

const MEMORY = ':memory:';

/**
 * Creates the folder (0700) and the file (0600) before SQLite touches them, so mood history is never readable
 * by other users, even for an instant. The chmod also repairs a file created earlier with looser rights.
 * SQLite gives its -wal and -shm files the database file's mode.
 */
function prepareFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  tightenFolder(dirname(file));
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/**
 * mkdirSync's mode applies only to a folder it creates: an existing data folder (made by an older Attune or by
 * hand) keeps its rights, so other users could list it. Tightened to 0700 when it is ours; a folder owned by
 * someone else (a shared --data-dir) is left alone rather than failing the start.
 */
export function tightenFolder(dir: string): void {
  const stat = statSync(dir);
  if ((stat.mode & 0o077) === 0) return;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return;
  chmodSync(dir, 0o700);
}

/** What to do about each kind, for the log and the error's message (the dashboard has words of its own). */
const NEXT_STEP: Readonly<Record<StorageErrorKind, string>> = {
  'database-unreadable': 'Move the file aside to start a fresh history, or restore it from a backup.',
  'disk-full': 'Free some space on the disk, then start Attune again.',
  'data-folder-read-only': 'Make the data folder writable for this user, then start Attune again.',
};

function cannotOpen(file: string, err: unknown): AttuneError {
  // SQLite says only "unable to open" (SQLITE_CANTOPEN) when it may not create its -wal/-shm files beside an
  // existing database: the folder is the problem, and the person must hear that, not that the file is damaged.
  const problem =
    fileProblem(err)?.kind === 'database-unreadable' ? (folderProblem(file) ?? fileProblem(err)) : fileProblem(err);
  const kind = problem?.kind ?? 'database-unreadable';
  const reason = problem?.words ?? (err instanceof Error ? err.message : String(err));
  return new AttuneError(kind, `Attune could not open its mood database at ${file}: ${reason}. ${NEXT_STEP[kind]}`, {
    cause: err,
  });
}

/**
 * Why the data folder refuses new files (read-only, no permission, full), found by creating and removing a file
 * there; undefined when it takes them. A probe rather than access(2), which answers for the real user id, not the
 * effective one. Only called once opening has already failed.
 */
function folderProblem(file: string): ReturnType<typeof fileProblem> {
  const probe = join(dirname(file), `.attune-write-check-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
    unlinkSync(probe);
    return undefined;
  } catch (err) {
    const problem = fileProblem(err);
    return problem?.kind === 'database-unreadable' ? undefined : problem;
  }
}

/**
 * A database file that SQLite reads but Attune did not write (another program's, or one picked by mistake) is
 * refused rather than migrated: running our migrations on it would add tables to someone else's file. Attune's
 * migrations set `user_version` in the same transaction as their tables, so version 0 with tables, or a
 * version without the first migration's `samples` table, is not ours.
 */
function refuseForeign(db: Database, file: string): void {
  if (file === MEMORY) return;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
  const ours = version === 0 ? tables.length === 0 : tables.some((t) => t.name === 'samples');
  if (ours) return;
  throw new AttuneError(
    'database-unreadable',
    `Attune could not open its mood database at ${file}: the file belongs to another program (schema ` +
      `${version}, tables ${tables.map((t) => t.name).join(', ') || 'none'}). ${NEXT_STEP['database-unreadable']}`,
  );
}

/**
 * Opens (creating if needed) the mood database and brings its schema up to date.
 * `:memory:` gives a private in-memory database, for tests.
 * @throws AttuneError `database-unreadable` when the file cannot be read, is not a database, is another
 *   program's, or was written by a newer Attune; `data-folder-read-only` when the folder or file may not be
 *   written; `disk-full` when there is no room to create or migrate it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const { busyTimeoutMs = 5000, migrations = MIGRATIONS, nativeBinding } = options;
  let db: Database | undefined;
  try {
    if (file !== MEMORY) prepareFile(file);
    db = new BetterSqlite3(
      file,
      nativeBinding ? { timeout: busyTimeoutMs, nativeBinding } : { timeout: busyTimeoutMs },
    );
    // The first statement reads the header: a damaged or non-SQLite file fails here, inside the try. Another
    // program's database is refused before anything (even the journal mode) is written to it.
    refuseForeign(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(busyTimeoutMs))}`);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof AttuneError) throw err;
    if (fileProblem(err) !== undefined || isFsError(err)) throw cannotOpen(file, err);
    throw err;
  }
}

/** Node fs failures (EACCES, EISDIR, ENOSPC…) while preparing the folder and file. */
function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}
