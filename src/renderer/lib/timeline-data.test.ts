import { describe, expect, it } from 'vitest';
import { probsFromVector, type MoodLabel } from '../../shared/labels';
import type { MoodSample } from '../../shared/mood';
import {
  appendLive,
  checkInMarkers,
  mergeTimeline,
  summarize,
  tickStepMs,
  toPoint,
  toSeries,
  xBounds,
  type TimelinePoint,
} from './timeline-data';

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

describe('toPoint', () => {
  it('keeps time, label, valence and confidence', () => {
    const sample: MoodSample = {
      t: 5,
      source: 'face',
      label: 'happy',
      probs: { neutral: 0, happy: 1, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
      valence: 0.8,
      arousal: 0.4,
      confidence: 0.9,
    };
    expect(toPoint(sample)).toEqual({ t: 5, label: 'happy', valence: 0.8, confidence: 0.9 });
  });
});

describe('appendLive', () => {
  it('keeps one live point per gap', () => {
    let tail: TimelinePoint[] = [];
    tail = appendLive(tail, pt(0));
    tail = appendLive(tail, pt(4_999));
    tail = appendLive(tail, pt(5_000));
    expect(tail.map((p) => p.t)).toEqual([0, 5_000]);
  });

  it('returns the same array when it skips, so nothing redraws', () => {
    const tail = [pt(0)];
    expect(appendLive(tail, pt(100))).toBe(tail);
  });
});

describe('mergeTimeline', () => {
  it('adds only live points newer than the last stored one', () => {
    const merged = mergeTimeline([pt(10), pt(20)], [pt(15), pt(20), pt(25)]);
    expect(merged.map((p) => p.t)).toEqual([10, 20, 25]);
  });

  it('uses every live point when nothing is stored', () => {
    expect(mergeTimeline([], [pt(1), pt(2)]).map((p) => p.t)).toEqual([1, 2]);
  });
});

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

describe('checkInMarkers', () => {
  it('places a check-in at the person’s own pleasantness, else at the note’s reading', () => {
    const t = new Date(2026, 0, 5, 14, 30).getTime();
    const s: MoodSample = {
      t,
      source: 'text',
      label: 'sad',
      probs: probsFromVector([0.1, 0.05, 0.7, 0.05, 0.04, 0.03, 0.03]),
      valence: -0.4,
      arousal: -0.2,
      confidence: 0.6,
    };
    const markers = checkInMarkers([
      { id: 1, t, sample: s, selfRating: { pleasantness: 0.5, energy: 0 }, note: null },
      { id: 2, t: t + 1, sample: s, selfRating: null, note: null },
    ]);
    expect(markers.map(({ id, x, y }) => ({ id, x, y }))).toEqual([
      { id: 1, x: t, y: 0.5 },
      { id: 2, x: t + 1, y: -0.4 },
    ]);
    expect(markers[0]?.words).toBe('14:30 · check-in: you felt pleasant, balanced');
  });
});
