import Database from 'better-sqlite3';
import { AttuneError, type ErrorKind } from '../../shared/envelope';

/** The kinds a failure of the database file (not of our SQL) is raised as. */
export type StorageErrorKind = Extract<ErrorKind, 'database-unreadable' | 'disk-full' | 'data-folder-read-only'>;

interface FileProblem {
  kind: StorageErrorKind;
  words: string;
}

/**
 * SQLite result codes that mean the file itself is the problem (damaged, not a database, not reachable, no room),
 * as opposed to a bug in our SQL. Extended codes (SQLITE_IOERR_READ, SQLITE_READONLY_DBMOVED…) are matched by
 * prefix. A full disk and a folder Attune may not write to get kinds of their own: the dashboard tells the person
 * what to do about each, and the engine keeps the live mood running through them.
 */
const SQLITE_PROBLEMS: Readonly<Record<string, FileProblem>> = {
  SQLITE_NOTADB: { kind: 'database-unreadable', words: 'the file is not an Attune database' },
  SQLITE_CORRUPT: { kind: 'database-unreadable', words: 'the file is damaged' },
  SQLITE_CANTOPEN: { kind: 'database-unreadable', words: 'the file could not be opened' },
  SQLITE_IOERR: { kind: 'database-unreadable', words: 'the disk could not be read or written' },
  SQLITE_PERM: { kind: 'data-folder-read-only', words: 'permission was refused' },
  SQLITE_READONLY: { kind: 'data-folder-read-only', words: 'the file is read-only' },
  SQLITE_FULL: { kind: 'disk-full', words: 'the disk is full' },
  SQLITE_BUSY: { kind: 'database-unreadable', words: 'another program keeps the database locked' },
  SQLITE_LOCKED: { kind: 'database-unreadable', words: 'another program keeps the database locked' },
};

/** The same for Node's fs failures while preparing the data folder and the file. */
const FS_PROBLEMS: Readonly<Record<string, FileProblem>> = {
  EACCES: { kind: 'data-folder-read-only', words: 'permission was refused' },
  EPERM: { kind: 'data-folder-read-only', words: 'permission was refused' },
  EROFS: { kind: 'data-folder-read-only', words: 'the disk is read-only' },
  ENOSPC: { kind: 'disk-full', words: 'the disk is full' },
  EDQUOT: { kind: 'disk-full', words: 'the disk quota is used up' },
  EISDIR: { kind: 'database-unreadable', words: 'the path is a folder' },
  ENOTDIR: { kind: 'database-unreadable', words: 'part of the path is a file, not a folder' },
};

/** What a SQLite or fs failure means for the person, or undefined for errors that are bugs. */
export function fileProblem(err: unknown): FileProblem | undefined {
  if (err instanceof Database.SqliteError) {
    const primary = err.code.split('_').slice(0, 2).join('_');
    return SQLITE_PROBLEMS[err.code] ?? SQLITE_PROBLEMS[primary];
  }
  if (err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string') {
    return FS_PROBLEMS[(err as NodeJS.ErrnoException).code ?? ''];
  }
  return undefined;
}

/** Why a SQLite failure happened, in words a person understands, or undefined for errors that are bugs. */
export function describeFileProblem(err: unknown): string | undefined {
  return err instanceof Database.SqliteError ? fileProblem(err)?.words : undefined;
}

/** True for the typed errors a failing database file raises (see {@link guard}). */
export function isStorageError(err: unknown): err is AttuneError & { kind: StorageErrorKind } {
  return (
    err instanceof AttuneError &&
    (err.kind === 'database-unreadable' || err.kind === 'disk-full' || err.kind === 'data-folder-read-only')
  );
}

/**
 * Runs a store operation and raises failures caused by the database file as `database-unreadable`, `disk-full`
 * or `data-folder-read-only`, so the UI can tell the user what happened. Typed errors and programming errors pass
 * through unchanged.
 */
export function guard<T>(action: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const problem = err instanceof Database.SqliteError ? fileProblem(err) : undefined;
    if (problem === undefined) throw err;
    throw new AttuneError(problem.kind, `Attune could not ${action}: ${problem.words}.`, { cause: err });
  }
}
