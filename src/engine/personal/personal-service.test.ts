import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import type { EngineEvent } from '../../shared/engine-protocol';
import { argmaxLabel, probsFromVector, type Emotion, type EmotionProbs } from '../../shared/labels';
import type { ExpressionStep } from '../../shared/personal-info';
import { PersonalService } from './personal-service';
import { openDatabase } from '../store/open-database';
import { PersonalStore } from '../store/personal';

/** Generic readings of one person: their angry face reads as neutral, their sad face as sad (read well). */
const ANGRY_FACE = probsFromVector([0.55, 0.03, 0.12, 0.22, 0.03, 0.03, 0.02]);
const NEUTRAL_FACE = probsFromVector([0.8, 0.05, 0.08, 0.02, 0.02, 0.02, 0.01]);
const SAD_FACE = probsFromVector([0.15, 0.02, 0.75, 0.03, 0.02, 0.02, 0.01]);
const HAPPY_FACE = probsFromVector([0.08, 0.85, 0.02, 0.01, 0.01, 0.01, 0.02]);

function setup() {
  const db = openDatabase(':memory:');
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 10));
  const events: EngineEvent[] = [];
  const store = new PersonalStore(db);
  const make = () => new PersonalService({ store, clock, emit: (e) => events.push(e), log: () => undefined });
  const service = make();
  const steps = (): ExpressionStep[] => events.flatMap((e) => (e.name === 'expression' ? [e.payload] : []));
  /** Shows `probs` at 2 frames/s for `seconds`, with a tick each second, as the engine does. */
  const show = (s: PersonalService, probs: EmotionProbs | null, seconds: number, quality = 1): void => {
    for (let i = 0; i < seconds * 2; i++) {
      clock.advance(500);
      s.face(clock.now(), probs, quality);
      if (i % 2 === 1) s.tick();
    }
  };
  const calibrate = (s: PersonalService, label: Emotion, probs: EmotionProbs): ExpressionStep => {
    s.startStep('face', label);
    show(s, probs, 4);
    return s.step();
  };
  return { db, clock, store, events, service, make, steps, show, calibrate };
}

