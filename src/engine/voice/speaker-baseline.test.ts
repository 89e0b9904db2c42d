import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { SpeakerBaseline } from './speaker-baseline';

describe('SpeakerBaseline', () => {
  const rows = [
    [1, 10],
    [2, 20],
    [6, 30],
  ];

  it('keeps a running mean and population standard deviation', () => {
    const b = new SpeakerBaseline(2, 1);
    expect(b.count).toBe(0);
    expect(b.mean(0)).toBe(0);
    rows.forEach((r) => b.add(r));
    expect(b.count).toBe(3);
    expect(Array.from(b.means())).toEqual([3, 20]);
    expect(b.std(0)).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(b.std(1)).toBeCloseTo(Math.sqrt(200 / 3), 12);
  });

  it('survives a JSON round trip and keeps learning the same way', () => {
    const b = new SpeakerBaseline(2, 1);
    rows.slice(0, 2).forEach((r) => b.add(r));
    const restored = SpeakerBaseline.fromJSON(JSON.parse(JSON.stringify(b)));
    restored.add(rows[2] ?? []);
    b.add(rows[2] ?? []);
    expect(Array.from(restored.means())).toEqual(Array.from(b.means()));
    expect(restored.std(0)).toBeCloseTo(b.std(0), 12);
    expect(restored.featureVersion).toBe(1);
  });

  it('ignores non-finite entries for that feature and rejects the wrong size or a bad JSON', () => {
    const b = new SpeakerBaseline(2, 1);
    b.add([2, 4]);
    b.add([Number.NaN, 6]);
    expect(Array.from(b.means())).toEqual([2, 5]);
    expect(() => b.add([1])).toThrow(AttuneError);
    expect(() => SpeakerBaseline.fromJSON({ count: 1 })).toThrow(/not a speaker baseline/);
    expect(() => SpeakerBaseline.fromJSON(null)).toThrow(AttuneError);
  });
});
