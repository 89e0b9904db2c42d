import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { FloatTensor, Model } from '../models/model';
import { MODELS_DIR } from './pipeline-test-helpers';
import { voiceLike } from './test-signals';
import { CNN_MIN_FRAMES, VoiceCnn } from './voice-cnn';
import { VoicePipeline } from './voice-pipeline';
import { SILERO_MODEL_FILE, VOICE_CNN_FILE, VOICE_CNN_SHA256, VOICE_EMOTION_FILE } from './voice-models';

const dir = mkdtempSync(join(tmpdir(), 'attune-voice-cnn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in network that records the input shape and answers `probs`. */
function fake(probs: number[]): Model & { dims: (readonly number[])[] } {
  const dims: (readonly number[])[] = [];
  return {
    dims,
    run: (feeds: Record<string, FloatTensor>) => {
      dims.push(feeds.logmel?.dims ?? []);
      return Promise.resolve({ probs: { data: Float32Array.from(probs), dims: [1, probs.length] } });
    },
    release: () => Promise.resolve(),
  };
}

describe('VoiceCnn', () => {
  it('loads the shipped model (sha256 checked) and gives 7 probabilities summing to 1', async () => {
    const bytes = new Uint8Array(await readFile(join(MODELS_DIR, VOICE_CNN_FILE)));
    const cnn = await VoiceCnn.load(ort, bytes, { sha256: VOICE_CNN_SHA256 });
    for (const seconds of [0.05, 1, 3]) {
      const p = await cnn.predict(voiceLike(seconds));
      expect(p).toHaveLength(7);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    await cnn.release();
  });

  it('refuses garbage, a wrong hash and a graph without its input as model-corrupt', async () => {
    const corrupt = { kind: 'model-corrupt' };
    await expect(VoiceCnn.load(ort, new TextEncoder().encode('not onnx'))).rejects.toMatchObject(corrupt);
    const bytes = new Uint8Array(await readFile(join(MODELS_DIR, VOICE_CNN_FILE)));
    await expect(VoiceCnn.load(ort, bytes, { sha256: '0'.repeat(64) })).rejects.toMatchObject(corrupt);
    const silero = new Uint8Array(await readFile(join(MODELS_DIR, SILERO_MODEL_FILE)));
    await expect(VoiceCnn.load(ort, silero)).rejects.toMatchObject(corrupt);
  });

  it('feeds [1, frames, 40] with at least CNN_MIN_FRAMES frames and checks the output', async () => {
    const model = fake([0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1]);
    const cnn = VoiceCnn.fromModel(model);
    await cnn.predict(new Float32Array(160));
    await cnn.predict(new Float32Array(16_000));
    expect(model.dims).toEqual([
      [1, CNN_MIN_FRAMES, 40],
      [1, 98, 40],
    ]);
    await expect(VoiceCnn.fromModel(fake([0.5, 0.5])).predict(voiceLike(1))).rejects.toMatchObject({
      kind: 'model-corrupt',
    });
  });

  it('makes the pipeline fail to load as model-missing when voice-cnn.onnx is absent', async () => {
    for (const f of [SILERO_MODEL_FILE, VOICE_EMOTION_FILE]) symlinkSync(join(MODELS_DIR, f), join(dir, f));
    await expect(VoicePipeline.load({ modelsDir: dir })).rejects.toMatchObject({ kind: 'model-missing' });
  });
});
