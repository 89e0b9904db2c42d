import { describe, expect, it } from 'vitest';
import type { MoodLabel } from '../../shared/labels';
import { summarize, tickStepMs, toSeries, xBounds, type TimelinePoint } from './timeline-data';

const MIN = 60_000;
const DAY = new Date(2024, 2, 4).getTime();
const at = (h: number, m: number, s = 0): number => new Date(2024, 2, 4, h, m, s).getTime();
const pt = (t: number, label: MoodLabel = 'neutral', valence = 0, confidence = 0.5): TimelinePoint => ({
  t,
  label,
  valence,
  confidence,
});
const colorOf = (label: MoodLabel): string => `c-${label}`;

describe('toSeries', () => {
  it('maps points to valence and confidence series with a colour each', () => {
    const series = toSeries([pt(0, 'happy', 0.5, 0.8), pt(MIN, 'sad', -0.4, 0.6)], colorOf);
    expect(series.valence).toEqual([
      { x: 0, y: 0.5 },
      { x: MIN, y: -0.4 },
    ]);
    expect(series.confidence).toEqual([
      { x: 0, y: 0.8 },
      { x: MIN, y: 0.6 },
    ]);
    expect(series.colors).toEqual(['c-happy', 'c-sad']);
    expect(series.points.map((p) => p?.label)).toEqual(['happy', 'sad']);
  });

  it('breaks the line with a null point in the middle of a long gap', () => {
    const series = toSeries([pt(0), pt(5 * MIN), pt(15 * MIN)], colorOf);
    expect(series.valence).toEqual([
      { x: 0, y: 0 },
      { x: 5 * MIN, y: 0 },
      { x: 10 * MIN, y: null },
      { x: 15 * MIN, y: 0 },
    ]);
    expect(series.points[2]).toBeNull();
    expect(series.colors).toHaveLength(4);
  });

  it('is empty for no points', () => {
    expect(toSeries([], colorOf)).toEqual({ valence: [], confidence: [], colors: [], points: [] });
  });
});

describe('tickStepMs', () => {
  it('picks the smallest round step giving at most 8 ticks', () => {
    expect(tickStepMs(30 * MIN)).toBe(5 * MIN);
    expect(tickStepMs(40 * MIN)).toBe(5 * MIN);
    expect(tickStepMs(41 * MIN)).toBe(10 * MIN);
    expect(tickStepMs(2 * 60 * MIN)).toBe(15 * MIN);
    expect(tickStepMs(8 * 60 * MIN)).toBe(60 * MIN);
    expect(tickStepMs(24 * 60 * MIN)).toBe(180 * MIN);
    expect(tickStepMs(48 * 60 * MIN)).toBe(180 * MIN);
  });
});

describe('xBounds', () => {
  it('spans from the first point to now, widened to whole ticks', () => {
    // 09:07 → 10:52 is 105 min: 15-min ticks, so 09:00 … 11:00.
    expect(xBounds([pt(at(9, 7)), pt(at(10, 40))], at(10, 52), DAY)).toEqual({
      min: at(9, 0),
      max: at(11, 0),
      stepMs: 15 * MIN,
    });
  });

  it('shows the last hour when there are no points', () => {
    expect(xBounds([], at(14, 30), DAY)).toEqual({ min: at(13, 30), max: at(14, 30), stepMs: 10 * MIN });
  });

  it('shows at least 15 minutes', () => {
    expect(xBounds([pt(at(14, 29))], at(14, 30), DAY)).toEqual({ min: at(14, 15), max: at(14, 30), stepMs: 5 * MIN });
  });

  it('never starts before midnight', () => {
    expect(xBounds([], at(0, 20), DAY).min).toBe(DAY);
  });
});

describe('summarize', () => {
  it('describes the day for screen readers', () => {
    expect(summarize([])).toBe('No mood data yet today.');
    expect(summarize([pt(at(9, 5)), pt(at(11, 30), 'happy', 0.6, 0.72)])).toBe(
      '2 readings since 09:05. Latest at 11:30: Happy, 72% confidence.',
    );
    expect(summarize([pt(at(9, 5))])).toMatch(/^1 reading since/);
  });
});
