import { describe, expect, it } from 'vitest';
import type { BreakPrompt } from '../../shared/prompts';
import { lastHourRange, newestUnanswered, promptToShow, todayRange, upsertPrompt } from './prompt-list';

const prompt = (id: number, t: number, patch: Partial<BreakPrompt> = {}): BreakPrompt => ({
  id,
  t,
  reason: 'sad',
  evidence: {
    reason: 'sad',
    from: t - 600_000,
    to: t,
    evidenceMs: 300_000,
    share: 0.7,
    shareThreshold: 0.6,
    minEvidenceMs: 180_000,
    confidenceThreshold: 0.5,
    byModality: { face: 1, voice: 0, text: 0 },
  },
  action: null,
  answeredAt: null,
  recovered: null,
  ...patch,
});

describe('prompt list', () => {
  it('adds and replaces by id, oldest first', () => {
    const list = upsertPrompt([prompt(2, 200)], prompt(1, 100));
    expect(list.map((p) => p.id)).toEqual([1, 2]);
    const answered = upsertPrompt(list, prompt(1, 100, { action: 'breathe', answeredAt: 150 }));
    expect(answered.map((p) => [p.id, p.action])).toEqual([
      [1, 'breathe'],
      [2, null],
    ]);
  });

  it('finds the newest unanswered prompt', () => {
    expect(newestUnanswered([])).toBeNull();
    expect(newestUnanswered([prompt(1, 100), prompt(2, 200), prompt(3, 300, { action: 'not-now' })])?.id).toBe(2);
  });

  it('decides what to show after an event', () => {
    const shown = prompt(1, 100, { action: 'breathe', answeredAt: 120 });
    expect(promptToShow(null, prompt(1, 100))?.id).toBe(1);
    expect(promptToShow(null, shown)).toBeNull();
    expect(promptToShow(prompt(1, 100), shown)).toBe(shown);
    expect(promptToShow(shown, prompt(2, 200))?.id).toBe(2);
    expect(promptToShow(prompt(2, 200), prompt(1, 100))?.id).toBe(2);
    expect(promptToShow(prompt(2, 200), prompt(1, 100, { action: 'wrong' }))?.id).toBe(2);
  });

  it('builds ranges', () => {
    const now = new Date(2026, 10, 22, 9, 30).getTime();
    expect(todayRange(now)).toEqual({ from: new Date(2026, 10, 22).getTime(), to: now + 1 });
    expect(lastHourRange(now)).toEqual({ from: now - 3_600_000, to: now + 1 });
  });
});
