import { describe, expect, it } from 'vitest';
import type { DayHistory } from '../../shared/history-api';
import type { MinuteRollup } from '../../shared/history';
import type { MoodSample } from '../../shared/mood';
import type { BreakPrompt } from '../../shared/prompts';
import { fixedOffset } from '../../shared/history';
import { dayHasData, dayMarkers, daysAgo, dayTitle, dominantLabel, nearestIndex, rollupPoint } from './day-data';

const counts = (over: Partial<MinuteRollup['counts']> = {}): MinuteRollup['counts'] => ({
  neutral: 0,
  happy: 0,
  sad: 0,
  angry: 0,
  fearful: 0,
  disgusted: 0,
  surprised: 0,
  unknown: 0,
  ...over,
});

const rollup = (minute: number, valence: number, c = counts({ happy: 40, neutral: 20 })): MinuteRollup => ({
  minute,
  n: 60,
  counts: c,
  valence,
  arousal: 0,
  confidence: 0.5,
});

describe('dominantLabel', () => {
  it('picks the most frequent known label, ignoring unknown', () => {
    expect(dominantLabel(counts({ sad: 3, happy: 5, unknown: 50 }))).toBe('happy');
    expect(dominantLabel(counts({ unknown: 60 }))).toBe('unknown');
  });
  it('breaks ties in label order (neutral first)', () => {
    expect(dominantLabel(counts({ neutral: 5, happy: 5 }))).toBe('neutral');
  });
});

describe('rollupPoint', () => {
  it('draws the minute at its middle', () => {
    expect(rollupPoint(rollup(600_000, 0.4))).toEqual({ t: 630_000, label: 'happy', valence: 0.4, confidence: 0.5 });
  });
});

describe('nearestIndex', () => {
  it('finds the closest point, or null when there is none', () => {
    const points = [{ t: 0 }, { t: 100 }, { t: 200 }];
    expect(nearestIndex(points, 140)).toBe(1);
    expect(nearestIndex(points, 160)).toBe(2);
    expect(nearestIndex(points, -50)).toBe(0);
    expect(nearestIndex([], 5)).toBeNull();
  });
});

const sample: MoodSample = {
  t: 30_000,
  source: 'text',
  label: 'sad',
  probs: { neutral: 0, happy: 0, sad: 1, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
  valence: -0.6,
  arousal: 0,
  confidence: 0.8,
};

describe('dayMarkers', () => {
  it('marks check-ins at the person’s own rating, prompts and breaks on the line, in time order', () => {
    const points = [rollupPoint(rollup(0, 0.2)), rollupPoint(rollup(120_000, -0.5))];
    const prompt = { id: 1, t: 150_000, reason: 'sad' } as BreakPrompt;
    const history: DayHistory = {
      rollups: [],
      prompts: [prompt],
      events: [
        { id: 1, t: 160_000, kind: 'break', data: { action: 'breathe' } },
        { id: 2, t: 10_000, kind: 'pause', data: {} },
      ],
      checkIns: [{ id: 9, t: 40_000, sample, selfRating: { pleasantness: 0.5, energy: 0 }, note: null }],
    };
    const markers = dayMarkers(history, points);
    expect(markers.map((m) => [m.kind, m.x, m.y])).toEqual([
      ['check-in', 40_000, 0.5],
      ['prompt', 150_000, -0.5],
      ['break', 160_000, -0.5],
    ]);
    expect(markers[2]?.words).toMatch(/break \(breathe\)$/);
  });
});

describe('dayHasData', () => {
  it('is false only for an empty day', () => {
    const empty: DayHistory = { rollups: [], prompts: [], events: [], checkIns: [] };
    expect(dayHasData(empty)).toBe(false);
    expect(dayHasData({ ...empty, rollups: [rollup(0, 0)] })).toBe(true);
  });
});

describe('daysAgo and dayTitle', () => {
  it('step back whole local days and name them', () => {
    const now = Date.UTC(2026, 10, 22, 8, 30);
    expect(daysAgo(now, 0, fixedOffset(0))).toEqual({ from: Date.UTC(2026, 10, 22), to: Date.UTC(2026, 10, 23) });
    expect(daysAgo(now, 2, fixedOffset(60)).from).toBe(Date.UTC(2026, 10, 19, 23));
    expect(dayTitle(0, 0)).toBe('Today');
    expect(dayTitle(0, 1)).toBe('Yesterday');
    expect(dayTitle(new Date(2026, 10, 20).getTime(), 2)).toBe('Friday 20 November');
  });
});