describe('PersonalService', () => {
  it('leaves readings generic until the person teaches it', () => {
    const { service } = setup();
    expect(service.face(0, ANGRY_FACE, 1)).toBe(ANGRY_FACE);
    expect(service.info().face).toMatchObject({ active: false, examples: 0, changes: [] });
    expect(service.info().problem).toBeNull();
  });

  it('keeps a step once the expression was held: generic outputs only, two groups per step', () => {
    const { service, calibrate, steps, store, events } = setup();
    expect(calibrate(service, 'angry', ANGRY_FACE)).toMatchObject({ phase: 'done', label: 'angry', kept: 6 });
    const phases = steps().map((s) => (s.phase === 'collecting' ? `collecting ${s.kept}` : s.phase));
    expect(phases.slice(0, 3)).toEqual(['collecting 0', 'collecting 1', 'collecting 2']);
    expect(phases.at(-1)).toBe('done');
    const kept = store.examples('face');
    expect(kept).toHaveLength(6);
    expect(
      kept.every((e) => e.source === 'calibration' && e.label === 'angry' && e.probs.angry === ANGRY_FACE.angry),
    ).toBe(true);
    expect(new Set(kept.map((e) => e.group))).toEqual(new Set(['face-angry-a', 'face-angry-b']));
    expect(events.some((e) => e.name === 'personal' && e.payload.face.examples === 6)).toBe(true);
  });

  it("after calibration tilts the person's angry face toward angry, and still reads their other faces as before", () => {
    const { service, calibrate } = setup();
    calibrate(service, 'neutral', NEUTRAL_FACE);
    calibrate(service, 'angry', ANGRY_FACE);
    calibrate(service, 'sad', SAD_FACE);
    calibrate(service, 'happy', HAPPY_FACE);
    expect(service.active('face')).toBe(true);
    const angry = service.face(0, ANGRY_FACE, 1);
    expect(angry?.angry).toBeGreaterThan(ANGRY_FACE.angry + 0.05);
    expect(angry?.neutral).toBeLessThan(ANGRY_FACE.neutral);
    expect(argmaxLabel(service.face(0, NEUTRAL_FACE, 1) ?? ANGRY_FACE)).toBe('neutral');
    expect(argmaxLabel(service.face(0, SAD_FACE, 1) ?? ANGRY_FACE)).toBe('sad');
    // Each half of a step is judged by a model fitted on the other half, never on itself.
    const change = service.info().face.changes.find((c) => c.label === 'angry');
    expect(change).toMatchObject({ label: 'angry', total: 6, before: { label: 'neutral', count: 6 } });
    expect(service.info().face.changes.map((c) => c.label)).toEqual(['neutral', 'happy', 'sad', 'angry']);
  });

  it('a redone step replaces the old one', () => {
    const { service, calibrate, store } = setup();
    calibrate(service, 'angry', NEUTRAL_FACE);
    calibrate(service, 'angry', ANGRY_FACE);
    expect(store.examples('face').map((e) => e.probs.angry)).toEqual(Array(6).fill(ANGRY_FACE.angry));
  });

  it('fails a step with no face as no-face, and one with poor frames as timed-out, keeping nothing', () => {
    const { service, show, steps, store } = setup();
    service.startStep('face', 'happy');
    show(service, null, 21);
    expect(steps().at(-1)).toMatchObject({ phase: 'failed', error: { kind: 'no-face' } });
    service.startStep('face', 'happy');
    show(service, HAPPY_FACE, 21, 0.1);
    expect(steps().at(-1)).toMatchObject({ phase: 'failed', error: { kind: 'timed-out' } });
    expect(store.examples()).toEqual([]);
  });

  it('keeps a voice step once a sentence was heard in that tone', () => {
    const { service, clock, store, steps } = setup();
    service.startStep('voice', 'sad');
    const t = clock.now();
    service.voice(t + 100, t + 900, SAD_FACE);
    expect(steps().at(-1)).toMatchObject({ phase: 'collecting', modality: 'voice', kept: 800, needed: 1_500 });
    service.voice(t + 1_000, t + 2_000, SAD_FACE);
    expect(steps().at(-1)).toMatchObject({ phase: 'done', modality: 'voice', label: 'sad', kept: 1_800 });
    expect(store.examples('voice').map((e) => [e.label, e.source])).toEqual([
      ['sad', 'calibration'],
      ['sad', 'calibration'],
    ]);
    expect(store.examples('face')).toEqual([]);
  });

  it('fails a voice step that heard no speech saying so (a microphone off or far), one with too little as timed-out', () => {
    const { service, clock, store, steps } = setup();
    service.startStep('voice', 'happy');
    clock.advance(21_000);
    service.tick();
    expect(steps().at(-1)).toMatchObject({
      phase: 'failed',
      error: { kind: 'timed-out', message: /^No speech was heard: is the microphone on/ },
    });
    service.startStep('voice', 'happy');
    const t = clock.now();
    service.voice(t + 100, t + 900, HAPPY_FACE);
    clock.advance(21_000);
    service.tick();
    expect(steps().at(-1)).toMatchObject({
      phase: 'failed',
      error: { kind: 'timed-out', message: /^The step ran out of time: 0\.8 s of speech of 1\.5 s came/ },
    });
    expect(store.examples()).toEqual([]);
  });

  it('learns a voice the general model hears leaning toward neutral from the four tones, not from corrections', () => {
    // Every tone of this voice reads mostly neutral; the tone shows only in a smaller second place.
    const voice: Record<'neutral' | 'happy' | 'sad' | 'angry', EmotionProbs> = {
      neutral: probsFromVector([0.7, 0.08, 0.12, 0.04, 0.02, 0.02, 0.02]),
      happy: probsFromVector([0.5, 0.36, 0.06, 0.03, 0.02, 0.01, 0.02]),
      sad: probsFromVector([0.55, 0.03, 0.35, 0.03, 0.02, 0.01, 0.01]),
      angry: probsFromVector([0.5, 0.03, 0.05, 0.38, 0.02, 0.01, 0.01]),
    };
    const { service, clock, make, store } = setup();
    const biasOf = () => (store.model('voice')?.json as { bias?: unknown } | undefined)?.bias;
    // Corrections are given because a reading was wrong: a sample of errors, never a reason for offsets.
    for (const label of ['sad', 'sad', 'angry', 'angry'] as const) {
      const t = clock.now();
      service.voice(t, t + 900, voice[label]);
      expect(service.learn(t + 900, label, 'correction')).toBe(1);
      clock.advance(1_000);
    }
    expect(store.model('voice')).not.toBeNull();
    expect(biasOf()).toBeUndefined();
    for (const [label, probs] of Object.entries(voice) as [keyof typeof voice, EmotionProbs][]) {
      service.startStep('voice', label);
      const t = clock.now();
      service.voice(t + 100, t + 1_000, probs);
      service.voice(t + 1_100, t + 2_000, probs);
      clock.advance(2_500);
    }
    expect(service.active('voice')).toBe(true);
    expect(biasOf()).toBeDefined();
    const t = clock.now();
    expect(argmaxLabel(service.voice(t, t + 900, voice.sad))).toBe('sad');
    expect(argmaxLabel(service.voice(t, t + 900, voice.angry))).toBe('angry');
    expect(argmaxLabel(service.voice(t, t + 900, voice.neutral))).toBe('neutral');
    // The stored model carries the offsets and reads back the same.
    expect(make().voice(t, t + 900, voice.sad)).toEqual(service.voice(t, t + 900, voice.sad));
  });

  it('keeps no smile as a relaxed face: the step says so and times out', () => {
    const { service, show, steps, store } = setup();
    service.startStep('face', 'neutral');
    show(service, HAPPY_FACE, 2);
    expect(steps().at(-1)).toMatchObject({ phase: 'collecting', kept: 0, hint: 'smiling' });
    show(service, HAPPY_FACE, 20);
    expect(steps().at(-1)).toMatchObject({
      phase: 'failed',
      error: { kind: 'timed-out', message: /looked like a smile/ },
    });
    expect(store.examples()).toEqual([]);
  });

  it('refuses a face step with the camera off and any step while paused', () => {
    const { service, steps } = setup();
    service.setCamera('denied');
    expect(() => service.startStep('face', 'happy')).toThrow(expect.objectContaining({ kind: 'camera-off' }));
    service.setCamera('on');
    service.setPaused(true);
    expect(() => service.startStep('face', 'happy')).toThrow(expect.objectContaining({ kind: 'paused' }));
    expect(() => service.startStep('voice', 'fearful')).toThrow(expect.objectContaining({ kind: 'bad-input' }));
    expect(steps()).toEqual([]);
  });

  it('refuses a voice step with the microphone switched off, at once, and keeps nothing', () => {
    let microphone = false;
    const db = openDatabase(':memory:');
    const store = new PersonalStore(db);
    const events: EngineEvent[] = [];
    const clock = new ManualClock(0);
    const service = new PersonalService({
      store,
      clock,
      emit: (e) => events.push(e),
      log: () => undefined,
      microphoneOn: () => microphone,
    });
    expect(() => service.startStep('voice', 'sad')).toThrow(expect.objectContaining({ kind: 'microphone-off' }));
    expect(() => service.startStep('voice', 'sad')).toThrow(/Settings → Sensors/);
    expect(service.step().phase).toBe('idle');
    expect(events).toEqual([]);
    // A face step does not need the microphone; a voice step starts once it is on.
    expect(() => service.startStep('face', 'happy')).not.toThrow();
    microphone = true;
    expect(service.startStep('voice', 'sad')).toMatchObject({ phase: 'collecting', modality: 'voice' });
    expect(store.examples()).toEqual([]);
  });

  it('learns from a correction what the face showed in the seconds before it', () => {
    const { service, show, clock, store } = setup();
    show(service, HAPPY_FACE, 30);
    show(service, ANGRY_FACE, 10);
    expect(service.learn(clock.now(), 'angry', 'correction')).toBe(1);
    const [example] = store.examples('face');
    expect(example).toMatchObject({ source: 'correction', label: 'angry', weight: 3, group: null });
    expect(example?.probs.angry).toBeCloseTo(ANGRY_FACE.angry, 9);
    expect(service.learn(clock.now() + 60_000, 'sad', 'check-in')).toBe(0);
  });

  it('relearns from the examples left after a day was deleted, and reads generic again when none is left', () => {
    const { db, service, show, clock, calibrate } = setup();
    calibrate(service, 'angry', ANGRY_FACE);
    show(service, ANGRY_FACE, 10);
    expect(service.learn(clock.now(), 'angry', 'correction')).toBe(1);
    const taught = service.face(clock.now(), ANGRY_FACE, 1);
    expect(taught && argmaxLabel(taught)).toBe('angry');
    // What the eraser does for a deleted range: the correction goes, the calibration stays.
    db.prepare("DELETE FROM personal_examples WHERE source = 'correction'").run();
    expect(service.relearn().face).toMatchObject({ active: true, examples: 6 });
    // Then nothing is left, and the eraser dropped the model with its last example.
    db.prepare('DELETE FROM personal_examples').run();
    db.prepare('DELETE FROM personal_models').run();
    expect(service.relearn().face).toMatchObject({ active: false, examples: 0 });
    expect(service.face(clock.now(), ANGRY_FACE, 1)).toBe(ANGRY_FACE);
  });

  it('falls back to generic readings when the stored model is unreadable, says so, and changes nothing', () => {
    const { service, calibrate, db, make } = setup();
    calibrate(service, 'angry', ANGRY_FACE);
    db.prepare(
      "UPDATE personal_models SET model = json_set(model, '$.weights.angry', 'x') WHERE modality = 'face'",
    ).run();
    const before = db.prepare('SELECT * FROM personal_models').all();
    const reopened = make();
    expect(reopened.info().problem).toMatchObject({ kind: 'model-corrupt' });
    expect(reopened.info().face.active).toBe(false);
    expect(reopened.face(0, ANGRY_FACE, 1)).toBe(ANGRY_FACE);
    expect(db.prepare('SELECT * FROM personal_models').all()).toEqual(before);
  });

  it('fits a model on first start from examples a migration left without one', () => {
    const { service, calibrate, db, make } = setup();
    calibrate(service, 'neutral', NEUTRAL_FACE);
    calibrate(service, 'angry', ANGRY_FACE);
    db.prepare('DELETE FROM personal_models').run();
    const reopened = make();
    expect(reopened.active('face')).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM personal_models').get()).toEqual({ n: 1 });
  });

  it('refits a model stored before maxPenalty existed from its examples', () => {
    const { service, calibrate, db, make } = setup();
    calibrate(service, 'neutral', NEUTRAL_FACE);
    calibrate(service, 'angry', ANGRY_FACE);
    db.prepare("UPDATE personal_models SET model = json_remove(model, '$.maxPenalty') WHERE modality = 'face'").run();
    const reopened = make();
    expect(reopened.active('face')).toBe(true);
    const stored = db.prepare<[], string>("SELECT json_extract(model, '$.maxPenalty') FROM personal_models").pluck();
    expect(stored.get()).toBe(1.5);
    expect(reopened.face(0, ANGRY_FACE, 1)).toEqual(service.face(0, ANGRY_FACE, 1));
  });

  it('reset forgets every example and model', () => {
    const { service, calibrate, db } = setup();
    calibrate(service, 'angry', ANGRY_FACE);
    expect(service.reset().face).toMatchObject({ examples: 0, active: false });
    expect(service.face(0, ANGRY_FACE, 1)).toBe(ANGRY_FACE);
    expect(
      db.prepare('SELECT (SELECT count(*) FROM personal_examples) + (SELECT count(*) FROM personal_models) AS n').get(),
    ).toEqual({ n: 0 });
  });
});
