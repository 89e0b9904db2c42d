/**
 * Timed pauses ("15 minutes", "1 hour", "until tomorrow"), offered by the tray and the dashboard alike. The
 * app service owns the deadline on its injected clock, so every surface shows the same "paused until" and the
 * end-to-end test clock can carry a pause to its end.
 */

/** Minutes (a whole number, 1 to a day) or until the next local midnight. */
export type PauseSpan = number | 'tomorrow';

export const MAX_PAUSE_MINUTES = 24 * 60;

export function isPauseSpan(value: unknown): value is PauseSpan {
  return (
    value === 'tomorrow' ||
    (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PAUSE_MINUTES)
  );
}

/** Unix ms at which a pause of `span` begun at `now` ends. */
export function pauseDeadline(now: number, span: PauseSpan): number {
  return span === 'tomorrow' ? nextLocalMidnight(now) : now + span * 60_000;
}

/** The next local midnight after `now` (DST-aware: Date does the calendar arithmetic). */
export function nextLocalMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

/**
 * Longest single wait before the deadline is checked again: a machine that slept through it resumes soon after
 * waking, not a whole timer later.
 */
export const PAUSE_CHECK_MS = 60_000;
