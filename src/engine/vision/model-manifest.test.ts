import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { manifestEntry, readManifest } from './model-manifest';

const kindOf = async (fn: () => unknown): Promise<string | undefined> => {
  try {
    await fn();
  } catch (err) {
    return err instanceof AttuneError ? err.kind : 'other';
  }
  return undefined;
};

const entry = {
  file: 'a.onnx',
  sha256: 'ab',
  bytes: 1,
  input: { name: 'input', shape: [-1, 64, 64, 1], layout: 'NHWC', dtype: 'float32', normalisation: '' },
  output: { name: 'probs', shape: [-1, 7], labels: ['angry'] },
};

describe('model manifest', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-manifest-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads entries and checks the fields the engine needs', async () => {
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ models: { a: entry, b: { file: 'b.onnx' } } }));
    const m = await readManifest(dir);
    expect(manifestEntry(m, 'a').output.labels).toEqual(['angry']);
    expect(await kindOf(() => manifestEntry(m, 'b'))).toBe('model-corrupt');
    expect(await kindOf(() => manifestEntry(m, 'c'))).toBe('model-missing');
  });

  it("is 'model-missing' when absent and 'model-corrupt' when malformed", async () => {
    expect(await kindOf(() => readManifest(join(dir, 'nowhere')))).toBe('model-missing');
    await writeFile(join(dir, 'manifest.json'), '{ "models": ');
    expect(await kindOf(() => readManifest(dir))).toBe('model-corrupt');
    await writeFile(join(dir, 'manifest.json'), '[]');
    expect(await kindOf(() => readManifest(dir))).toBe('model-corrupt');
  });
});
