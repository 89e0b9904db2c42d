import { describe, expect, it } from 'vitest';
import type { DayTrend } from '../../shared/history';
import { recordedWords } from './recorded-words';

const day = (n: number): DayTrend =>
  ({ day: 0, n, known: n, shares: {}, meanValence: n > 0 ? 0 : null }) as unknown as DayTrend;

describe('recordedWords', () => {
  it('says how little a first day holds, and when trends fill in', () => {
    expect(recordedWords([day(0), day(600)])).toBe(
      'About 10 minutes recorded, on 1 day. Each bar shows only what was recorded that day; trends fill in after 3 days with Attune running.',
    );
  });

  it('gives hours for longer records and drops the note once there are enough days', () => {
    expect(recordedWords([day(3 * 3600), day(4 * 3600), day(3600)])).toBe('About 8 hours recorded, on 3 days.');
    expect(recordedWords([day(20)])).toMatch(/^Less than a minute recorded, on 1 day\./);
  });
});
