/** A day's points turned into what the timeline chart draws. Pure: no chart.js, no DOM. */
import type { MoodLabel } from '../../shared/labels';
import { clockTime, labelWords, percent } from './format';

export interface TimelinePoint {
  /** Unix ms. */
  t: number;
  label: MoodLabel;
  valence: number;
  confidence: number;
}

/** A chart point; `y: null` breaks the line where Attune was not watching. */
export interface XY {
  x: number;
  y: number | null;
}

export interface TimelineSeries {
  valence: XY[];
  confidence: XY[];
  /** Point colour per index of `valence` (gap markers get a colour too, though nothing is drawn). */
  colors: string[];
  /** The point behind each index, null at gap markers; for tooltips. */
  points: (TimelinePoint | null)[];
}

/**
 * Chart series. Where two neighbouring points are more than `gapMs` apart (default 5 min: paused, away,
 * camera off), a null point is inserted so the line breaks instead of inventing a trend.
 */
export function toSeries(
  points: TimelinePoint[],
  colorOf: (label: MoodLabel) => string,
  gapMs = 5 * 60_000,
): TimelineSeries {
  const series: TimelineSeries = { valence: [], confidence: [], colors: [], points: [] };
  let previous: TimelinePoint | undefined;
  for (const p of points) {
    if (previous && p.t - previous.t > gapMs) {
      const x = previous.t + (p.t - previous.t) / 2;
      series.valence.push({ x, y: null });
      series.confidence.push({ x, y: null });
      series.colors.push(colorOf('unknown'));
      series.points.push(null);
    }
    series.valence.push({ x: p.t, y: p.valence });
    series.confidence.push({ x: p.t, y: p.confidence });
    series.colors.push(colorOf(p.label));
    series.points.push(p);
    previous = p;
  }
  return series;
}

const MINUTE = 60_000;
const TICK_STEPS = [5, 10, 15, 30, 60, 120, 180].map((m) => m * MINUTE);

/** Distance between x-axis ticks for a span of `spanMs`, so that at most 8 ticks show. */
export function tickStepMs(spanMs: number): number {
  return TICK_STEPS.find((step) => spanMs / step <= 8) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
}

export interface XBounds {
  min: number;
  max: number;
  stepMs: number;
}

/**
 * The x range: from the first point (or an hour ago when there is none) to now, widened to whole ticks
 * counted from local midnight so tick labels fall on round times (09:00, 09:30…), never before midnight.
 */
export function xBounds(points: TimelinePoint[], now: number, dayStart: number): XBounds {
  const first = Math.max(dayStart, Math.min(points[0]?.t ?? now - 60 * MINUTE, now - 15 * MINUTE));
  const stepMs = tickStepMs(now - first);
  const min = dayStart + Math.floor((first - dayStart) / stepMs) * stepMs;
  const max = dayStart + Math.ceil((now - dayStart) / stepMs) * stepMs;
  return { min, max: Math.max(max, min + stepMs), stepMs };
}

/** A sentence for screen readers, standing in for the chart. */
export function summarize(points: TimelinePoint[]): string {
  const last = points.at(-1);
  const first = points[0];
  if (!last || !first) return 'No mood data yet today.';
  const readings = points.length === 1 ? '1 reading' : `${points.length} readings`;
  return (
    `${readings} since ${clockTime(first.t)}. Latest at ${clockTime(last.t)}: ` +
    `${labelWords(last.label)}, ${percent(last.confidence)} confidence.`
  );
}
