/** Trends and heatmap answers turned into what the Trends view draws. Pure: no chart.js, no DOM. */
import type { TimeRange } from '../../shared/api';
import type { HeatmapDay, Trends } from '../../shared/history-api';
import {
  dayRange,
  dayStart,
  DAY_MS,
  HOUR_MS,
  type BreakOutcomeSummary,
  type DayTrend,
  type LocalCalendar,
} from '../../shared/history';
import { EMOTIONS, type Emotion } from '../../shared/labels';

export type TrendSpan = 'week' | 'month';
const SPAN_DAYS: Record<TrendSpan, number> = { week: 7, month: 30 };

/** The last 7 or 30 local days, today included: [start of the first day, end of today). */
export function spanRange(span: TrendSpan, now: number, calendar: LocalCalendar): TimeRange {
  const today = dayRange(now, calendar);
  // Noon steps back whole days without landing on a daylight-saving edge.
  const first = dayStart(today.from + 12 * HOUR_MS - (SPAN_DAYS[span] - 1) * DAY_MS, calendar);
  return { from: first, to: today.to };
}

/** The year the heatmap shows: the 365 local days up to and including today. */
export function yearRange(now: number, calendar: LocalCalendar): TimeRange {
  const today = dayRange(now, calendar);
  return { from: dayStart(today.from + 12 * HOUR_MS - 364 * DAY_MS, calendar), to: today.to };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon 3" for a week, "3 Mar" for a month (the weekday matters less over 30 days). */
export function dayLabel(day: number, span: TrendSpan): string {
  // Noon of the local day, so the Date reads the right calendar day in any zone.
  const d = new Date(day + 12 * HOUR_MS);
  return span === 'week' ? `${WEEKDAYS[d.getDay()]} ${d.getDate()}` : `${d.getDate()} ${MONTHS[d.getMonth()]}`;
}

export interface ShareSeries {
  emotion: Emotion;
  /** Percent of the day's known samples, one per day; 0 on empty days. */
  values: number[];
}

/** Emotion shares by day, as percentages, one series per emotion (the stacked bars). */
export function shareSeries(days: readonly DayTrend[]): ShareSeries[] {
  return EMOTIONS.map((emotion) => ({ emotion, values: days.map((d) => Math.round(d.shares[emotion] * 1000) / 10) }));
}

/** Mean valence per day, null on empty days (the line breaks there). */
export const valenceSeries = (days: readonly DayTrend[]): (number | null)[] => days.map((d) => d.meanValence);

export const trendsHaveData = (t: Trends): boolean => t.days.some((d) => d.n > 0);

/** Heatmap cell shade: 5 steps of valence from -2 (very unpleasant) to 2 (very pleasant); null when empty. */
export function valenceLevel(valence: number | null): number | null {
  if (valence === null) return null;
  if (valence >= 0.6) return 2;
  if (valence >= 0.2) return 1;
  if (valence > -0.2) return 0;
  if (valence > -0.6) return -1;
  return -2;
}

export interface HeatCell {
  day: number;
  /** 0 = Sunday … 6 = Saturday: the cell's row. */
  weekday: number;
  level: number | null;
  n: number;
  meanValence: number | null;
}

/** The heatmap's columns: one per week (Sunday to Saturday), oldest first; the first week may start mid-week. */
export function heatmapWeeks(days: readonly HeatmapDay[]): HeatCell[][] {
  const weeks: HeatCell[][] = [];
  let week: HeatCell[] = [];
  for (const d of days) {
    const weekday = new Date(d.day + 12 * HOUR_MS).getDay();
    if (weekday === 0 && week.length > 0) {
      weeks.push(week);
      week = [];
    }
    week.push({ day: d.day, weekday, level: valenceLevel(d.meanValence), n: d.n, meanValence: d.meanValence });
  }
  if (week.length > 0) weeks.push(week);
  return weeks;
}

/** A sentence for screen readers standing in for the heatmap. */
export function heatmapSummary(days: readonly HeatmapDay[]): string {
  const recorded = days.filter((d) => d.meanValence !== null);
  if (recorded.length === 0) return 'No days recorded in the last year.';
  const pleasant = recorded.filter((d) => (d.meanValence ?? 0) >= 0.2).length;
  const unpleasant = recorded.filter((d) => (d.meanValence ?? 0) <= -0.2).length;
  return `${recorded.length} days recorded in the last year: ${pleasant} mostly pleasant, ${unpleasant} mostly unpleasant.`;
}

/** "Did breaks help?" in words. */
export function breakWords(s: BreakOutcomeSummary): string {
  if (s.prompts === 0) return 'No prompts in this period. Prompts are off unless you turn them on in Settings.';
  if (s.breaks === 0) return `${s.prompts === 1 ? '1 prompt' : `${s.prompts} prompts`}, but no break was taken.`;
  const known = s.recovered + s.notRecovered;
  const breaks = s.breaks === 1 ? '1 break' : `${s.breaks} breaks`;
  if (known === 0) return `${breaks} taken; it is too early to tell whether ${s.breaks === 1 ? 'it' : 'they'} helped.`;
  const outOf = `${s.recovered} of ${known === 1 ? '1 break' : `${known} breaks`}`;
  return `${breaks} taken. The mood looked lighter within 15 minutes after ${outOf} whose outcome is known.`;
}

/** The hour of day with the most pleasant and the least pleasant mean valence (hours with data only). */
export function hourExtremes(hours: Trends['hours']): { best: number; worst: number } | null {
  const seen = hours.filter((h) => h.meanValence !== null);
  if (seen.length < 2) return null;
  const by = [...seen].sort((a, b) => (b.meanValence ?? 0) - (a.meanValence ?? 0));
  return { best: by[0]!.hour, worst: by[by.length - 1]!.hour };
}

/**
 * The valence axis limit: ±1 hides the small day-to-day differences of averages, so the axis spans the data,
 * rounded up to a quarter, at least ±0.25.
 */
export function valenceLimit(values: readonly (number | null)[]): number {
  const most = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  return Math.min(1, Math.max(0.25, Math.ceil(most * 4) / 4));
}

export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;
