import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { fixedOffset } from '../../shared/history';
import type { BreakPrompt } from '../../shared/prompts';
import { HistoryService } from './history-service';
import { CheckInStore } from '../store/check-ins';
import { EventStore } from '../store/events';
import { openDatabase } from '../store/open-database';
import { PromptStore } from '../store/prompts';
import { SampleStore } from '../store/samples';
import { SettingsStore } from '../store/settings';
import { sample, tempDir } from '../store/test-helpers';

const S = 1000;
const M = 60_000;
const H = 60 * M;
const D = 24 * H;
/** Monday 5 January 2026, 10:00 UTC (the calendar is UTC). */
const T0 = Date.UTC(2026, 0, 5, 10);

function setup(file = ':memory:', start = T0) {
  const db = openDatabase(file);
  const clock = new ManualClock(start);
  const deferred: (() => void)[] = [];
  const logs: string[] = [];
  const history = new HistoryService({
    db,
    clock,
    settings: new SettingsStore(db),
    checkIns: new CheckInStore(db),
    log: (_level, message) => logs.push(message),
    calendar: fixedOffset(0),
    defer: (step) => deferred.push(step),
    pruneBatchSize: 50,
  });
  /** Runs deferred upkeep steps until none is left; returns how many ran. */
  const drain = (): number => {
    let steps = 0;
    for (let step = deferred.shift(); step; step = deferred.shift()) {
      step();
      steps++;
    }
    return steps;
  };
  return { db, clock, history, drain, deferred, logs, samples: new SampleStore(db), prompts: new PromptStore(db) };
}

const prompt = (t: number): Omit<BreakPrompt, 'id'> => ({
  t,
  reason: 'sad',
  evidence: {
    reason: 'sad',
    from: t - 20 * M,
    to: t,
    evidenceMs: 15 * M,
    share: 0.8,
    shareThreshold: 0.6,
    minEvidenceMs: 10 * M,
    confidenceThreshold: 0.3,
    byModality: { face: 1, voice: 0, text: 0 },
  },
  action: null,
  answeredAt: null,
  recovered: null,
});

describe('HistoryService: Today', () => {
  it('gives the day per minute, the current minute computed live, with prompts, events and check-ins', () => {
    const { clock, history, samples, prompts, db } = setup();
    // Two finished minutes and the minute now being written (10:02:00–10:02:30).
    samples.insert([
      sample(T0, 'fused', { valence: 0.2 }),
      sample(T0 + 30 * S, 'fused', { valence: 0.4 }),
      sample(T0 + M, 'fused', { label: 'sad', valence: -0.5 }),
      sample(T0 + 2 * M, 'fused', { valence: 0.1 }),
      sample(T0 + 2 * M + 20 * S, 'fused', { valence: 0.3 }),
      sample(T0 + 2 * M, 'face', { valence: -1 }),
    ]);
    prompts.add(prompt(T0 + M));
    new EventStore(db).add(T0 + 90 * S, 'pause', { minutes: 15 });
    new CheckInStore(db).add(sample(T0 + 100 * S, 'text'), { pleasantness: 0.5, energy: 0 }, null);
    clock.advance(2 * M + 30 * S);
    const day = history.dayHistory({ from: T0 - H, to: T0 + H });
    expect(day.rollups.map((r) => [r.minute, r.n, r.valence])).toEqual([
      [T0, 2, expect.closeTo(0.3, 12)],
      [T0 + M, 1, -0.5],
      [T0 + 2 * M, 2, expect.closeTo(0.2, 12)],
    ]);
    expect(day.rollups[1]?.counts.sad).toBe(1);
    expect(day.prompts.map((p) => p.t)).toEqual([T0 + M]);
    expect(day.events.map((e) => e.kind)).toEqual(['pause']);
    expect(day.checkIns.map((c) => c.t)).toEqual([T0 + 100 * S]);
    // The live minute was not stored: samples written later in it still count once it ends.
    samples.insert([sample(T0 + 2 * M + 40 * S, 'fused', { valence: 0.5 })]);
    clock.advance(M);
    const later = history.dayHistory({ from: T0, to: T0 + H });
    expect(later.rollups.map((r) => [r.minute, r.n])).toEqual([
      [T0, 2],
      [T0 + M, 1],
      [T0 + 2 * M, 3],
    ]);
  });

  it('refuses a range that ends before it starts', () => {
    const { history } = setup();
    expect(() => history.dayHistory({ from: 2, to: 1 })).toThrow(expect.objectContaining({ kind: 'bad-input' }));
  });
});

