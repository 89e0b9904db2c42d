/** Helpers for the prompt settings card: times of day for `<input type=time>`, and problems in words. */
import { PROMPT_SETTING_LIMITS, type MinuteOfDay, type PromptSettings, type QuietHours } from '../../shared/prompts';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Minutes after midnight as an `<input type=time>` value: 1320 → "22:00". */
export function minutesToTime(minutes: MinuteOfDay): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** An `<input type=time>` value ("HH:MM", seconds ignored) as minutes after midnight; null when empty or malformed. */
export function timeToMinutes(value: string): MinuteOfDay | null {
  const match = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** "22:00 to 08:00", or "none". */
export function quietHoursWords(quiet: QuietHours | null): string {
  return quiet ? `${minutesToTime(quiet.from)} to ${minutesToTime(quiet.to)}` : 'none';
}

export type NumericSetting = keyof typeof PROMPT_SETTING_LIMITS;

const NUMERIC_WORDS: Record<NumericSetting, string> = {
  windowMinutes: 'The time Attune looks back',
  cooldownMinutes: 'The time between two suggestions',
  dailyCap: 'The number of suggestions a day',
};

const UNITS: Record<NumericSetting, string> = { windowMinutes: 'minutes', cooldownMinutes: 'minutes', dailyCap: '' };

/** Why a number typed into the card cannot be saved, in words; null when it can. */
export function numberProblem(key: NumericSetting, value: number): string | null {
  const { min, max } = PROMPT_SETTING_LIMITS[key];
  if (Number.isInteger(value) && value >= min && value <= max) return null;
  const unit = UNITS[key] ? ` ${UNITS[key]}` : '';
  return `${NUMERIC_WORDS[key]} must be a whole number from ${min} to ${max}${unit}.`;
}

/** Why quiet hours cannot be saved, in words; null when they can. */
export function quietHoursProblem(from: MinuteOfDay | null, to: MinuteOfDay | null): string | null {
  if (from === null || to === null) return 'Quiet hours need both a start and an end time.';
  if (from === to) return 'Quiet hours must start and end at different times.';
  return null;
}

/** A one-line summary of the rules, for screen readers and the collapsed card. */
export function rulesWords(settings: PromptSettings): string {
  if (!settings.enabled) return 'Break suggestions are off.';
  const quiet = settings.quietHours ? `, never from ${quietHoursWords(settings.quietHours)}` : '';
  const minutes = (n: number): string => (n === 1 ? '1 minute' : `${n} minutes`);
  return (
    `On: at most ${settings.dailyCap} a day, ${minutes(settings.cooldownMinutes)} apart, ` +
    `after ${minutes(settings.windowMinutes)} that look low or tense${quiet}.`
  );
}
