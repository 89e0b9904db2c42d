import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/engine-protocol';
import { probsFromVector } from '../../shared/labels';
import type { MoodSample } from '../../shared/mood';
import { ManualClock } from '../../shared/clock';
import { Engine } from './engine';
import type { VoiceAnalyzer } from './ports';
import { testMoodService } from '../test-support/mood-service';
import type { FrameAnalyzer } from '../vision/frame-analyzer';

const CALM = probsFromVector([0.8, 0.1, 0.02, 0.02, 0.02, 0.02, 0.02]);

type Segment = Awaited<ReturnType<VoiceAnalyzer['push']>>[number];

const segment = (startMs: number, endMs: number, confidence = 0.6): Segment => ({
  startMs,
  endMs,
  result: { label: 'neutral', probs: CALM, valence: 0.1, arousal: -0.3, confidence },
});

/** Answers each push with the next scripted outcome: segments, or an Error to reject with. */
class FakeVoice implements VoiceAnalyzer {
  pushes: number[] = [];
  flushes = 0;
  constructor(private readonly script: (Segment[] | Error)[] = []) {}
  push(_pcm: Float32Array, t: number): Promise<Segment[]> {
    this.pushes.push(t);
    const next = this.script.shift() ?? [];
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }
  flush(): Promise<Segment[]> {
    this.flushes++;
    return Promise.resolve([segment(5_000, 5_500)]);
  }
}

const noFaces: FrameAnalyzer = {
  process: () => Promise.reject(new Error('no frames in these tests')),
  release: () => Promise.resolve(),
};

function setup(voice: VoiceAnalyzer | null, maxPendingAudio?: number) {
  const rows: MoodSample[] = [];
  const events: EngineEvent[] = [];
  const logs: string[] = [];
  const samples = { insert: (s: MoodSample[]) => rows.push(...s), range: () => rows, count: () => rows.length };
  const emit = (e: EngineEvent): number => events.push(e);
  const engine = new Engine({
    analyzer: noFaces,
    samples,
    mood: testMoodService({ samples, emit, clock: new ManualClock(0) }).mood,
    emit,
    log: (_level, message) => logs.push(message),
    voice,
    maxPendingAudio,
  });
  return { engine, rows, events, logs };
}

const chunk = (t: number) => ({ t, pcm: new Float32Array(1600) });

describe('engine voice path', () => {
  it('stores each utterance as a voice sample at its start and emits voice then mood', async () => {
    const voice = new FakeVoice([[], [segment(999.6, 2_400, 0.6)]]);
    const { engine, rows, events } = setup(voice);
    engine.submitAudio(chunk(1_000));
    engine.submitAudio(chunk(1_100));
    await engine.whenIdle();
    expect(voice.pushes).toEqual([1_000, 1_100]);
    const voiced = rows.filter((r) => r.source === 'voice');
    expect(voiced).toHaveLength(1);
    // Stored at the utterance's start, rounded to the store's integer ms.
    expect(voiced[0]).toMatchObject({ t: 1_000, source: 'voice', label: 'neutral', confidence: 0.6 });
    expect(events.map((e) => e.name)).toEqual(['voice', 'mood']);
    expect(events[0]).toEqual({
      name: 'voice',
      payload: {
        startMs: 999.6,
        endMs: 2_400,
        label: 'neutral',
        probs: CALM,
        valence: 0.1,
        arousal: -0.3,
        confidence: 0.6,
      },
    });
    // The utterance is the only evidence: the fused mood leans its way, all of it from the voice, but one
    // short utterance is not enough to name a mood yet.
    const mood = engine.getLiveMood();
    expect(mood?.t).toBe(2_400);
    expect(mood?.confidence).toBeGreaterThan(0);
    expect(mood?.probs.neutral).toBeGreaterThan(0.5);
    expect(mood?.modalities.voice.share).toBe(1);
    expect(rows.filter((r) => r.source === 'fused')).toHaveLength(1);
  });

  it('keeps going after a failing chunk and logs it', async () => {
    const voice = new FakeVoice([new Error('bad audio'), [segment(3_000, 3_900)]]);
    const { engine, rows, logs } = setup(voice);
    engine.submitAudio(chunk(3_000));
    engine.submitAudio(chunk(3_100));
    await engine.whenIdle();
    expect(logs).toEqual(['audio skipped: bad audio']);
    expect(rows.filter((r) => r.source === 'voice').map((r) => r.t)).toEqual([3_000]);
  });

  it('leaves the live mood alone for zero-confidence utterances but still stores them', async () => {
    const { engine, rows, events } = setup(new FakeVoice([[segment(0, 500, 0)]]));
    engine.submitAudio(chunk(0));
    await engine.whenIdle();
    expect(rows).toHaveLength(1);
    expect(events.map((e) => e.name)).toEqual(['voice']);
    expect(engine.getLiveMood()).toBeNull();
  });

  it('drops audio while paused, closing the open utterance on pause', async () => {
    const voice = new FakeVoice();
    const { engine, rows } = setup(voice);
    engine.setPaused(true);
    engine.submitAudio(chunk(6_000));
    await engine.whenIdle();
    expect(voice.flushes).toBe(1);
    expect(voice.pushes).toEqual([]);
    expect(rows.map((r) => r.t)).toEqual([5_000]);
  });

  it('drops new audio while too many chunks wait for a stalled pipeline', async () => {
    const held: (() => void)[] = [];
    const stalled: VoiceAnalyzer = {
      push: () => new Promise((resolve) => held.push(() => resolve([]))),
      flush: () => Promise.resolve([]),
    };
    const { engine } = setup(stalled, 2);
    for (let i = 0; i < 5; i++) engine.submitAudio(chunk(i * 100));
    expect(held).toHaveLength(2);
    for (const release of held.splice(0)) release();
    await engine.whenIdle();
    engine.submitAudio(chunk(600));
    expect(held).toHaveLength(1);
    held[0]?.();
    await engine.whenIdle();
  });

  it('drops audio when no voice model is loaded', async () => {
    const { engine, rows, events } = setup(null);
    engine.submitAudio(chunk(0));
    await engine.whenIdle();
    expect(rows).toEqual([]);
    expect(events).toEqual([]);
  });
});
