import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { openDatabase } from './open-database';
import { SampleStore } from './samples';
import { sample } from './test-helpers';

const store = () => new SampleStore(openDatabase(':memory:'));

describe('SampleStore', () => {
  it('round-trips samples through insert and range', () => {
    const s = store();
    const written = [sample(1000, 'face'), sample(2000, 'fused', { label: 'unknown', valence: -1, confidence: 0 })];
    s.insert(written);
    expect(s.count()).toBe(2);
    expect(s.range(0, 10_000)).toEqual(written);
  });

  it('returns a half-open range, oldest first, ties in insertion order', () => {
    const s = store();
    s.insert([
      sample(300),
      sample(100),
      sample(200, 'face', { label: 'sad' }),
      sample(200, 'face', { label: 'angry' }),
    ]);
    const got = s.range(100, 300);
    expect(got.map((x) => x.t)).toEqual([100, 200, 200]);
    expect(got.map((x) => x.label)).toEqual(['happy', 'sad', 'angry']);
  });

  it('filters by source', () => {
    const s = store();
    s.insert([sample(1, 'face'), sample(2, 'voice'), sample(3, 'face'), sample(4, 'fused')]);
    expect(s.range(0, 10, 'face').map((x) => x.t)).toEqual([1, 3]);
    expect(s.range(0, 10, 'text')).toEqual([]);
  });

  it('summarises what is stored: samples by source, the first and the last', () => {
    const s = store();
    expect(s.summary()).toEqual({
      samples: 0,
      bySource: { face: 0, voice: 0, text: 0, fused: 0 },
      first: null,
      last: null,
    });
    s.insert([sample(500, 'face'), sample(100, 'voice'), sample(900, 'face'), sample(300, 'fused')]);
    expect(s.summary()).toEqual({
      samples: 4,
      bySource: { face: 2, voice: 1, text: 0, fused: 1 },
      first: 100,
      last: 900,
    });
  });

  it('gives the latest sample overall and per source, or null', () => {
    const s = store();
    expect(s.latest()).toBeNull();
    s.insert([sample(5, 'voice'), sample(9, 'face'), sample(7, 'voice')]);
    expect(s.latest()?.t).toBe(9);
    expect(s.latest('voice')?.t).toBe(7);
    expect(s.latest('text')).toBeNull();
  });

  it('writes nothing when one sample of a batch is malformed', () => {
    const s = store();
    const bad = sample(2, 'face', { valence: Number.NaN });
    expect(() => s.insert([sample(1), bad])).toThrow(AttuneError);
    expect(() => s.insert([sample(1.5)])).toThrow(/integer ms/);
    expect(s.count()).toBe(0);
  });

  it('round-trips the fused modality shares, and refuses a share outside 0…1', () => {
    const s = store();
    const fused = sample(1000, 'fused', { shares: { face: 0.5, voice: 0.25, text: 0.25 } });
    s.insert([fused, sample(2000, 'face')]);
    const [got, plain] = s.range(0, 10_000);
    expect(got).toEqual(fused);
    expect(plain).not.toHaveProperty('shares');
    expect(() => s.insert([sample(3000, 'fused', { shares: { face: 2, voice: 0, text: 0 } })])).toThrow(
      /share of face/,
    );
  });

  it('accepts an empty batch', () => {
    const s = store();
    s.insert([]);
    expect(s.count()).toBe(0);
  });
});
