import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from './pipeline-test-helpers';
import { SileroVad, VAD_FRAME } from './silero-vad';
import { sine } from './test-signals';
import { SILERO_MODEL_FILE, SILERO_MODEL_SHA256 } from './voice-models';

const bytes = new Uint8Array(readFileSync(join(MODELS_DIR, SILERO_MODEL_FILE)));

describe('SileroVad', () => {
  let vad: SileroVad;
  beforeAll(async () => {
    vad = await SileroVad.load(ort, bytes, { sha256: SILERO_MODEL_SHA256 });
  });
  afterAll(async () => {
    await vad.release();
  });

  it('scores silence and a steady tone as non-speech, deterministically per stream', async () => {
    const a = vad.stream();
    const b = vad.stream();
    const tone = sine(440, 0.5);
    const pa: number[] = [];
    const pb: number[] = [];
    for (let i = 0; i + VAD_FRAME <= tone.length; i += VAD_FRAME) {
      pa.push(await a.process(tone.subarray(i, i + VAD_FRAME)));
      pb.push(await b.process(tone.subarray(i, i + VAD_FRAME)));
    }
    expect(pa).toEqual(pb);
    expect(Math.max(...pa)).toBeLessThan(0.5);
    expect(await a.process(new Float32Array(VAD_FRAME))).toBeLessThan(0.1);
    a.reset();
    expect(await a.process(tone.subarray(0, VAD_FRAME))).toBeCloseTo(pa[0] ?? NaN, 6);
  });

  it('rejects frames of the wrong size, bytes with the wrong hash and bytes that are not a model', async () => {
    await expect(vad.stream().process(new Float32Array(100))).rejects.toMatchObject({ kind: 'bad-input' });
    await expect(SileroVad.load(ort, bytes, { sha256: '00' })).rejects.toMatchObject({ kind: 'model-corrupt' });
    await expect(SileroVad.load(ort, new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ kind: 'model-corrupt' });
  });
});
