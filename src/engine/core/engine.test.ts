import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/engine-protocol';
import { probsFromVector } from '../../shared/labels';
import type { FaceObservation, MoodSample, SampleSource } from '../../shared/mood';
import { ManualClock } from '../../shared/clock';
import { Engine } from './engine';
import type { SampleRepository } from './ports';
import { testMoodService } from '../test-support/mood-service';
import type { FrameAnalyzer } from '../vision/frame-analyzer';

const HAPPY = probsFromVector([0.05, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01]);

function observation(t: number, face: boolean): FaceObservation {
  return {
    t,
    faceCount: face ? 1 : 0,
    face: face ? { x: 10, y: 10, width: 100, height: 100, score: 0.9 } : null,
    probs: face ? HAPPY : null,
    label: face ? 'happy' : 'unknown',
    valence: face ? 0.7 : 0,
    arousal: face ? 0.4 : 0,
    confidence: face ? 0.9 : 0,
    quality: face ? 1 : 0,
    flags: face ? [] : ['no-face'],
    timings: { total: 1 },
  };
}

class FakeAnalyzer implements FrameAnalyzer {
  seen: number[] = [];
  private release_: (() => void) | null = null;
  constructor(private readonly opts: { face?: boolean; hold?: boolean; failOn?: number } = {}) {}
  process(_image: unknown, t: number): Promise<FaceObservation> {
    this.seen.push(t);
    if (t === this.opts.failOn) return Promise.reject(new Error('corrupt frame'));
    const result = observation(t, this.opts.face ?? true);
    if (!this.opts.hold) return Promise.resolve(result);
    return new Promise((resolve) => (this.release_ = () => resolve(result)));
  }
  releaseOne(): void {
    const r = this.release_;
    this.release_ = null;
    r?.();
  }
  release(): Promise<void> {
    return Promise.resolve();
  }
}

class MemoryRepo implements SampleRepository {
  rows: MoodSample[] = [];
  insert(samples: MoodSample[]): void {
    this.rows.push(...samples);
  }
  range(from: number, to: number, source?: SampleSource): MoodSample[] {
    return this.rows.filter((r) => r.t >= from && r.t < to && (!source || r.source === source));
  }
  count(): number {
    return this.rows.length;
  }
}

function setup(analyzer: FakeAnalyzer) {
  const repo = new MemoryRepo();
  const events: EngineEvent[] = [];
  const logs: string[] = [];
  const clock = new ManualClock(0);
  const emit = (e: EngineEvent): number => events.push(e);
  const { mood } = testMoodService({ samples: repo, emit, clock });
  const engine = new Engine({ analyzer, samples: repo, mood, emit, log: (_l, m) => logs.push(m) });
  clockOfTest = clock;
  return { engine, repo, events, logs, clock };
}

/** A frame captured at `t` ms; the engine's clock reads `t` when it arrives (as in live use). */
let clockOfTest: ManualClock | null = null;
const frame = (t: number) => {
  if (clockOfTest && t > clockOfTest.now()) clockOfTest.advance(t - clockOfTest.now());
  return { t, width: 2, height: 2, data: new Uint8Array(16) };
};

describe('Engine', () => {
  it('analyses a frame, emits face and mood events, and stores face and fused samples', async () => {
    const { engine, repo, events } = setup(new FakeAnalyzer());
    engine.submitFrame(frame(1_000));
    await engine.whenIdle();
    expect(events.map((e) => e.name)).toEqual(['face', 'mood']);
    expect(repo.rows.map((r) => r.source).sort()).toEqual(['face', 'fused']);
    const fused = repo.rows.find((r) => r.source === 'fused');
    expect(fused?.shares).toEqual({ face: 1, voice: 0, text: 0 });
    expect(repo.rows[0]?.probs.happy).toBeCloseTo(0.9);
  });

  it('stores the fused mood at most once a second', async () => {
    const { engine, repo } = setup(new FakeAnalyzer());
    for (const t of [0, 500, 1_000, 1_400]) {
      engine.submitFrame(frame(t));
      await engine.whenIdle();
    }
    expect(repo.range(0, 10_000, 'fused').map((r) => r.t)).toEqual([0, 1_000]);
    expect(repo.range(0, 10_000, 'face')).toHaveLength(4);
  });

  it('stores nothing from a frame without a face, but reports it', async () => {
    const { engine, repo, events } = setup(new FakeAnalyzer({ face: false }));
    engine.submitFrame(frame(0));
    await engine.whenIdle();
    expect(repo.range(0, 1, 'face')).toHaveLength(0);
    const face = events.find((e) => e.name === 'face');
    expect(face?.name === 'face' && face.payload.flags).toEqual(['no-face']);
  });

  it('keeps only the newest frame while busy, so it never falls behind', async () => {
    const analyzer = new FakeAnalyzer({ hold: true });
    const { engine } = setup(analyzer);
    engine.submitFrame(frame(1));
    engine.submitFrame(frame(2));
    engine.submitFrame(frame(3));
    analyzer.releaseOne();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    analyzer.releaseOne();
    await engine.whenIdle();
    expect(analyzer.seen).toEqual([1, 3]);
  });

  it('drops frames while paused', async () => {
    const analyzer = new FakeAnalyzer();
    const { engine } = setup(analyzer);
    engine.setPaused(true);
    engine.submitFrame(frame(1));
    await engine.whenIdle();
    expect(analyzer.seen).toEqual([]);
  });

  it('survives a frame the analyser rejects', async () => {
    const analyzer = new FakeAnalyzer({ failOn: 1 });
    const { engine, logs } = setup(analyzer);
    engine.submitFrame(frame(1));
    await engine.whenIdle();
    engine.submitFrame(frame(2));
    await engine.whenIdle();
    expect(analyzer.seen).toEqual([1, 2]);
    expect(logs[0]).toContain('corrupt frame');
    expect(engine.getLiveMood()?.t).toBe(2);
  });
});
