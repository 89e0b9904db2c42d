import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxModel, readModelFile } from './onnx-model';
import { rejectionKind } from '../vision/test-support';

const MODELS = fileURLToPath(new URL('../../../resources/models/', import.meta.url));
const BLAZEFACE_SHA256 = 'd388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51';

describe('readModelFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-model-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reports a missing file as 'model-missing'", async () => {
    expect(await rejectionKind(readModelFile(join(dir, 'nope.onnx')))).toBe('model-missing');
  });

  it("reports a directory in the way as 'model-corrupt'", async () => {
    expect(await rejectionKind(readModelFile(dir))).toBe('model-corrupt');
  });
});

describe('OnnxModel', () => {
  it("reports unparsable bytes as 'model-corrupt'", async () => {
    expect(await rejectionKind(OnnxModel.load(ort, new TextEncoder().encode('not a model'), 'junk.onnx'))).toBe(
      'model-corrupt',
    );
  });

  it("reports a sha256 mismatch as 'model-corrupt'", async () => {
    const bytes = await readModelFile(join(MODELS, 'blazeface-front-128.onnx'));
    expect(await rejectionKind(OnnxModel.load(ort, bytes, 'bf', { sha256: '00'.repeat(32) }))).toBe('model-corrupt');
  });

  it('loads, runs and releases a real model', async () => {
    const bytes = await readModelFile(join(MODELS, 'blazeface-front-128.onnx'));
    const model = await OnnxModel.load(ort, bytes, 'bf', { sha256: BLAZEFACE_SHA256, threads: 1 });
    expect(model.inputNames).toEqual(['input:0']);
    const out = await model.run({ 'input:0': { data: new Float32Array(128 * 128 * 3), dims: [1, 128, 128, 3] } });
    expect(out['Identity:0']?.dims).toEqual([1, 512, 1]);
    expect(out['Identity_3:0']?.data).toHaveLength(384 * 16);
    await model.release();
    await model.release(); // twice is fine
    expect(await rejectionKind(model.run({}))).toBe('internal');
  });
});