describe('HistoryService: trends and heatmap', () => {
  it('reads days, hours and break outcomes from rollups the upkeep keeps up to date', () => {
    const { clock, history, samples, prompts, drain } = setup();
    samples.insert([
      sample(T0, 'fused', { label: 'happy', valence: 0.5 }),
      sample(T0 + D, 'fused', { label: 'sad', valence: -0.5 }),
    ]);
    const p = prompts.add(prompt(T0 + D));
    prompts.answer(p.id, 'breathe', T0 + D + M);
    prompts.setRecovered(p.id, true);
    clock.advance(D + H);
    history.tick();
    drain();
    const trends = history.trends({ from: T0 - 10 * H, to: T0 + 2 * D - 10 * H });
    expect(trends.days.map((d) => [d.day, d.n, d.meanValence])).toEqual([
      [T0 - 10 * H, 1, 0.5],
      [T0 + D - 10 * H, 1, -0.5],
    ]);
    expect(trends.hours).toHaveLength(24);
    expect(trends.hours[10]?.n).toBe(2);
    expect(trends.breaks).toEqual({ prompts: 1, breaks: 1, recovered: 1, notRecovered: 0, unknown: 0 });
    expect(history.heatmap({ from: T0 - 10 * H, to: T0 + 3 * D - 10 * H }).map((d) => d.meanValence)).toEqual([
      0.5,
      -0.5,
      null,
    ]);
  });
});

describe('HistoryService: explain', () => {
  it('gives every source within ±30 s, the nearest prompt within ±1 min, and the minute', () => {
    const { clock, history, samples, prompts } = setup();
    samples.insert([
      sample(T0 + 5 * M - 31 * S, 'face'),
      sample(T0 + 5 * M - 30 * S, 'face'),
      sample(T0 + 5 * M, 'fused', { valence: -0.2 }),
      sample(T0 + 5 * M + 10 * S, 'voice'),
      sample(T0 + 5 * M + 30 * S, 'text'),
      sample(T0 + 5 * M + 31 * S, 'face'),
    ]);
    prompts.add(prompt(T0 + 3 * M));
    const near = prompts.add(prompt(T0 + 5 * M + 50 * S));
    clock.advance(10 * M);
    const explained = history.explainAt(T0 + 5 * M);
    expect(explained.samples.map((s) => s.source)).toEqual(['face', 'fused', 'voice', 'text']);
    expect(explained.prompt?.id).toBe(near.id);
    // Not rolled up yet: computed from the minute's samples.
    expect(explained.rollup).toMatchObject({ minute: T0 + 5 * M, n: 1, valence: -0.2 });
    history.dayHistory({ from: T0, to: T0 + H });
    expect(history.explainAt(T0 + 5 * M).rollup).toMatchObject({ minute: T0 + 5 * M, n: 1 });
    expect(history.explainAt(T0 + 20 * M)).toEqual({ t: T0 + 20 * M, samples: [], prompt: null, rollup: null });
  });
});

