/**
 * Issue 15: a full disk or a missing model stops only its own part; the live mood and the other modalities go on.
 * A real engine (assembleEngine) on a real SQLite file, with a stand-in face analyzer.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import type { EngineEvent } from '../../shared/engine-protocol';
import type { HealthProblem } from '../../shared/health';
import { probsFromVector } from '../../shared/labels';
import type { FaceObservation } from '../../shared/mood';
import { assembleEngine } from '../process/assemble';
import { openDatabase } from '../store/open-database';
import { SampleStore } from '../store/samples';
import { tempDir } from '../store/test-helpers';
import type { TextAnalyzer } from '../text/text-intake';
import type { FrameAnalyzer } from '../vision/frame-analyzer';
import { EngineHealth } from './engine-health';

const HAPPY = probsFromVector([0.05, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01]);

const happyFace: FrameAnalyzer = {
  process: (_image, t): Promise<FaceObservation> =>
    Promise.resolve({
      t,
      faceCount: 1,
      face: { x: 10, y: 10, width: 100, height: 100, score: 0.9 },
      probs: HAPPY,
      label: 'happy',
      valence: 0.7,
      arousal: 0.4,
      confidence: 0.9,
      quality: 1,
      flags: [],
      timings: { total: 1 },
    }),
  release: () => Promise.resolve(),
};

const happyText: TextAnalyzer = {
  classify: () => ({ probs: HAPPY, label: 'happy', valence: 0.7, arousal: 0.4, confidence: 0.8 }),
};

function setUp(
  dir: string,
  parts: { analyzer: FrameAnalyzer | null; classifier: TextAnalyzer | null },
): {
  db: ReturnType<typeof openDatabase>;
  events: EngineEvent[];
  problems: () => readonly HealthProblem[] | undefined;
  engine: ReturnType<typeof assembleEngine>['engine'];
  clock: ManualClock;
} {
  const db = openDatabase(join(dir, 'attune.sqlite'));
  const events: EngineEvent[] = [];
  const emit = (event: EngineEvent): void => void events.push(event);
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 10));
  const health = new EngineHealth(emit, () => undefined);
  const { engine } = assembleEngine({ db, ...parts, voice: null, clock, emit, log: () => undefined, health });
  const problems = (): readonly HealthProblem[] | undefined =>
    events.filter((e) => e.name === 'problems').at(-1)?.payload;
  return { db, events, problems, engine, clock };
}

const frame = (t: number): { t: number; width: number; height: number; data: Uint8Array } => ({
  t,
  width: 2,
  height: 2,
  data: new Uint8Array(16),
});

describe('the engine keeps running what it still can', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('on a full disk: stops storing, keeps the live mood, and resumes storing once there is room', async () => {
    const { db, events, problems, engine, clock } = setUp(temp.dir, { analyzer: happyFace, classifier: happyText });
    const stored = new SampleStore(db);
    engine.submitFrame(frame(clock.now()));
    await engine.whenIdle();
    const before = stored.count();
    expect(before).toBeGreaterThan(0);

    // A real SQLITE_FULL: SQLite's size limit set to the pages the file has now.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    for (let i = 0; i < 200 && problems() === undefined; i += 1) {
      clock.advance(500);
      engine.submitFrame(frame(clock.now()));
      await engine.whenIdle();
      engine.tick();
    }
    expect(problems()).toEqual([expect.objectContaining({ part: 'saving', kind: 'disk-full' })]);

    // Still reading faces and moving the live mood, though nothing more is kept.
    const count = stored.count();
    events.length = 0;
    clock.advance(1_000);
    engine.submitFrame(frame(clock.now()));
    await engine.whenIdle();
    engine.tick();
    expect(events.some((e) => e.name === 'face')).toBe(true);
    expect(events.some((e) => e.name === 'mood')).toBe(true);
    expect(engine.getLiveMood()?.label).toBe('happy');
    expect(stored.count()).toBe(count);
    // A text someone is waiting on fails with the typed error rather than pretending it was kept.
    expect(() => engine.addText({ text: 'a lovely day' })).toThrow(expect.objectContaining({ kind: 'disk-full' }));

    // Space again: the next write goes through and the problem clears by itself.
    db.pragma('max_page_count = 1073741823');
    clock.advance(1_000);
    engine.submitFrame(frame(clock.now()));
    await engine.whenIdle();
    expect(stored.count()).toBeGreaterThan(count);
    expect(problems()).toEqual([]);
    db.close();
  });

  it('when the file stops taking writes (read-only): the same, named as a read-only folder', async () => {
    const { db, problems, engine, clock } = setUp(temp.dir, { analyzer: happyFace, classifier: happyText });
    // SQLite's own switch: every write now fails with SQLITE_READONLY, as on a disk remounted read-only.
    db.pragma('query_only = ON');
    engine.submitFrame(frame(clock.now()));
    await engine.whenIdle();
    expect(problems()).toEqual([expect.objectContaining({ part: 'saving', kind: 'data-folder-read-only' })]);
    expect(engine.getLiveMood()).not.toBeNull();
    db.pragma('query_only = OFF');
    clock.advance(1_000);
    engine.submitFrame(frame(clock.now()));
    await engine.whenIdle();
    expect(problems()).toEqual([]);
    db.close();
  });

  it('without a face model: frames are dropped, text still moves the mood and is stored', async () => {
    const { db, events, engine, clock } = setUp(temp.dir, { analyzer: null, classifier: happyText });
    engine.submitFrame(frame(clock.now()));
    await engine.whenIdle();
    expect(events.some((e) => e.name === 'face')).toBe(false);
    engine.addText({ text: 'a lovely day' });
    engine.tick();
    expect(engine.getLiveMood()?.modalities.text.share).toBeGreaterThan(0);
    expect(new SampleStore(db).range(0, Number.MAX_SAFE_INTEGER, 'text')).toHaveLength(1);
    db.close();
  });

  it('without a text model: text answers model-missing while faces still work', async () => {
    const { db, events, engine, clock } = setUp(temp.dir, { analyzer: happyFace, classifier: null });
    expect(() => engine.addText({ text: 'hello' })).toThrow(expect.objectContaining({ kind: 'model-missing' }));
    engine.submitFrame(frame(clock.now()));
    await engine.whenIdle();
    expect(events.some((e) => e.name === 'face')).toBe(true);
    db.close();
  });
});
