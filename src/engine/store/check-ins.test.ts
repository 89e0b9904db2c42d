import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { CheckInStore } from './check-ins';
import { openDatabase } from './open-database';
import { SampleStore } from './samples';
import { sample } from './test-helpers';

describe('CheckInStore', () => {
  it('stores the sample and the rating together and reads them back in time order', () => {
    const db = openDatabase(':memory:');
    const store = new CheckInStore(db);
    const late = store.add(sample(2_000, 'text'), { pleasantness: -0.5, energy: 0.25 }, 'tired');
    const early = store.add(sample(1_000, 'text'), null, null);
    expect(late).toMatchObject({ t: 2_000, selfRating: { pleasantness: -0.5, energy: 0.25 }, note: 'tired' });
    expect(store.range(0, 3_000)).toEqual([early, late]);
    expect(store.range(1_500, 3_000)).toEqual([late]);
    expect(new SampleStore(db).range(0, 3_000, 'text')).toHaveLength(2);
  });

  it('writes nothing when the sample is malformed', () => {
    const db = openDatabase(':memory:');
    const store = new CheckInStore(db);
    expect(() => store.add(sample(1.5, 'text'), null, null)).toThrow(AttuneError);
    expect(new SampleStore(db).count()).toBe(0);
    expect(store.range(0, 10)).toEqual([]);
  });

  it('rolls the sample back when the check-in row is refused', () => {
    const db = openDatabase(':memory:');
    const store = new CheckInStore(db);
    expect(() => store.add(sample(5, 'text'), { pleasantness: 3, energy: 0 }, null)).toThrow(/CHECK/);
    expect(new SampleStore(db).count()).toBe(0);
  });
});
