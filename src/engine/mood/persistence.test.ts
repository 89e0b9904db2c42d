import { describe, expect, it } from 'vitest';
import type { MoodLabel } from '../../shared/labels';
import { DEFAULT_PERSISTENCE_TUNING, judge, MoodWindow, persistentReason, type MoodPoint } from './persistence';

const WINDOW = 600_000;
const face = { face: 1, voice: 0, text: 0 };
const point = (t: number, label: MoodLabel, confidence = 0.6, shares = face): MoodPoint => ({
  t,
  label,
  confidence,
  shares,
});

/** One record a second over [from, to]. */
function fill(w: MoodWindow, from: number, to: number, label: MoodLabel, confidence = 0.6): void {
  for (let t = from; t <= to; t += 1_000) w.record(point(t, label, confidence));
}

describe('MoodWindow', () => {
  it('counts confident time by label over the trailing window (hand-computed)', () => {
    const w = new MoodWindow(WINDOW);
    fill(w, 0, 400_000, 'sad');
    fill(w, 401_000, 600_000, 'neutral');
    const s = w.stats(600_000);
    // The record at t=0 stands for no time and leaves the window at 600 000 anyway.
    expect(s.evidenceMs).toBe(600_000);
    expect(s.labelMs.sad).toBe(400_000);
    expect(s.labelMs.neutral).toBe(200_000);
    expect(s.from).toBe(0);
    const { persistent, evidence } = judge(s, 'sad', WINDOW);
    expect(evidence.share).toBeCloseTo(2 / 3, 12);
    expect(persistent).toBe(true);
    expect(evidence.byModality).toEqual({ face: 1, voice: 0, text: 0 });
  });

  it('ignores unconfident and unknown moments: they count neither for nor against', () => {
    const w = new MoodWindow(WINDOW);
    fill(w, 0, 100_000, 'sad');
    fill(w, 101_000, 300_000, 'neutral', 0.29);
    fill(w, 301_000, 400_000, 'unknown');
    expect(w.stats(400_000).evidenceMs).toBe(100_000);
    expect(w.share(400_000, 'sad')).toEqual({ evidenceMs: 100_000, share: 1 });
  });

  it('records at most once a second and caps gaps', () => {
    const w = new MoodWindow(WINDOW);
    expect(w.record(point(0, 'sad'))).toBe(true);
    expect(w.record(point(500, 'sad'))).toBe(false);
    expect(w.record(point(1_000, 'sad'))).toBe(true);
    expect(w.record(point(61_000, 'sad'))).toBe(true);
    expect(w.stats(61_000).evidenceMs).toBe(1_000 + DEFAULT_PERSISTENCE_TUNING.maxGapMs);
  });

  it('counts no time across a pause, and forgets everything on clear', () => {
    const w = new MoodWindow(WINDOW);
    fill(w, 0, 10_000, 'sad');
    w.breakContinuity();
    w.record(point(11_000, 'sad'));
    expect(w.stats(11_000).evidenceMs).toBe(10_000);
    w.clear();
    expect(w.stats(11_000).evidenceMs).toBe(0);
  });

  it('means the modality shares over confident time', () => {
    const w = new MoodWindow(WINDOW);
    for (let t = 0; t <= 10_000; t += 1_000) w.record(point(t, 'angry', 0.6, { face: 0.5, voice: 0.5, text: 0 }));
    for (let t = 11_000; t <= 20_000; t += 1_000) w.record(point(t, 'angry', 0.6, { face: 1, voice: 0, text: 0 }));
    const s = judge(w.stats(20_000), 'angry', WINDOW).evidence.byModality;
    expect(s.face).toBeCloseTo(0.75, 12);
    expect(s.voice).toBeCloseTo(0.25, 12);
  });

  it('lives through a working day of records quickly with exact sums', () => {
    const w = new MoodWindow(WINDOW);
    for (let t = 0; t <= 8 * 3_600_000; t += 1_000) w.record(point(t, t % 120_000 < 60_000 ? 'sad' : 'neutral'));
    const s = w.stats(8 * 3_600_000);
    expect(s.evidenceMs).toBe(600_000);
    expect(s.labelMs.sad + s.labelMs.neutral).toBe(600_000);
  });
});

describe('persistentReason', () => {
  it('needs both the share and the minimum evidence', () => {
    const w = new MoodWindow(WINDOW);
    fill(w, 0, 299_000, 'sad');
    expect(persistentReason(w, 299_000, WINDOW)).toBeNull();
    fill(w, 300_000, 300_000, 'sad');
    expect(persistentReason(w, 300_000, WINDOW)?.reason).toBe('sad');
  });

  it('is null below the share threshold, and picks the larger share', () => {
    const w = new MoodWindow(WINDOW);
    fill(w, 0, 330_000, 'angry');
    fill(w, 331_000, 600_000, 'neutral');
    expect(persistentReason(w, 600_000, WINDOW)).toBeNull();
    const v = new MoodWindow(WINDOW);
    fill(v, 0, 100_000, 'sad');
    fill(v, 101_000, 600_000, 'angry');
    const e = persistentReason(v, 600_000, WINDOW);
    expect(e?.reason).toBe('angry');
    expect(e?.minEvidenceMs).toBe(300_000);
    expect(e?.confidenceThreshold).toBe(0.3);
    expect(e?.shareThreshold).toBe(0.6);
  });
});
