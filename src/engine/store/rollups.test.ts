import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { RollupStore } from './rollups';
import { SampleStore } from './samples';
import { sample } from './test-helpers';

const M = 60_000;

function setup() {
  const db = openDatabase(':memory:');
  const quarters = () =>
    db
      .prepare<[], { quarter: number; n: number; n_sad: number; valence: number }>(
        'SELECT quarter, n, n_sad, valence FROM rollup_quarters ORDER BY quarter',
      )
      .all();
  return { db, samples: new SampleStore(db), rollups: new RollupStore(db), quarters };
}

describe('RollupStore', () => {
  it('aggregates fused samples per minute: counts, means, nothing from other sources', () => {
    const { samples, rollups } = setup();
    samples.insert([
      sample(M, 'fused', { label: 'happy', valence: 0.5, arousal: 0.2, confidence: 0.8 }),
      sample(M + 1000, 'fused', { label: 'happy', valence: 0.3, arousal: 0, confidence: 0.6 }),
      sample(M + 59_999, 'fused', { label: 'unknown', valence: -0.2, arousal: -0.2, confidence: 0.1 }),
      sample(M + 500, 'face', { label: 'sad', valence: -1 }),
      sample(3 * M, 'fused', { label: 'sad', valence: -0.6, arousal: -0.4, confidence: 0.9 }),
    ]);
    expect(rollups.refresh(4 * M)).toBe(2);
    const [first, second] = rollups.range(0, 10 * M);
    expect(first).toEqual({
      minute: M,
      n: 3,
      counts: { neutral: 0, happy: 2, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0, unknown: 1 },
      valence: expect.closeTo(0.2, 12) as number,
      arousal: expect.closeTo(0, 12) as number,
      confidence: expect.closeTo(0.5, 12) as number,
    });
    expect(second).toMatchObject({ minute: 3 * M, n: 1, counts: { sad: 1 }, valence: -0.6 });
  });

  it('rolls up only complete minutes, each once, however often it runs', () => {
    const { samples, rollups } = setup();
    samples.insert([sample(M, 'fused'), sample(2 * M + 5000, 'fused')]);
    expect(rollups.refresh(2 * M + 30_000)).toBe(1); // minute 2 is still being written
    expect(rollups.refresh(2 * M + 30_000)).toBe(0);
    samples.insert([sample(2 * M + 40_000, 'fused')]);
    expect(rollups.refresh(3 * M)).toBe(1);
    expect(rollups.refresh(3 * M)).toBe(0);
    expect(rollups.range(0, 10 * M).map((r) => [r.minute, r.n])).toEqual([
      [M, 1],
      [2 * M, 2],
    ]);
    expect(rollups.lastMinute()).toBe(2 * M);
  });

  it('returns a half-open range and null when nothing was rolled up', () => {
    const { samples, rollups } = setup();
    expect(rollups.lastMinute()).toBeNull();
    samples.insert([0, 1, 2, 3].map((i) => sample(i * M, 'fused')));
    rollups.refresh(10 * M);
    expect(rollups.range(M, 3 * M).map((r) => r.minute)).toEqual([M, 2 * M]);
  });

  it('keeps quarter-hour sums in step, weighting each minute by its samples', () => {
    const { samples, rollups, quarters } = setup();
    samples.insert([
      sample(M, 'fused', { label: 'sad', valence: -0.6 }),
      sample(M + 1000, 'fused', { label: 'sad', valence: -0.6 }),
      sample(2 * M, 'fused', { valence: 0.3 }),
      sample(16 * M, 'fused', { valence: 0.5 }),
    ]);
    rollups.refresh(2 * M); // the quarter 0:00–0:15 is rolled up in two refreshes
    expect(quarters()).toEqual([{ quarter: 0, n: 2, n_sad: 2, valence: -0.6 }]);
    rollups.refresh(20 * M);
    expect(quarters()).toEqual([
      { quarter: 0, n: 3, n_sad: 2, valence: expect.closeTo(-0.3, 12) as number },
      { quarter: 15 * M, n: 1, n_sad: 0, valence: 0.5 },
    ]);
  });

  it('rebuilds quarters from the minutes left after some were deleted', () => {
    const { db, samples, rollups, quarters } = setup();
    samples.insert([sample(M, 'fused', { label: 'sad', valence: -0.6 }), sample(2 * M, 'fused', { valence: 0.3 })]);
    rollups.refresh(20 * M);
    db.prepare('DELETE FROM rollups WHERE minute = ?').run(M);
    rollups.rebuildQuarters(M, 2 * M);
    expect(quarters()).toEqual([{ quarter: 0, n: 1, n_sad: 0, valence: 0.3 }]);
    db.prepare('DELETE FROM rollups').run();
    rollups.rebuildQuarters(0, 20 * M);
    expect(quarters()).toEqual([]);
  });
});

describe('RollupStore.refreshStep', () => {
  it('catches up a day at a time, across gaps, to the same result as one refresh', () => {
    const day = 86_400_000;
    const history = [0, 1, 5].flatMap((d) => [sample(d * day + M, 'fused'), sample(d * day + 2 * M, 'fused')]);
    const stepped = setup();
    stepped.samples.insert(history);
    let steps = 0;
    while (stepped.rollups.refreshStep(10 * day, day)) steps++;
    expect(steps).toBe(3); // one step per recorded day; a fourth call finds nothing left
    const whole = setup();
    whole.samples.insert(history);
    whole.rollups.refresh(10 * day);
    expect(stepped.rollups.range(0, 10 * day)).toEqual(whole.rollups.range(0, 10 * day));
    expect(stepped.quarters()).toEqual(whole.quarters());
    expect(stepped.rollups.refreshStep(10 * day)).toBe(false);
  });
});
