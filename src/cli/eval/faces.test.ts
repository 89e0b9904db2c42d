import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalFaces } from './faces';

describe('evalFaces on bad files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-eval-faces-'));
    const data = new Uint8Array(48 * 48 * 4).fill(120);
    const jpg = new Uint8Array(jpeg.encode({ width: 48, height: 48, data }, 90).data);
    for (const label of ['happy', 'sad', 'angry']) await mkdir(join(dir, label));
    await writeFile(join(dir, 'happy', 'ok.jpg'), jpg);
    await writeFile(join(dir, 'sad', 'truncated.jpg'), jpg.subarray(0, jpg.length / 2));
    await writeFile(join(dir, 'angry', 'empty.jpg'), new Uint8Array(0));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists each unreadable image with its error kind and evaluates the rest', async () => {
    const report = await evalFaces({ path: dir });
    expect(report.n).toBe(1);
    const errors = [...report.errors].sort((a, b) => a.path.localeCompare(b.path));
    expect(errors.map((e) => e.path)).toEqual([join(dir, 'angry', 'empty.jpg'), join(dir, 'sad', 'truncated.jpg')]);
    for (const e of errors) expect(e.message).toMatch(/^bad-input: /);
  });
});
