/** What the dashboard says about a pause, from the status the app sends. */
import type { AppStatus } from '../../shared/mood';
import { nextLocalMidnight, type PauseSpan } from '../../shared/timed-pause';
import { clockTime } from './format';

/** The timed pauses the dashboard offers, as the tray does. */
export const PAUSE_CHOICES: readonly { span: PauseSpan; label: string }[] = [
  { span: 15, label: 'For 15 minutes' },
  { span: 60, label: 'For 1 hour' },
  { span: 'tomorrow', label: 'Until tomorrow' },
];

/**
 * "Paused until 14:20" (today), "Paused until tomorrow" (a pause to midnight), "Paused until Tue 09:00" (later),
 * "Paused" (until resumed), or null when not paused. `now` is the page's clock: only used to name the day.
 */
export function pauseWords(status: Pick<AppStatus, 'paused' | 'pausedUntil'> | null, now: number): string | null {
  if (!status?.paused) return null;
  const until = status.pausedUntil;
  if (until === undefined) return 'Paused';
  const today = nextLocalMidnight(now);
  if (until <= today) return until === today ? 'Paused until tomorrow' : `Paused until ${clockTime(until)}`;
  const day = new Date(until).toLocaleDateString('en-GB', { weekday: 'short' });
  return `Paused until ${day} ${clockTime(until)}`;
}
