import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestEntry, readManifest } from './model-manifest';
import { rejectionKind } from '../vision/test-support';

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
    expect(await rejectionKind(Promise.resolve().then(() => manifestEntry(m, 'b')))).toBe('model-corrupt');
    expect(await rejectionKind(Promise.resolve().then(() => manifestEntry(m, 'c')))).toBe('model-missing');
  });

  it("is 'model-missing' when absent and 'model-corrupt' when malformed", async () => {
    expect(await rejectionKind(Promise.resolve().then(() => readManifest(join(dir, 'nowhere'))))).toBe('model-missing');
    await writeFile(join(dir, 'manifest.json'), '{ "models": ');
    expect(await rejectionKind(Promise.resolve().then(() => readManifest(dir)))).toBe('model-corrupt');
    await writeFile(join(dir, 'manifest.json'), '[]');
    expect(await rejectionKind(Promise.resolve().then(() => readManifest(dir)))).toBe('model-corrupt');
  });
});