describe('HistoryService: background upkeep', () => {
  it('rolls up and prunes in deferred steps, about once a minute of clock time', () => {
    const now = T0 + 40 * D;
    const { history, drain, deferred, samples, clock } = setup(':memory:', now);
    // 120 old fused samples (days 0 and 1), 120 old face samples, 10 recent ones.
    for (const day of [0, 1]) {
      samples.insert(Array.from({ length: 60 }, (_, i) => sample(T0 + day * D + i * S, 'fused')));
      samples.insert(Array.from({ length: 60 }, (_, i) => sample(T0 + day * D + i * S, 'face')));
    }
    samples.insert(Array.from({ length: 10 }, (_, i) => sample(now - H + i * S, 'fused')));
    history.tick();
    expect(deferred).toHaveLength(1); // nothing runs on the beat itself
    expect(samples.count()).toBe(250);
    history.tick(); // a round is running: no second one
    const steps = drain();
    expect(steps).toBeGreaterThan(3);
    expect(samples.count()).toBe(10);
    const day = history.dayHistory({ from: T0, to: T0 + 2 * D });
    expect(day.rollups.map((r) => [r.minute, r.n])).toEqual([
      [T0, 60],
      [T0 + D, 60],
    ]);
    // The recent hour was rolled up too, by the same round.
    expect(history.dayHistory({ from: now - H, to: now - 50 * M }).rollups.map((r) => r.n)).toEqual([10]);
    clock.advance(30 * S);
    history.tick();
    expect(deferred).toHaveLength(0); // less than a minute since the last round
    clock.advance(30 * S);
    history.tick();
    expect(deferred).toHaveLength(1);
    drain();
  });

  it('prunes by the retention setting, re-read each round', () => {
    const now = T0 + 10 * D;
    const { history, drain, samples } = setup(':memory:', now);
    samples.insert([sample(now - 5 * D, 'face'), sample(now - H, 'face')]);
    history.tick();
    drain();
    expect(samples.count()).toBe(2);
    history.settings.setRetention({ rawDays: 3 });
    history.upkeep.soon();
    history.tick();
    drain();
    expect(samples.count()).toBe(1);
  });

  it('logs a failed step and tries again next round', () => {
    const { history, drain, logs, db, clock } = setup();
    db.close();
    history.tick();
    drain();
    expect(logs.at(-1)).toMatch(/history upkeep failed/);
    clock.advance(M);
    history.tick();
    expect(history.upkeep.busy()).toBe(true);
  });
});

describe('HistoryService: export and delete', () => {
  it('writes the export into a 0600 file, replacing an existing one, and answers its size', async () => {
    const { dir, remove } = tempDir();
    try {
      const { history, samples } = setup(join(dir, 'attune.sqlite'));
      samples.insert([sample(T0, 'fused'), sample(T0 + S, 'face')]);
      const path = join(dir, 'out.csv');
      const { bytes } = await history.writeExport('csv', undefined, path);
      const text = readFileSync(path, 'utf8');
      expect(Buffer.byteLength(text)).toBe(bytes);
      expect(text.trimEnd().split('\n')).toHaveLength(3);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const json = await history.writeExport('json', { from: T0 + S, to: T0 + M }, path);
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { samples: unknown[] };
      expect(parsed.samples).toHaveLength(1);
      expect(json.bytes).toBe(statSync(path).size);
    } finally {
      remove();
    }
  });

  it('refuses a relative path or a bad format, and leaves nothing where it could not write', async () => {
    const { dir, remove } = tempDir();
    try {
      const { history } = setup();
      await expect(history.writeExport('csv', undefined, 'out.csv')).rejects.toMatchObject({ kind: 'bad-input' });
      await expect(history.writeExport('xml' as 'csv', undefined, join(dir, 'x'))).rejects.toMatchObject({
        kind: 'bad-input',
      });
      await expect(history.writeExport('csv', undefined, join(dir, 'missing', 'x.csv'))).rejects.toMatchObject({
        kind: 'bad-input',
        message: expect.stringMatching(/folder does not exist/) as string,
      });
    } finally {
      remove();
    }
  });

  it('deletes a day, a range or everything, keeping the settings', () => {
    const { history, samples } = setup();
    samples.insert([sample(T0, 'fused'), sample(T0 + D, 'fused'), sample(T0 + 2 * D, 'fused')]);
    history.settings.setSensors({ frameRate: 1 });
    expect(history.deleteHistory({ kind: 'day', t: T0 + D + H }).deleted.samples).toBe(1);
    expect(history.deleteHistory({ kind: 'range', from: T0 - 1, to: T0 + 1 }).deleted.samples).toBe(1);
    expect(history.deleteHistory({ kind: 'all' }).deleted.samples).toBe(1);
    expect(samples.count()).toBe(0);
    expect(history.settings.sensors().frameRate).toBe(1);
    expect(() => history.deleteHistory({ kind: 'range', from: 5, to: 5 })).toThrow(/start before its end/);
  });
});
