import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { fileProblem, isStorageError } from './errors';
import { openDatabase } from './open-database';
import { withReadOnlyFolder } from './read-only-folder.test-support';
import { SampleStore } from './samples';
import { sample, tempDir } from './test-helpers';

function thrown(fn: () => unknown): AttuneError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AttuneError) return err;
    throw err;
  }
  throw new Error('expected a throw');
}

describe('store errors', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('raises a write the disk has no room for as disk-full (a real SQLITE_FULL)', () => {
    const db = openDatabase(join(temp.dir, 'attune.sqlite'));
    const samples = new SampleStore(db);
    // SQLite's own limit on the file's size: past it, writes fail exactly as on a full disk.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const err = thrown(() => {
      for (let t = 0; t < 10_000; t += 1) samples.insert([sample(t)]);
    });
    expect(err.kind).toBe('disk-full');
    expect(err.message).toMatch(/the disk is full/);
    expect(isStorageError(err)).toBe(true);
    db.close();
  });

  it('names the fs failures of a full disk and a read-only folder', () => {
    const folder = join(temp.dir, 'data');
    mkdirSync(folder);
    const refused = withReadOnlyFolder(folder, () => {
      try {
        mkdirSync(join(folder, 'inner'));
      } catch (err) {
        return err;
      }
      return null;
    });
    expect(fileProblem(refused)?.kind).toBe('data-folder-read-only');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    });
    expect(fileProblem(full)?.kind).toBe('disk-full');
    expect(fileProblem(new Error('a bug'))).toBeUndefined();
    expect(isStorageError(new AttuneError('model-missing', 'x'))).toBe(false);
  });
});
