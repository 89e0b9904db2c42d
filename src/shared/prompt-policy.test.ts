import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_SETTINGS, QUIET_ENVIRONMENT, type BreakPrompt } from './prompts';
import { blockedBy, fixedOffsetLocalTime, inQuietHours, PromptLedger, type PolicyInput } from './prompt-policy';

const MIN = 60_000;
const utc = fixedOffsetLocalTime(0);
const NOON = Date.UTC(2026, 2, 2, 12, 0);
const base: PolicyInput = {
  t: NOON,
  settings: { ...DEFAULT_PROMPT_SETTINGS, enabled: true },
  environment: QUIET_ENVIRONMENT,
  localTime: utc,
  promptTimes: [],
  snoozedUntil: null,
  paused: false,
  persistent: true,
};

describe('local time', () => {
  it('reads minutes and day starts at a fixed offset', () => {
    expect(utc.minuteOfDay(NOON)).toBe(720);
    expect(utc.dayStart(NOON)).toBe(Date.UTC(2026, 2, 2));
    const plus2 = fixedOffsetLocalTime(120);
    expect(plus2.minuteOfDay(Date.UTC(2026, 2, 2, 23, 30))).toBe(90);
    expect(plus2.dayStart(Date.UTC(2026, 2, 2, 23, 30))).toBe(Date.UTC(2026, 2, 2, 22, 0));
  });
});

describe('inQuietHours', () => {
  it('handles a period spanning midnight', () => {
    const q = { from: 22 * 60, to: 8 * 60 };
    expect(inQuietHours(23 * 60, q)).toBe(true);
    expect(inQuietHours(0, q)).toBe(true);
    expect(inQuietHours(8 * 60 - 1, q)).toBe(true);
    expect(inQuietHours(8 * 60, q)).toBe(false);
    expect(inQuietHours(12 * 60, q)).toBe(false);
    expect(inQuietHours(22 * 60 - 1, q)).toBe(false);
  });

  it('handles a daytime period and none', () => {
    expect(inQuietHours(12 * 60 + 30, { from: 12 * 60, to: 13 * 60 })).toBe(true);
    expect(inQuietHours(13 * 60, { from: 12 * 60, to: 13 * 60 })).toBe(false);
    expect(inQuietHours(3 * 60, null)).toBe(false);
  });
});

describe('blockedBy', () => {
  it('allows a prompt when every rule holds', () => {
    expect(blockedBy(base)).toBeNull();
  });

  it('reports each rule', () => {
    expect(blockedBy({ ...base, paused: true })).toBe('paused');
    expect(blockedBy({ ...base, settings: DEFAULT_PROMPT_SETTINGS })).toBe('disabled');
    expect(blockedBy({ ...base, persistent: false })).toBe('not-persistent');
    expect(blockedBy({ ...base, t: Date.UTC(2026, 2, 2, 23) })).toBe('quiet-hours');
    expect(blockedBy({ ...base, snoozedUntil: NOON + 1 })).toBe('snoozed');
    expect(blockedBy({ ...base, snoozedUntil: NOON })).toBeNull();
    for (const flag of ['locked', 'idle', 'meeting', 'fullscreen'] as const) {
      expect(blockedBy({ ...base, environment: { ...QUIET_ENVIRONMENT, [flag]: true } })).toBe(flag);
    }
  });

  it('holds the cooldown to the millisecond', () => {
    expect(blockedBy({ ...base, promptTimes: [NOON - 45 * MIN + 1] })).toBe('cooldown');
    expect(blockedBy({ ...base, promptTimes: [NOON - 45 * MIN] })).toBeNull();
  });

  it('counts the cap per local day', () => {
    const today = [1, 2, 3, 4].map((h) => Date.UTC(2026, 2, 2, h + 6));
    expect(blockedBy({ ...base, promptTimes: today })).toBe('daily-cap');
    expect(blockedBy({ ...base, promptTimes: today.slice(1) })).toBeNull();
    const yesterday = today.map((t) => t - 24 * 60 * MIN);
    expect(blockedBy({ ...base, promptTimes: yesterday })).toBeNull();
  });
});

describe('PromptLedger', () => {
  const shown = (t: number, patch: Partial<BreakPrompt> = {}): BreakPrompt => ({
    id: 1,
    t,
    reason: 'sad',
    evidence: {
      reason: 'sad',
      from: t - 10 * MIN,
      to: t,
      evidenceMs: 0,
      share: 0,
      shareThreshold: 0.6,
      minEvidenceMs: 0,
      confidenceThreshold: 0.4,
      byModality: { face: 1, voice: 0, text: 0 },
    },
    action: null,
    answeredAt: null,
    recovered: null,
    ...patch,
  });

  it('keeps a pending prompt until it is shown, and drops old ones', () => {
    const l = new PromptLedger([shown(NOON - 3 * 24 * 60 * MIN)]);
    expect(l.timesAt(NOON)).toEqual([]);
    l.pending(NOON);
    expect(l.timesAt(NOON)).toEqual([NOON]);
    l.shown(shown(NOON));
    expect(l.timesAt(NOON + 1)).toEqual([NOON]);
  });

  it('restores a snooze from the store', () => {
    const l = new PromptLedger([shown(NOON, { action: 'snooze-60', answeredAt: NOON + MIN })]);
    expect(l.snoozedUntil()).toBe(NOON + 61 * MIN);
  });
});
