import { describe, expect, it } from 'vitest';
import { DAY_MS, fixedOffset, type DayTrend } from '../../shared/history';
import type { HeatmapDay } from '../../shared/history-api';
import {
  breakWords,
  heatmapSummary,
  heatmapWeeks,
  hourExtremes,
  hourLabel,
  shareSeries,
  spanRange,
  trendsHaveData,
  valenceLevel,
  valenceLimit,
  valenceSeries,
  yearRange,
} from './trend-data';

const UTC = fixedOffset(0);
// 2026-03-04T15:00Z, a Wednesday.
const NOW = Date.UTC(2026, 2, 4, 15);
const MIDNIGHT = Date.UTC(2026, 2, 4);

describe('spanRange and yearRange', () => {
  it('cover the last 7, 30 or 365 local days, today included', () => {
    expect(spanRange('week', NOW, UTC)).toEqual({ from: MIDNIGHT - 6 * DAY_MS, to: MIDNIGHT + DAY_MS });
    expect(spanRange('month', NOW, UTC)).toEqual({ from: MIDNIGHT - 29 * DAY_MS, to: MIDNIGHT + DAY_MS });
    expect(yearRange(NOW, UTC)).toEqual({ from: MIDNIGHT - 364 * DAY_MS, to: MIDNIGHT + DAY_MS });
  });
  it('follow the local zone', () => {
    const plus2 = fixedOffset(120);
    // 15:00Z is 17:00 at UTC+2; that day began at 22:00Z the day before.
    expect(spanRange('week', NOW, plus2).to).toBe(MIDNIGHT + DAY_MS - 2 * 3_600_000);
  });
});

const day = (i: number, n: number, happy: number, valence: number | null): DayTrend => ({
  day: MIDNIGHT + i * DAY_MS,
  n,
  known: n,
  shares: { neutral: 1 - happy, happy, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
  meanValence: valence,
});

describe('shareSeries and valenceSeries', () => {
  it('give percent per emotion per day and break the valence line on empty days', () => {
    const days = [day(0, 10, 0.256, 0.3), day(1, 0, 0, null)];
    const series = shareSeries(days);
    expect(series.map((s) => s.emotion)).toEqual([
      'neutral',
      'happy',
      'sad',
      'angry',
      'fearful',
      'disgusted',
      'surprised',
    ]);
    expect(series[1]?.values).toEqual([25.6, 0]);
    expect(series[0]?.values).toEqual([74.4, 100]);
    expect(valenceSeries(days)).toEqual([0.3, null]);
    expect(
      trendsHaveData({ days, hours: [], breaks: { prompts: 0, breaks: 0, recovered: 0, notRecovered: 0, unknown: 0 } }),
    ).toBe(true);
  });
});

describe('valenceLimit', () => {
  it('spans the data in quarters, from ±0.25 to ±1', () => {
    expect(valenceLimit([0.1, -0.05, null])).toBe(0.25);
    expect(valenceLimit([0.3, -0.45])).toBe(0.5);
    expect(valenceLimit([2])).toBe(1);
    expect(valenceLimit([])).toBe(0.25);
  });
});

describe('valenceLevel', () => {
  it('uses the same bands as the words', () => {
    expect([0.7, 0.2, 0, -0.2, -0.9, null].map(valenceLevel)).toEqual([2, 1, 0, -1, -2, null]);
  });
});

describe('heatmapWeeks', () => {
  it('starts a new column on each Sunday', () => {
    // 2026-03-04 is a Wednesday: Wed..Sat, then Sun..Mon.
    const days: HeatmapDay[] = Array.from({ length: 6 }, (_, i) => ({
      // Local midnights of 4 to 9 March 2026, whatever the machine's zone.
      day: new Date(2026, 2, 4 + i).getTime(),
      n: i,
      meanValence: i === 0 ? null : 0.5,
    }));
    const weeks = heatmapWeeks(days);
    expect(weeks.map((w) => w.map((c) => c.weekday))).toEqual([
      [3, 4, 5, 6],
      [0, 1],
    ]);
    expect(weeks[0]?.[0]?.level).toBeNull();
    expect(heatmapSummary(days)).toBe('5 days recorded in the last year: 5 mostly pleasant, 0 mostly unpleasant.');
    expect(heatmapSummary([])).toMatch(/^No days/);
  });
});

describe('breakWords', () => {
  const none = { prompts: 0, breaks: 0, recovered: 0, notRecovered: 0, unknown: 0 };
  it('says what happened after breaks', () => {
    expect(breakWords(none)).toMatch(/No prompts/);
    expect(breakWords({ ...none, prompts: 2 })).toBe('2 prompts, but no break was taken.');
    expect(breakWords({ ...none, prompts: 3, breaks: 2, unknown: 2 })).toMatch(/too early/);
    expect(breakWords({ prompts: 5, breaks: 4, recovered: 3, notRecovered: 1, unknown: 0 })).toBe(
      '4 breaks taken. The mood looked lighter within 15 minutes after 3 of 4 breaks whose outcome is known.',
    );
  });
});

describe('hourExtremes', () => {
  it('names the most and least pleasant hours with data', () => {
    const hour = (h: number, v: number | null) => ({
      hour: h,
      n: 1,
      known: 1,
      shares: day(0, 1, 0, 0).shares,
      meanValence: v,
    });
    expect(hourExtremes([hour(8, 0.1), hour(9, 0.5), hour(14, -0.3), hour(15, null)])).toEqual({ best: 9, worst: 14 });
    expect(hourExtremes([hour(8, 0.1)])).toBeNull();
    expect(hourLabel(7)).toBe('07:00');
  });
});
