import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { tempDir } from './test-helpers';

describe('data folder rights', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('tightens an existing folder with looser rights to 0700 (issue 15)', () => {
    const dir = join(temp.dir, 'existing');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    openDatabase(join(dir, 'attune.sqlite')).close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('leaves a folder that is already private as it is', () => {
    const dir = join(temp.dir, 'private');
    mkdirSync(dir, { mode: 0o700 });
    openDatabase(join(dir, 'attune.sqlite')).close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
