import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../shared/history';
import { CheckInStore } from './check-ins';
import { openDatabase } from './open-database';
import { Pruner, readRetention, RETENTION_KEY } from './retention';
import { RollupStore } from './rollups';
import { SampleStore } from './samples';
import { SettingsStore } from './settings';
import { sample } from './test-helpers';

const D = 86_400_000;
const NOW = 40 * D;

function setup() {
  const db = openDatabase(':memory:');
  const samples = new SampleStore(db);
  // Ten fused and ten face samples on day 1 (old), five fused on day 39 (recent).
  samples.insert(Array.from({ length: 10 }, (_, i) => sample(D + i * 1000, 'fused')));
  samples.insert(Array.from({ length: 10 }, (_, i) => sample(D + i * 1000, 'face')));
  samples.insert(Array.from({ length: 5 }, (_, i) => sample(39 * D + i * 1000, 'fused')));
  return { db, samples, rollups: new RollupStore(db) };
}

describe('Pruner', () => {
  it('prunes old raw samples in batches, rolling their minutes up first', () => {
    const { db, samples, rollups } = setup();
    const pruner = new Pruner(db, { batchSize: 8 });
    expect(pruner.pruneStep(NOW, 30)).toBe(true); // the first step only rolls day 1 up
    expect(samples.count()).toBe(25);
    expect(rollups.range(0, NOW)).toMatchObject([{ minute: D, n: 10 }]);
    expect(pruner.pruneStep(NOW, 30)).toBe(true);
    expect(samples.count()).toBe(25 - 8);
    expect(pruner.pruneStep(NOW, 30)).toBe(true);
    expect(pruner.pruneStep(NOW, 30)).toBe(false);
    expect(samples.range(0, NOW).map((s) => s.t)).toEqual([0, 1, 2, 3, 4].map((i) => 39 * D + i * 1000));
    expect(rollups.range(0, NOW)).toMatchObject([{ minute: D, n: 10 }]);
  });

  it('keeps a sample that a check-in points at', async () => {
    const { db, samples } = setup();
    new CheckInStore(db).add(sample(2 * D, 'text'), { pleasantness: 0.5, energy: 0 }, null);
    await new Pruner(db).pruneAll(NOW, 30);
    expect(samples.range(0, 30 * D).map((s) => s.source)).toEqual(['text']);
    expect(new CheckInStore(db).range(0, NOW)).toHaveLength(1);
  });

  it('runs to the end, yielding between steps', async () => {
    const { db, samples } = setup();
    let pauses = 0;
    const steps = await new Pruner(db, { batchSize: 4 }).pruneAll(NOW, 30, () => {
      pauses++;
      return Promise.resolve();
    });
    expect(samples.count()).toBe(5);
    expect(steps).toBe(7); // a roll-up step, five full batches of the 20 old rows, then one that finds none
    expect(pauses).toBe(steps - 1);
  });

  it('keeps everything newer than the period', () => {
    const { db, samples } = setup();
    expect(new Pruner(db).pruneStep(NOW, 40)).toBe(false);
    expect(samples.count()).toBe(25);
  });
});

describe('readRetention', () => {
  it('merges the stored setting over the default and ignores an invalid one', () => {
    const settings = new SettingsStore(openDatabase(':memory:'));
    expect(readRetention(settings)).toEqual(DEFAULT_RETENTION);
    settings.set(RETENTION_KEY, { rawDays: 7 });
    expect(readRetention(settings)).toEqual({ rawDays: 7 });
    settings.set(RETENTION_KEY, { rawDays: -1 });
    expect(readRetention(settings)).toEqual(DEFAULT_RETENTION);
  });
});
