import Database from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';

/**
 * SQLite result codes that mean the file itself is the problem (damaged, not a database, not reachable),
 * as opposed to a bug in our SQL. Extended codes (SQLITE_IOERR_READ…) are matched by prefix.
 */
const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  SQLITE_NOTADB: 'the file is not an Attune database',
  SQLITE_CORRUPT: 'the file is damaged',
  SQLITE_CANTOPEN: 'the file could not be opened',
  SQLITE_IOERR: 'the disk could not be read or written',
  SQLITE_PERM: 'permission was refused',
  SQLITE_READONLY: 'the file is read-only',
  SQLITE_FULL: 'the disk is full',
  SQLITE_BUSY: 'another program keeps the database locked',
  SQLITE_LOCKED: 'another program keeps the database locked',
};

/** Why a SQLite failure happened, in words a person understands, or undefined for errors that are bugs. */
export function describeFileProblem(err: unknown): string | undefined {
  if (!(err instanceof Database.SqliteError)) return undefined;
  const primary = err.code.split('_').slice(0, 2).join('_');
  return FILE_PROBLEMS[err.code] ?? FILE_PROBLEMS[primary];
}

/**
 * Runs a store operation and raises failures caused by the database file as `database-unreadable`, so the UI
 * can tell the user what happened. Typed errors and programming errors pass through unchanged.
 */
export function guard<T>(action: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const problem = describeFileProblem(err);
    if (problem === undefined) throw err;
    throw new AttuneError('database-unreadable', `Attune could not ${action}: ${problem}.`, { cause: err });
  }
}
