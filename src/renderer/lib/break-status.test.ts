import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_SETTINGS, type BreakPrompt } from '../../shared/prompts';
import { breakStatus, type BreakStatusInput } from './break-status';

const H = 3_600_000;
const M = 60_000;
/** A day starting at 0: minute of day is simply t / 1 min. */
const input = (patch: Partial<BreakStatusInput>): BreakStatusInput => ({
  settings: { ...DEFAULT_PROMPT_SETTINGS, enabled: true },
  prompts: [],
  paused: false,
  now: 12 * H,
  timeOf: (t) => `${String(Math.floor(t / H)).padStart(2, '0')}:${String(Math.floor((t % H) / M)).padStart(2, '0')}`,
  minuteOfDay: (t) => Math.floor(t / M) % 1440,
  ...patch,
});
const prompt = (t: number, patch: Partial<BreakPrompt> = {}): BreakPrompt =>
  ({ id: 1, t, reason: 'sad', action: null, answeredAt: null, recovered: null, ...patch }) as BreakPrompt;

describe('breakStatus', () => {
  it('says off, paused and quiet hours in words', () => {
    expect(breakStatus(input({ settings: DEFAULT_PROMPT_SETTINGS })).text).toBe('Off: Attune does not suggest breaks.');
    expect(breakStatus(input({ paused: true })).state).toBe('paused');
    // Turned on at 07:10, inside the default quiet hours 22:00–08:00.
    expect(breakStatus(input({ now: 7 * H + 10 * M })).text).toBe('On, but quiet until 08:00.');
  });

  it('gives the earliest time of the next suggestion after one was shown, or snoozed', () => {
    expect(breakStatus(input({ prompts: [prompt(14 * H - 5 * M)], now: 14 * H })).text).toBe(
      'On. Next suggestion no earlier than 14:40.',
    );
    const snoozed = prompt(13 * H, { action: 'snooze-60', answeredAt: 13 * H + 30 * M });
    expect(breakStatus(input({ prompts: [snoozed], now: 13 * H + 40 * M })).text).toBe('On, snoozed until 14:30.');
  });

  it('says when the day is full, and uses the singular for one minute', () => {
    const four = [1, 2, 3, 4].map((h) => prompt(8 * H + h * H));
    expect(breakStatus(input({ prompts: four, now: 20 * H })).text).toBe(
      'On, but no more today: 4 of 4 already suggested.',
    );
    const one = input({ settings: { ...DEFAULT_PROMPT_SETTINGS, enabled: true, windowMinutes: 1 } });
    expect(breakStatus(one).text).toBe('On. A suggestion comes if your mood looks low or tense for 1 minute.');
  });
});
