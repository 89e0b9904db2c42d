/**
 * One line that says where break suggestions stand right now ("Quiet until 08:00", "Next suggestion no
 * earlier than 14:20", "Off"), so turning them on inside quiet hours, or after a suggestion, is never a
 * silent nothing. Pure: the settings, today's prompts, the pause and the clock come in.
 */
import { inQuietHours } from '../../shared/prompt-policy';
import type { BreakPrompt, PromptSettings } from '../../shared/prompts';
import { minutesToTime } from './prompt-settings';

export interface BreakStatusInput {
  settings: PromptSettings;
  /** Today's prompts (any order). */
  prompts: readonly BreakPrompt[];
  paused: boolean;
  /** Unix ms now. */
  now: number;
  /** Local wall-clock time of a Unix-ms instant as text, e.g. "14:20". */
  timeOf: (t: number) => string;
  /** Minutes after local midnight of a Unix-ms instant. */
  minuteOfDay: (t: number) => number;
}

const MINUTE = 60_000;
const SNOOZE_MS: Partial<Record<NonNullable<BreakPrompt['action']>, number>> = {
  'snooze-15': 15 * MINUTE,
  'snooze-60': 60 * MINUTE,
};

export type BreakState = 'paused' | 'off' | 'quiet' | 'daily-cap' | 'cooldown' | 'snoozed' | 'watching';

export function breakStatus(input: BreakStatusInput): { state: BreakState; text: string } {
  const { settings, prompts, now, timeOf } = input;
  if (input.paused) return { state: 'paused', text: 'Paused: no break suggestions until you resume.' };
  if (!settings.enabled) return { state: 'off', text: 'Off: Attune does not suggest breaks.' };
  const quiet = settings.quietHours;
  if (quiet && inQuietHours(input.minuteOfDay(now), quiet)) {
    return { state: 'quiet', text: `On, but quiet until ${minutesToTime(quiet.to)}.` };
  }
  const shown = prompts.length;
  if (shown >= settings.dailyCap) {
    return { state: 'daily-cap', text: `On, but no more today: ${shown} of ${settings.dailyCap} already suggested.` };
  }
  const last = prompts.reduce<BreakPrompt | null>((a, p) => (a === null || p.t > a.t ? p : a), null);
  const cooldownEnd = last ? last.t + settings.cooldownMinutes * MINUTE : -Infinity;
  const snooze = last?.action ? SNOOZE_MS[last.action] : undefined;
  const snoozeEnd = snooze !== undefined && last?.answeredAt != null ? last.answeredAt + snooze : -Infinity;
  if (snoozeEnd > now && snoozeEnd >= cooldownEnd) {
    return { state: 'snoozed', text: `On, snoozed until ${timeOf(snoozeEnd)}.` };
  }
  if (cooldownEnd > now) {
    return { state: 'cooldown', text: `On. Next suggestion no earlier than ${timeOf(cooldownEnd)}.` };
  }
  const minutes = settings.windowMinutes === 1 ? '1 minute' : `${settings.windowMinutes} minutes`;
  return {
    state: 'watching',
    text: `On. A suggestion comes if your mood looks low or tense for ${minutes}.`,
  };
}
