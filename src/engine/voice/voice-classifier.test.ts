import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../shared/labels';
import { extractFeatures } from './features';
import { SpeakerBaseline } from './speaker-baseline';
import { sine, voiceLike } from './test-signals';
import { VoiceClassifier } from './voice-classifier';
import { VOICE_EMOTION_FILE } from './voice-models';

const MODEL = resolve(import.meta.dirname, '../../../resources/models', VOICE_EMOTION_FILE);
const classifier = VoiceClassifier.load(MODEL);
const dir = mkdtempSync(join(tmpdir(), 'attune-voice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sum = (probs: Record<string, number>) => Object.values(probs).reduce((a, b) => a + b, 0);

describe('VoiceClassifier', () => {
  it('refuses a missing file as model-missing and garbage as model-corrupt', () => {
    expect(() => VoiceClassifier.load(join(dir, 'absent.json'))).toThrow(
      expect.objectContaining({ kind: 'model-missing' }),
    );
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(() => VoiceClassifier.load(join(dir, 'bad.json'))).toThrow(
      expect.objectContaining({ kind: 'model-corrupt' }),
    );
    writeFileSync(join(dir, 'other.json'), '{"format":"something-else"}');
    expect(() => VoiceClassifier.load(join(dir, 'other.json'))).toThrow(
      expect.objectContaining({ kind: 'model-corrupt' }),
    );
  });

  it('gives probabilities over every label, valence/arousal in range and the global model without a baseline', () => {
    const r = classifier.classify(voiceLike(2));
    expect(Object.keys(r.probs)).toEqual([...EMOTIONS]);
    expect(sum(r.probs)).toBeCloseTo(1, 9);
    expect(Math.abs(r.valence)).toBeLessThanOrEqual(1);
    expect(Math.abs(r.arousal)).toBeLessThanOrEqual(1);
    expect(r.model).toBe('global');
    expect(r.flags).toContain('no-baseline');
    expect(r.confidence).toBeLessThanOrEqual(0.8);
  });

  it('switches to the speaker model once the baseline has enough utterances', () => {
    const baseline = classifier.newBaseline();
    const min = classifier.model.speaker.minUtterances;
    for (let i = 0; i < min - 1; i++) baseline.add(extractFeatures(voiceLike(1.5, { f0: 120 + 10 * i })).values);
    expect(classifier.classify(voiceLike(2), baseline).model).toBe('global');
    baseline.add(extractFeatures(voiceLike(1.5, { f0: 200 })).values);
    const r = classifier.classify(voiceLike(2), baseline);
    expect(r.model).toBe('speaker');
    expect(r.flags).not.toContain('no-baseline');
    expect(sum(r.probs)).toBeCloseTo(1, 9);
  });

  it('lowers confidence for short segments and says unknown for silence', () => {
    const short = classifier.classify(voiceLike(0.5));
    expect(short.flags).toContain('short');
    expect(short.confidence).toBeLessThanOrEqual(short.quality.activeS);
    const silent = classifier.classify(new Float32Array(16_000));
    expect(silent.confidence).toBe(0);
    expect(silent.label).toBe('unknown');
    expect(sum(silent.probs)).toBeCloseTo(1, 9);
    expect(classifier.classify(new Float32Array(0)).label).toBe('unknown');
  });

  it('flags a clipped segment', () => {
    const r = classifier.classify(sine(180, 1.5, 16_000, 4).map((v) => Math.max(-1, Math.min(1, v))));
    expect(r.flags).toContain('clipped');
  });

  it('refuses a baseline built from other features', () => {
    const wrong = new SpeakerBaseline(classifier.model.featureNames.length, 999);
    expect(() => classifier.classify(voiceLike(1), wrong)).toThrow(expect.objectContaining({ kind: 'bad-input' }));
  });

  it('adds calibration utterances shifted by the calibration offset', () => {
    const baseline = classifier.newBaseline();
    const x = voiceLike(1.5);
    classifier.calibrate(x, baseline);
    const { values } = extractFeatures(x);
    const offset = classifier.model.speaker.calibrationOffset;
    expect(baseline.count).toBe(1);
    expect(baseline.mean(0)).toBeCloseTo((values[0] ?? 0) + (offset[0] ?? 0), 9);
  });

  it('blends CNN probabilities in with the weight of the model that judged', () => {
    const { values, quality } = extractFeatures(voiceLike(2));
    const cnn = [0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.94]; // EMOTIONS order: surprised
    const alone = classifier.classifyFeatures(values, quality, null);
    const none = VoiceClassifier.fromJson(classifier.model, { cnnWeight: { global: 0, speaker: 0 } });
    expect(none.classifyFeatures(values, quality, null, cnn).probs.happy).toBeCloseTo(alone.probs.happy, 12);
    const all = VoiceClassifier.fromJson(classifier.model, { cnnWeight: { global: 1, speaker: 0 } });
    const r = all.classifyFeatures(values, quality, null, cnn);
    expect(r.probs.surprised).toBeCloseTo(0.94, 9);
    expect(r.label === 'surprised' || r.label === 'unknown').toBe(true);
    const half = VoiceClassifier.fromJson(classifier.model, { cnnWeight: { global: 0.5, speaker: 0.5 } });
    const h = half.classifyFeatures(values, quality, null, cnn);
    const g = (e: keyof typeof h.probs) => Math.sqrt(alone.probs[e] * cnn[EMOTIONS.indexOf(e)]!);
    expect(h.probs.surprised / h.probs.neutral).toBeCloseTo(g('surprised') / g('neutral'), 6);
    expect(sum(h.probs)).toBeCloseTo(1, 9);
    expect(() => classifier.classifyFeatures(values, quality, null, [0.5, 0.5])).toThrow(
      expect.objectContaining({ kind: 'bad-input' }),
    );
  });
});
