/**
 * The optional daily check-in reminder (issue 17, Daylio's core loop): at the chosen time of day the dashboard
 * shows a gentle "How are you feeling?" nudge, once a day, until the person checks in or dismisses it. Pure: the
 * clock, the local time of day and the stored check-ins are passed in, so tests decide what "now" is.
 */
import type { MinuteOfDay } from '../../shared/prompts';

export interface ReminderInput {
  /** The chosen time of day, or null when the reminder is off (the default). */
  remindAt: MinuteOfDay | null;
  /** Unix ms. */
  now: number;
  /** Local minutes after midnight of `now`. */
  minuteOfDay: MinuteOfDay;
  /** Local calendar day of `now`, e.g. "2026-12-05": the nudge comes at most once per day. */
  day: string;
  /** The last day the nudge was answered (checked in from it, or dismissed), or null. */
  handledDay: string | null;
}

/** Whether it is time for today's nudge, before looking for a check-in made since the reminder time. */
export function reminderDue(input: ReminderInput): boolean {
  if (input.remindAt === null) return false;
  if (input.handledDay === input.day) return false;
  return input.minuteOfDay >= input.remindAt;
}

/**
 * Whether a due nudge also asks for a system notification: only while the tab is hidden (a visible tab shows the
 * nudge itself), and once a day. Whether notifications are allowed at all is the caller's `Notify`.
 */
export function notifyNow(hidden: boolean, day: string, notifiedDay: string | null): boolean {
  return hidden && notifiedDay !== day;
}

/** Unix ms of today's reminder time: a check-in since then already answers the nudge. */
export function reminderStart(now: number, minuteOfDay: MinuteOfDay, remindAt: MinuteOfDay): number {
  const startOfMinute = now - (now % 60_000);
  return startOfMinute - (minuteOfDay - remindAt) * 60_000;
}

/** The local calendar day of an instant, as YYYY-MM-DD. */
export function localDay(t: number): string {
  const d = new Date(t);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local minutes after midnight of an instant. */
export function localMinuteOfDay(t: number): MinuteOfDay {
  const d = new Date(t);
  return d.getHours() * 60 + d.getMinutes();
}

export const REMINDER_TITLE = 'Attune: how are you feeling?';
export const REMINDER_BODY = 'A moment to check in, if you like. Open the Attune tab to jot a word or two.';
