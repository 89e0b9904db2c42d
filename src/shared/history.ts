/**
 * Mood history: the shapes the dashboard's Today and Trends views, export and retention use. Numbers only.
 * Local days and hours come from an injected {@link LocalCalendar}, so tests do not depend on the machine's
 * time zone and a day across a daylight-saving change is still one local day.
 */
import { EMOTIONS, type Emotion, type MoodLabel } from './labels';

export const MINUTE_MS = 60_000;
/** Every UTC offset in use is a whole number of quarter-hours, so quarter-hour sums split exactly into local days. */
export const QUARTER_MS = 900_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Every label a stored sample can carry, in column order: the emotions, then unknown. */
export const MOOD_LABELS: readonly MoodLabel[] = [...EMOTIONS, 'unknown'];

/** How many samples had each label. */
export type LabelCounts = Record<MoodLabel, number>;

/** Each emotion's share of the samples with a known label, [0, 1]; all 0 when there were none. */
export type EmotionShares = Record<Emotion, number>;

/** One minute of fused mood, aggregated from the raw 1 Hz samples. */
export interface MinuteRollup {
  /** Unix ms of the minute's start (a multiple of 60 000). */
  minute: number;
  /** Fused samples in the minute. */
  n: number;
  counts: LabelCounts;
  /** Means over all n samples: valence and arousal in [-1, 1], confidence in [0, 1]. */
  valence: number;
  arousal: number;
  confidence: number;
}

/** One local day of mood, for the week, month and calendar views. */
export interface DayTrend {
  /** Unix ms of the local day's start. */
  day: number;
  /** Fused samples that day (≈ seconds observed). */
  n: number;
  /** Samples with a known label (the base of `shares`). */
  known: number;
  shares: EmotionShares;
  /** Mean valence over all n samples, [-1, 1]; null when n is 0. */
  meanValence: number | null;
}

/** One local hour of the day (0…23), over every day of a range: when in the day moods tend to come. */
export interface HourOfDayTrend {
  hour: number;
  n: number;
  known: number;
  shares: EmotionShares;
  meanValence: number | null;
}

/** Did breaks help? Counts over the prompts shown in a range. */
export interface BreakOutcomeSummary {
  prompts: number;
  /** Prompts answered with a break (breathe or stretch). */
  breaks: number;
  /** Breaks after which the mood recovered within 15 minutes. */
  recovered: number;
  notRecovered: number;
  /** Breaks whose outcome is not (yet) known. */
  unknown: number;
}

export const HISTORY_EVENT_KINDS = ['pause', 'resume', 'correction', 'calibration', 'break'] as const;
export type HistoryEventKind = (typeof HISTORY_EVENT_KINDS)[number];

/** Event details: numbers, booleans, null, or short enum-like strings (never free text). */
export type EventData = Readonly<Record<string, number | boolean | string | null>>;

/** Longest string an event's data may hold: enough for a label or a reason code, too short for prose. */
export const EVENT_STRING_MAX = 32;
const EVENT_KEYS_MAX = 16;

export interface HistoryEvent {
  id: number;
  /** Unix ms. */
  t: number;
  kind: HistoryEventKind;
  data: EventData;
}

export function isHistoryEventKind(value: unknown): value is HistoryEventKind {
  return typeof value === 'string' && (HISTORY_EVENT_KINDS as readonly string[]).includes(value);
}

/** Why `data` cannot be stored as event details, or null when it can. */
export function eventDataProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'event data must be an object';
  const entries = Object.entries(data);
  if (entries.length > EVENT_KEYS_MAX) return `event data may have at most ${EVENT_KEYS_MAX} fields`;
  for (const [key, value] of entries) {
    if (!/^[A-Za-z][A-Za-z0-9]{0,31}$/.test(key)) return `event data field name ${JSON.stringify(key)} is not allowed`;
    if (value === null || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    if (typeof value === 'string' && /^[a-z0-9-]*$/.test(value) && value.length <= EVENT_STRING_MAX) continue;
    return `event data ${key} must be a finite number, true/false, null or a short lower-case code`;
  }
  return null;
}

export type ExportFormat = 'csv' | 'json';

