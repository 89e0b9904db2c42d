import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import { describeFileProblem } from './errors';
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

/** Words for the Node fs failures that can happen while preparing the folder and the file. */
const FS_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission was refused',
  EPERM: 'permission was refused',
  EISDIR: 'the path is a folder',
  ENOTDIR: 'part of the path is a file, not a folder',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
};

function unreadable(file: string, err: unknown): AttuneError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const reason = describeFileProblem(err) ?? FS_PROBLEMS[code] ?? (err instanceof Error ? err.message : String(err));
  return new AttuneError(
    'database-unreadable',
    `Attune could not open its mood database at ${file}: ${reason}. ` +
      'Move the file aside to start a fresh history, or restore it from a backup.',
    { cause: err },
  );
}

/**
 * Opens (creating if needed) the mood database and brings its schema up to date.
 * `:memory:` gives a private in-memory database, for tests.
 * @throws AttuneError `database-unreadable` when the file cannot be created, read, is not a database, or was
 *   written by a newer Attune.
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
    // The first statement reads the header: a damaged or foreign file fails here, inside the try.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(busyTimeoutMs))}`);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof AttuneError) throw err;
    if (describeFileProblem(err) !== undefined || isFsError(err)) throw unreadable(file, err);
    throw err;
  }
}

/** Node fs failures (EACCES, EISDIR, ENOSPC…) while preparing the folder and file. */
function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}
