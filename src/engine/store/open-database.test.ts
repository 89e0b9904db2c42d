import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { LATEST_VERSION, schemaVersion } from './migrations/index';
import { openDatabase } from './open-database';
import { withReadOnlyFolder } from './read-only-folder.test-support';
import { SampleStore } from './samples';
import { sample, tempDir } from './test-helpers';

/** Runs `fn` and returns what it threw, so a test can look at the error's kind and message. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('openDatabase', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('opens an in-memory database with the schema applied', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('creates the folder 0700 and the file 0600, in WAL mode', () => {
    const file = join(temp.dir, 'nested', 'attune.sqlite');
    const db = openDatabase(file);
    new SampleStore(db).insert([sample(1)]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(statSync(join(temp.dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // SQLite copies the database's mode onto its write-ahead log.
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    db.close();
  });

  it('tightens a file that was created with looser rights', () => {
    const file = join(temp.dir, 'loose.sqlite');
    writeFileSync(file, '', { mode: 0o644 });
    openDatabase(file).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('re-opens an existing file without migrating or losing data', () => {
    const file = join(temp.dir, 'attune.sqlite');
    const first = openDatabase(file);
    new SampleStore(first).insert([sample(10), sample(20)]);
    first.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(LATEST_VERSION);
    expect(new SampleStore(again).count()).toBe(2);
    again.close();
  });

  it('refuses a database from a newer Attune with a typed error', () => {
    const file = join(temp.dir, 'future.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const err = thrown(() => openDatabase(file));
    expect(err).toBeInstanceOf(AttuneError);
    expect((err as AttuneError).kind).toBe('database-unreadable');
    expect((err as AttuneError).message).toMatch(/newer version of Attune.*Update Attune/);
  });

  it('reports a garbage file as database-unreadable, in words', () => {
    const file = join(temp.dir, 'garbage.sqlite');
    writeFileSync(file, 'this is not a database, just some text that a person saved here by mistake\n'.repeat(40));
    const err = thrown(() => openDatabase(file));
    expect(err).toBeInstanceOf(AttuneError);
    expect((err as AttuneError).kind).toBe('database-unreadable');
    expect((err as AttuneError).message).toContain(file);
    expect((err as AttuneError).message).toMatch(/not an Attune database/);
  });

  it('reports a folder in place of the file as database-unreadable', () => {
    const err = thrown(() => openDatabase(temp.dir));
    expect((err as AttuneError).kind).toBe('database-unreadable');
  });
});

describe('openDatabase: what the dashboard must tell apart', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  const kindOf = (file: string): string => (thrown(() => openDatabase(file)) as AttuneError).kind;

  it('refuses a file of random bytes as database-unreadable', () => {
    const file = join(temp.dir, 'attune.sqlite');
    writeFileSync(file, randomBytes(64 * 1024));
    expect(kindOf(file)).toBe('database-unreadable');
  });

  it("refuses another program's database, untouched, rather than migrating it", () => {
    const file = join(temp.dir, 'attune.sqlite');
    const foreign = new BetterSqlite3(file);
    foreign.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES (1)');
    foreign.close();
    const before = readFileSync(file);
    const err = thrown(() => openDatabase(file)) as AttuneError;
    expect(err.kind).toBe('database-unreadable');
    expect(err.message).toMatch(/belongs to another program.*moz_places/);
    // Not even the journal mode was changed: the file is byte for byte what the other program left.
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a foreign database that has a schema version but none of our tables', () => {
    const file = join(temp.dir, 'attune.sqlite');
    const foreign = new BetterSqlite3(file);
    foreign.exec('CREATE TABLE notes (body TEXT)');
    foreign.pragma('user_version = 3');
    foreign.close();
    expect(kindOf(file)).toBe('database-unreadable');
  });

  it('says data-folder-read-only when the folder takes no new file', () => {
    const folder = join(temp.dir, 'data');
    mkdirSync(folder, { mode: 0o700 });
    const file = join(folder, 'attune.sqlite');
    const err = withReadOnlyFolder(folder, () => thrown(() => openDatabase(file))) as AttuneError;
    expect(err.kind).toBe('data-folder-read-only');
    expect(err.message).toContain(file);
  });

  it('says data-folder-read-only, not damaged, for a good database in a folder that became read-only', () => {
    const folder = join(temp.dir, 'data');
    mkdirSync(folder, { mode: 0o700 });
    const file = join(folder, 'attune.sqlite');
    const db = openDatabase(file);
    new SampleStore(db).insert([sample(1)]);
    db.close();
    // SQLite alone says SQLITE_CANTOPEN here: it may not create its -wal and -shm files beside the database.
    expect(withReadOnlyFolder(folder, () => kindOf(file))).toBe('data-folder-read-only');
  });
});
