/** Keeping a page's list of prompts current as 'prompt' events arrive (new prompts and changed ones). */
import type { TimeRange } from '../../shared/api';
import type { BreakPrompt } from '../../shared/prompts';
import { startOfDay } from './format';

/** The list with `prompt` added, or replacing the one with its id; oldest first, like `getPrompts`. */
export function upsertPrompt(list: readonly BreakPrompt[], prompt: BreakPrompt): BreakPrompt[] {
  const next = list.filter((p) => p.id !== prompt.id);
  next.push(prompt);
  return next.sort((a, b) => a.t - b.t || a.id - b.id);
}

/** The newest prompt nobody has answered yet, or null. */
export function newestUnanswered(list: readonly BreakPrompt[]): BreakPrompt | null {
  let newest: BreakPrompt | null = null;
  for (const p of list) if (p.action === null && (newest === null || p.t >= newest.t)) newest = p;
  return newest;
}

/** From local midnight to just after `now` (the range end is exclusive). */
export function todayRange(now: number): TimeRange {
  return { from: startOfDay(now), to: now + 1 };
}

/** The last hour up to just after `now`: what the prompt window looks at. */
export function lastHourRange(now: number): TimeRange {
  return { from: now - 60 * 60_000, to: now + 1 };
}

/**
 * Which prompt a page should show after an event: a new unanswered prompt replaces what is shown; a change
 * to the shown prompt updates it (the card keeps its own place, e.g. mid-exercise); others leave it alone.
 */
export function promptToShow(shown: BreakPrompt | null, event: BreakPrompt): BreakPrompt | null {
  if (shown && shown.id === event.id) return event;
  if (event.action === null && (shown === null || event.t >= shown.t)) return event;
  return shown;
}
