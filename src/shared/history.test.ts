import { describe, expect, it } from 'vitest';
import {
  dayRange,
  dayStart,
  dayStarts,
  eventDataProblem,
  fixedOffset,
  localHour,
  offsetSegments,
  retentionProblem,
  sharesOf,
  type LocalCalendar,
} from './history';

const H = 3_600_000;
const D = 24 * H;
const JAN_1 = Date.UTC(2026, 0, 1); // a Thursday, 00:00 UTC

/** UTC+1 until 2026-03-29 01:00 UTC, UTC+2 after: Central Europe's spring change. */
const SPRING = Date.UTC(2026, 2, 29, 1);
const cet: LocalCalendar = { offsetMs: (t) => (t < SPRING ? 1 : 2) * H };

describe('local days', () => {
  it('starts a day at local midnight in a fixed zone', () => {
    expect(dayStart(JAN_1 + 10 * H, fixedOffset(0))).toBe(JAN_1);
    // 00:30 UTC is 01:30 in UTC+1: same local day, which began at 23:00 UTC the evening before.
    expect(dayStart(JAN_1 + 0.5 * H, fixedOffset(60))).toBe(JAN_1 - H);
    // 23:30 UTC is 18:30 in UTC-5: that day began at 05:00 UTC.
    expect(dayStart(JAN_1 + 23.5 * H, fixedOffset(-300))).toBe(JAN_1 + 5 * H);
    expect(dayStart(JAN_1 - H, fixedOffset(60))).toBe(JAN_1 - H);
  });

  it('gives a 23-hour day across the spring change', () => {
    const midnight = Date.UTC(2026, 2, 28, 23); // 29 March 00:00 in UTC+1
    expect(dayStart(midnight + 12 * H, cet)).toBe(midnight);
    const next = dayRange(midnight + H, cet);
    expect(next).toEqual({ from: midnight, to: Date.UTC(2026, 2, 29, 22) });
    expect(next.to - next.from).toBe(23 * H);
    expect(localHour(midnight + 3 * H, cet)).toBe(4); // 02:00 UTC = 04:00 CEST
    expect(localHour(midnight + H, cet)).toBe(1);
  });

  it('lists every local day of a range', () => {
    const days = dayStarts(JAN_1 + 5 * H, JAN_1 + 3 * D, fixedOffset(0));
    expect(days).toEqual([JAN_1, JAN_1 + D, JAN_1 + 2 * D]);
    expect(dayStarts(Date.UTC(2026, 2, 28, 12), Date.UTC(2026, 2, 31), cet)).toEqual([
      Date.UTC(2026, 2, 27, 23),
      Date.UTC(2026, 2, 28, 23),
      Date.UTC(2026, 2, 29, 22),
      Date.UTC(2026, 2, 30, 22),
    ]);
  });

  it('splits a range where the offset changes', () => {
    expect(offsetSegments(JAN_1, JAN_1 + 3 * D, fixedOffset(60))).toEqual([
      { from: JAN_1, to: JAN_1 + 3 * D, offsetMs: H },
    ]);
    expect(offsetSegments(JAN_1, Date.UTC(2026, 5, 1), cet)).toEqual([
      { from: JAN_1, to: SPRING, offsetMs: H },
      { from: SPRING, to: Date.UTC(2026, 5, 1), offsetMs: 2 * H },
    ]);
    // A range that ends an instant after the change.
    expect(offsetSegments(SPRING - D, SPRING + 1, cet).map((s) => s.offsetMs)).toEqual([H, 2 * H]);
    expect(offsetSegments(5, 5, cet)).toEqual([]);
  });

  it('gives the local hour', () => {
    expect(localHour(JAN_1 + 13.99 * H, fixedOffset(0))).toBe(13);
    expect(localHour(JAN_1 + 23 * H, fixedOffset(90))).toBe(0);
  });
});

describe('shares, events and retention', () => {
  it('computes shares over known labels only', () => {
    const counts = { neutral: 2, happy: 6, sad: 0, angry: 2, fearful: 0, disgusted: 0, surprised: 0 };
    const { known, shares } = sharesOf(counts);
    expect(known).toBe(10);
    expect(shares).toMatchObject({ neutral: 0.2, happy: 0.6, angry: 0.2, sad: 0 });
    expect(sharesOf({ ...counts, neutral: 0, happy: 0, angry: 0 }).shares.happy).toBe(0);
  });

  it('accepts numbers and short codes as event data, and refuses prose', () => {
    expect(eventDataProblem({ minutes: 15, reason: 'until-tomorrow', manual: true, by: null })).toBeNull();
    expect(eventDataProblem({ note: 'I feel terrible today' })).toMatch(/short lower-case code/);
    expect(eventDataProblem({ x: Number.NaN })).toMatch(/finite/);
    expect(eventDataProblem([])).toMatch(/object/);
    expect(eventDataProblem({ 'bad key': 1 })).toMatch(/not allowed/);
  });

  it('checks retention patches', () => {
    expect(retentionProblem({ rawDays: 30 })).toBeNull();
    expect(retentionProblem({ rawDays: 0 })).toMatch(/1 to 3650/);
    expect(retentionProblem({ rawDays: 2.5 })).toMatch(/whole number/);
    expect(retentionProblem({ keep: 1 })).toMatch(/unknown/);
    expect(retentionProblem(null)).toMatch(/object/);
  });
});
