/**
 * Whether a break prompt may come now: pure rules over the settings, the desktop's situation and the
 * prompts already shown. The order of the checks fixes which reason is reported when several hold.
 */
import type { BreakPrompt, Environment, PromptSettings, QuietHours } from './prompts';

/** The local calendar, injected so tests do not depend on the machine's time zone. */
export interface LocalTime {
  /** Minutes after local midnight, 0…1439. */
  minuteOfDay(t: number): number;
  /** Unix ms of the local midnight that starts the day containing `t`. */
  dayStart(t: number): number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Prompt times older than this are dropped: cooldown and the daily cap never look further back. */
const KEEP_PROMPTS_MS = 2 * DAY_MS;

/** The machine's own time zone, through `Date` (pure JavaScript, no Node or DOM). */
export const systemLocalTime: LocalTime = {
  minuteOfDay: (t) => {
    const d = new Date(t);
    return d.getHours() * 60 + d.getMinutes();
  },
  dayStart: (t) => {
    const d = new Date(t);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  },
};

/** A fixed offset from UTC, minutes (e.g. 60 for UTC+1): for tests and `analyze`. */
export function fixedOffsetLocalTime(offsetMinutes = 0): LocalTime {
  const shift = offsetMinutes * 60_000;
  return {
    minuteOfDay: (t) => Math.floor(((((t + shift) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000),
    dayStart: (t) => Math.floor((t + shift) / DAY_MS) * DAY_MS - shift,
  };
}

/** True when `minute` falls in the quiet period, which may span midnight (from > to). */
export function inQuietHours(minute: number, quiet: QuietHours | null): boolean {
  if (quiet === null || quiet.from === quiet.to) return false;
  return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

export interface PolicyInput {
  t: number;
  settings: PromptSettings;
  environment: Environment;
  localTime: LocalTime;
  /** Times of prompts shown (or about to be shown), Unix ms, any order. */
  promptTimes: readonly number[];
  /** Prompts stay away until this time after a snooze, Unix ms; null when not snoozed. */
  snoozedUntil: number | null;
  /** Monitoring is paused: nothing is observed, so nothing can persist. */
  paused: boolean;
  /** The persistence detector sees fresh persistence of sadness or anger. */
  persistent: boolean;
}

/** Why no prompt may come now, or null when one may. */
export function blockedBy(input: PolicyInput): string | null {
  const { t, settings, environment: env, localTime } = input;
  if (input.paused) return 'paused';
  if (!settings.enabled) return 'disabled';
  if (!input.persistent) return 'not-persistent';
  if (inQuietHours(localTime.minuteOfDay(t), settings.quietHours)) return 'quiet-hours';
  const last = input.promptTimes.reduce<number | null>((a, p) => (a === null || p > a ? p : a), null);
  if (last !== null && t - last < settings.cooldownMinutes * 60_000) return 'cooldown';
  const today = localTime.dayStart(t);
  const shownToday = input.promptTimes.filter((p) => localTime.dayStart(p) === today).length;
  if (shownToday >= settings.dailyCap) return 'daily-cap';
  if (input.snoozedUntil !== null && t < input.snoozedUntil) return 'snoozed';
  if (env.locked) return 'locked';
  if (env.idle) return 'idle';
  if (env.meeting) return 'meeting';
  if (env.fullscreen) return 'fullscreen';
  return null;
}

/** Prompts shown (or about to be), and the snooze: what the policy needs to remember. */
export class PromptLedger {
  private times: number[];
  /** A prompt returned by tick() that the engine has not yet confirmed as shown. */
  private pendingAt: number | null = null;
  private until: number | null = null;

  /** `recent`: prompts from the store, so cooldown, cap and snooze survive a restart. */
  constructor(recent: readonly BreakPrompt[]) {
    this.times = recent.map((p) => p.t);
    for (const p of recent) {
      if (p.answeredAt !== null && (p.action === 'snooze-15' || p.action === 'snooze-60'))
        this.snooze(p.action, p.answeredAt);
    }
  }

  /** Prompt times to judge cooldown and cap at `t`, the pending one included. */
  timesAt(t: number): readonly number[] {
    this.times = this.times.filter((p) => t - p < KEEP_PROMPTS_MS);
    return this.times;
  }

  /** tick() returned a prompt at `t`: it counts at once, even before the engine confirms it. */
  pending(t: number): void {
    this.pendingAt = t;
    this.times.push(t);
  }

  /** The engine stored and showed the prompt: its own time replaces the pending one. */
  shown(prompt: BreakPrompt): void {
    if (this.pendingAt !== null) this.times = this.times.filter((p) => p !== this.pendingAt);
    this.pendingAt = null;
    if (!this.times.includes(prompt.t)) this.times.push(prompt.t);
  }

  snooze(action: 'snooze-15' | 'snooze-60', at: number): void {
    const until = at + (action === 'snooze-15' ? 15 : 60) * 60_000;
    this.until = Math.max(this.until ?? until, until);
  }

  snoozedUntil(): number | null {
    return this.until;
  }
}