export interface RetentionSettings {
  /** Days raw samples are kept before pruning (default 30, 1…3650). Rollups are kept until deleted. */
  rawDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { rawDays: 30 };
export const RETENTION_LIMITS = { rawDays: { min: 1, max: 3650 } } as const;

/** Why a retention patch cannot be applied, or null when it can. Unknown keys are refused. */
export function retentionProblem(patch: unknown): string | null {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return 'retention must be an object';
  for (const [key, value] of Object.entries(patch)) {
    if (key !== 'rawDays') return `unknown retention setting ${key}`;
    const { min, max } = RETENTION_LIMITS.rawDays;
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      return `rawDays must be a whole number from ${min} to ${max}`;
    }
  }
  return null;
}

/** Where local time stands against UTC. Injected so tests pick their zone. */
export interface LocalCalendar {
  /** Local time minus UTC at instant `t` (unix ms), in ms: UTC+2 gives 7 200 000. */
  offsetMs(t: number): number;
}

/** A zone that never changes its offset, e.g. `fixedOffset(60)` for UTC+1. */
export const fixedOffset = (minutes: number): LocalCalendar => ({ offsetMs: () => minutes * MINUTE_MS });

/** The running machine's zone, daylight saving included (through Date, which is pure JavaScript). */
export const systemCalendar: LocalCalendar = { offsetMs: (t) => -new Date(t).getTimezoneOffset() * MINUTE_MS };

const floorTo = (x: number, unit: number): number => Math.floor(x / unit) * unit;

/**
 * Unix ms of the local midnight that starts `t`'s day. The offset is re-read at the candidate midnight, so a
 * day that begins before a daylight-saving change still starts at its own local midnight.
 */
export function dayStart(t: number, calendar: LocalCalendar): number {
  const localMidnight = floorTo(t + calendar.offsetMs(t), DAY_MS);
  const start = localMidnight - calendar.offsetMs(localMidnight - calendar.offsetMs(t));
  return start > t ? start - DAY_MS : start;
}

/** The local hour of the day, 0…23, at `t`. */
export function localHour(t: number, calendar: LocalCalendar): number {
  const local = t + calendar.offsetMs(t);
  return Math.floor((local - floorTo(local, DAY_MS)) / HOUR_MS);
}

/** The local day containing `t`, as [from, to) unix ms: for "today" and for deleting a day. */
export function dayRange(t: number, calendar: LocalCalendar): { from: number; to: number } {
  const from = dayStart(t, calendar);
  // +36 h lands inside the next local day even after a 25-hour day; dayStart then snaps to its midnight.
  return { from, to: dayStart(from + 36 * HOUR_MS, calendar) };
}

/** Local day starts from `from`'s day up to (not including) `to`, oldest first. */
export function dayStarts(from: number, to: number, calendar: LocalCalendar): number[] {
  const days: number[] = [];
  for (let d = dayStart(from, calendar); d < to; d = dayRange(d, calendar).to) days.push(d);
  return days;
}

/** Shares of the known-label counts; all 0 when there are none. */
export function sharesOf(counts: Readonly<Record<Emotion, number>>): { known: number; shares: EmotionShares } {
  const known = EMOTIONS.reduce((sum, e) => sum + counts[e], 0);
  const shares = {} as EmotionShares;
  for (const e of EMOTIONS) shares[e] = known > 0 ? counts[e] / known : 0;
  return { known, shares };
}

/** A stretch of time in which the calendar's UTC offset does not change. */
export interface OffsetSegment {
  from: number;
  to: number;
  offsetMs: number;
}

/**
 * Splits [from, to) where the calendar's offset changes (daylight saving: about twice a year), so that within
 * each piece local time is simply t + offsetMs. Probes once a day; on a day whose offset differs, walks its
 * quarter-hours to find the change.
 */
export function offsetSegments(from: number, to: number, calendar: LocalCalendar): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let start = from;
  let offsetMs = calendar.offsetMs(from);
  for (let t = from; t < to;) {
    const next = Math.min(t + DAY_MS, to);
    if (calendar.offsetMs(next === to ? to - 1 : next) === offsetMs) {
      t = next;
      continue;
    }
    let change = floorTo(t, QUARTER_MS) + QUARTER_MS;
    while (change < next && calendar.offsetMs(change) === offsetMs) change += QUARTER_MS;
    change = Math.min(change, next);
    segments.push({ from: start, to: change, offsetMs });
    start = change;
    offsetMs = calendar.offsetMs(change);
    t = change;
  }
  if (start < to) segments.push({ from: start, to, offsetMs });
  return segments;
}
