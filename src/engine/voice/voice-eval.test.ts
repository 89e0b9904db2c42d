import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEmotion } from '../../shared/labels';
import { MODELS_DIR, levelVad, utterance } from './pipeline-test-helpers';
import { encodeWav, voiceLike } from './test-signals';
import { VoiceClassifier } from './voice-classifier';
import { predictVoiceFile } from './voice-eval';
import { VoicePipeline } from './voice-pipeline';
import { VOICE_EMOTION_FILE } from './voice-models';

const dir = mkdtempSync(join(tmpdir(), 'attune-voice-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('predictVoiceFile', () => {
  const classifier = VoiceClassifier.load(join(MODELS_DIR, VOICE_EMOTION_FILE));

  it('averages the segments of a recording into one label', async () => {
    const pipeline = VoicePipeline.fromParts(levelVad(), classifier);
    const r = 44_100;
    const a = utterance(voiceLike(1.5, { rate: r }), 0.5, 1, r);
    const b = utterance(voiceLike(1.5, { rate: r, f0: 220 }), 0, 0.5, r);
    const two = new Float32Array([...a, ...b]);
    const p = await predictVoiceFile(pipeline, file('two.wav', encodeWav([two, two], r, 'float32')));
    expect(p.segments).toBe(2);
    expect(isEmotion(p.label)).toBe(true);
    expect(Object.values(p.probs ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('answers null when there is no speech, and bad-input for a file that is not WAV', async () => {
    const pipeline = VoicePipeline.fromParts(levelVad(), classifier);
    const silent = await predictVoiceFile(pipeline, file('silent.wav', encodeWav([new Float32Array(16_000)], 16_000)));
    expect(silent).toMatchObject({ label: null, probs: null, segments: 0 });
    await expect(predictVoiceFile(pipeline, file('text.wav', new TextEncoder().encode('hello')))).rejects.toMatchObject(
      {
        kind: 'bad-input',
      },
    );
  });

  it('judges against a given baseline and then adds the file’s clean utterances to it', async () => {
    const pipeline = VoicePipeline.fromParts(levelVad(), classifier);
    const baseline = classifier.newBaseline();
    const path = file('one.wav', encodeWav([utterance(voiceLike(1.5), 0.5, 0.5)], 16_000));
    const alone = await predictVoiceFile(pipeline, path);
    const first = await predictVoiceFile(pipeline, path, baseline);
    expect(first.probs).toEqual(alone.probs); // an empty baseline reads as none
    expect(baseline.count).toBe(1);
    await predictVoiceFile(pipeline, path, baseline);
    expect(baseline.count).toBe(2);
    const quiet = utterance(
      voiceLike(1.5).map((v) => v * 1e-3),
      0.5,
      0.5,
    );
    await predictVoiceFile(pipeline, file('quiet.wav', encodeWav([quiet], 16_000)), baseline);
    expect(baseline.count).toBe(2);
  });

  it('passes on the reader’s warnings for a truncated file', async () => {
    const pipeline = VoicePipeline.fromParts(levelVad(), classifier);
    const bytes = encodeWav([utterance(voiceLike(1.5), 0.5, 0.5)], 16_000);
    const p = await predictVoiceFile(pipeline, file('cut.wav', bytes.subarray(0, bytes.length - 8001)));
    expect(p.warnings.length).toBeGreaterThan(0);
    expect(p.segments).toBe(1);
  });
});
