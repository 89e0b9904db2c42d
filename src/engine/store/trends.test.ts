import { describe, expect, it } from 'vitest';
import { fixedOffset, type LocalCalendar } from '../../shared/history';
import { openDatabase } from './open-database';
import { PromptStore } from './prompts';
import { RollupStore } from './rollups';
import { SampleStore } from './samples';
import { sample } from './test-helpers';
import { TrendStore } from './trends';

const H = 3_600_000;
const D = 24 * H;
const JAN_1 = Date.UTC(2026, 0, 1);

/** Rolled-up fused samples and the trend queries, in UTC+1. */
function setup(samples: Parameters<SampleStore['insert']>[0]) {
  const db = openDatabase(':memory:');
  new SampleStore(db).insert(samples);
  new RollupStore(db).refresh(JAN_1 + 30 * D);
  return { db, trends: new TrendStore(db, fixedOffset(60)) };
}

describe('TrendStore', () => {
  it('gives shares of known time and mean valence per local day, empty days included', () => {
    const { trends } = setup([
      // 22:30 UTC on 1 Jan is 23:30 local: still 1 Jan.
      sample(JAN_1 + 22.5 * H, 'fused', { label: 'happy', valence: 0.6 }),
      sample(JAN_1 + 22.5 * H + 1000, 'fused', { label: 'sad', valence: -0.4 }),
      sample(JAN_1 + 22.5 * H + 2000, 'fused', { label: 'unknown', valence: 0.1 }),
      // 23:30 UTC is 00:30 on 2 Jan locally.
      sample(JAN_1 + 23.5 * H, 'fused', { label: 'angry', valence: -0.5 }),
    ]);
    const days = trends.byDay(JAN_1 - H, JAN_1 - H + 3 * D);
    expect(days.map((d) => d.day)).toEqual([JAN_1 - H, JAN_1 - H + D, JAN_1 - H + 2 * D]);
    const [first, second, third] = days;
    expect(first).toMatchObject({ n: 3, known: 2, shares: { happy: 0.5, sad: 0.5, neutral: 0 } });
    expect(first?.meanValence).toBeCloseTo(0.1, 12);
    expect(second).toMatchObject({ n: 1, known: 1, shares: { angry: 1 }, meanValence: -0.5 });
    expect(third).toMatchObject({ n: 0, known: 0, meanValence: null, shares: { angry: 0 } });
  });

  it('gives one heatmap cell per local day with n and mean valence', () => {
    const { trends } = setup([
      sample(JAN_1 + 10 * H, 'fused', { valence: 0.2 }),
      sample(JAN_1 + 10 * H + 1000, 'fused', { valence: 0.4 }),
      sample(JAN_1 + 5 * D + 10 * H, 'fused', { valence: -0.3 }),
    ]);
    const cells = trends.heatmap(JAN_1 - H, JAN_1 - H + 7 * D);
    expect(cells).toHaveLength(7);
    expect(cells[0]).toEqual({ day: JAN_1 - H, n: 2, meanValence: expect.closeTo(0.3, 12) as number });
    expect(cells[5]).toEqual({ day: JAN_1 - H + 5 * D, n: 1, meanValence: -0.3 });
    expect(cells[3]).toEqual({ day: JAN_1 - H + 3 * D, n: 0, meanValence: null });
  });

  it('groups by local hour of the day across days', () => {
    const { trends } = setup([
      sample(JAN_1 + 8 * H, 'fused', { label: 'happy', valence: 0.5 }), // 09:00 local
      sample(JAN_1 + D + 8.9 * H, 'fused', { label: 'sad', valence: -0.5 }), // 09:54 local
      sample(JAN_1 + 13 * H, 'fused', { label: 'neutral', valence: 0 }), // 14:00 local
    ]);
    const hours = trends.byHourOfDay(JAN_1, JAN_1 + 7 * D);
    expect(hours).toHaveLength(24);
    expect(hours[9]).toMatchObject({ hour: 9, n: 2, shares: { happy: 0.5, sad: 0.5 }, meanValence: 0 });
    expect(hours[14]).toMatchObject({ n: 1, shares: { neutral: 1 } });
    expect(hours[8]).toMatchObject({ n: 0, meanValence: null });
  });

  it('follows a daylight-saving change: a 23-hour day, and hours in the new offset', () => {
    const spring = Date.UTC(2026, 2, 29, 1); // 02:00 CET becomes 03:00 CEST
    const cet: LocalCalendar = { offsetMs: (t) => (t < spring ? 1 : 2) * H };
    const db = openDatabase(':memory:');
    new SampleStore(db).insert([
      sample(Date.UTC(2026, 2, 28, 22, 30), 'fused', { valence: 0.1 }), // 28 Mar 23:30 CET
      sample(Date.UTC(2026, 2, 28, 23, 30), 'fused', { valence: 0.2 }), // 29 Mar 00:30 CET
      sample(Date.UTC(2026, 2, 29, 21, 30), 'fused', { valence: 0.3 }), // 29 Mar 23:30 CEST
      sample(Date.UTC(2026, 2, 29, 22, 30), 'fused', { valence: 0.4 }), // 30 Mar 00:30 CEST
    ]);
    new RollupStore(db).refresh(Date.UTC(2026, 3, 1));
    const trends = new TrendStore(db, cet);
    const days = trends.heatmap(Date.UTC(2026, 2, 27, 23), Date.UTC(2026, 2, 30, 22));
    expect(days).toEqual([
      { day: Date.UTC(2026, 2, 27, 23), n: 1, meanValence: 0.1 },
      { day: Date.UTC(2026, 2, 28, 23), n: 2, meanValence: expect.closeTo(0.25, 12) as number },
      { day: Date.UTC(2026, 2, 29, 22), n: 1, meanValence: 0.4 },
    ]);
    const hours = trends.byHourOfDay(Date.UTC(2026, 2, 27), Date.UTC(2026, 3, 1));
    expect(hours.filter((h) => h.n > 0).map((h) => [h.hour, h.n])).toEqual([
      [0, 2],
      [23, 2],
    ]);
  });

  it('counts breaks and their outcomes', () => {
    const { db, trends } = setup([]);
    const prompts = new PromptStore(db);
    const evidence = {
      reason: 'sad' as const,
      from: 0,
      to: 1,
      evidenceMs: 1,
      share: 1,
      shareThreshold: 0.5,
      minEvidenceMs: 1,
      confidenceThreshold: 0.5,
      byModality: { face: 1, voice: 0, text: 0 },
    };
    const base = { reason: 'sad' as const, evidence, action: null, answeredAt: null, recovered: null };
    for (const t of [1, 2, 3, 4, 5]) prompts.add({ ...base, t });
    prompts.answer(1, 'breathe', 10);
    prompts.setRecovered(1, true);
    prompts.answer(2, 'stretch', 10);
    prompts.setRecovered(2, false);
    prompts.answer(3, 'breathe', 10);
    prompts.answer(4, 'not-now', 10);
    expect(trends.breakOutcomes(0, 100)).toEqual({ prompts: 5, breaks: 3, recovered: 1, notRecovered: 1, unknown: 1 });
    expect(trends.breakOutcomes(100, 200)).toEqual({
      prompts: 0,
      breaks: 0,
      recovered: 0,
      notRecovered: 0,
      unknown: 0,
    });
  });
});
