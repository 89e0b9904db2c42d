/**
 * How much the trends rest on, in words, so ten minutes of one day never passes for a full picture (a
 * single short day draws a 100 % bar). Fused samples come at about one a second, so n ≈ seconds observed.
 */
import type { DayTrend } from '../../shared/history';

/** Days with something recorded before the trends say much. */
export const DAYS_FOR_TRENDS = 3;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "About 10 minutes recorded, on 1 day." plus, while short, when the trends fill in. */
export function recordedWords(days: readonly DayTrend[]): string {
  const recorded = days.filter((d) => d.n > 0);
  const seconds = recorded.reduce((s, d) => s + d.n, 0);
  const minutes = Math.round(seconds / 60);
  const amount =
    minutes < 1
      ? 'Less than a minute'
      : minutes < 120
        ? `About ${plural(minutes, 'minute', 'minutes')}`
        : `About ${plural(Math.round(minutes / 60), 'hour', 'hours')}`;
  const base = `${amount} recorded, on ${plural(recorded.length, 'day', 'days')}.`;
  if (recorded.length >= DAYS_FOR_TRENDS) return base;
  return `${base} Each bar shows only what was recorded that day; trends fill in after ${DAYS_FOR_TRENDS} days with Attune running.`;
}
