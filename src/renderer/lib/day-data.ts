/** A day's history (rollups, prompts, events, check-ins) turned into what the Today chart draws. Pure. */
import type { DayHistory } from '../../shared/history-api';
import { DAY_MS, dayRange, HOUR_MS, MINUTE_MS, type LocalCalendar, type MinuteRollup } from '../../shared/history';
import { EMOTIONS, type MoodLabel } from '../../shared/labels';
import { checkInLine } from './check-in';
import { clockTime } from './format';
import { reasonWords } from './prompt-words';
import type { TimelinePoint } from './timeline-data';

/** The label most samples of the minute had; 'unknown' when none had a known label. */
export function dominantLabel(counts: MinuteRollup['counts']): MoodLabel {
  let best: MoodLabel = 'unknown';
  let most = 0;
  for (const e of EMOTIONS) {
    if (counts[e] > most) {
      best = e;
      most = counts[e];
    }
  }
  return best;
}

/** A minute as a chart point, drawn at the middle of its minute. */
export function rollupPoint(r: MinuteRollup): TimelinePoint {
  return { t: r.minute + MINUTE_MS / 2, label: dominantLabel(r.counts), valence: r.valence, confidence: r.confidence };
}

export type MarkerKind = 'check-in' | 'prompt' | 'break';

/** Something that happened, drawn on the chart at its time. */
export interface DayMarker {
  kind: MarkerKind;
  x: number;
  /** Where on the valence axis: the person's own rating for a check-in, else the valence at that time. */
  y: number;
  words: string;
}

/** Valence of the point nearest `t` (0 when there is none), so markers sit on the line. */
function valenceNear(points: readonly TimelinePoint[], t: number): number {
  const i = nearestIndex(points, t);
  return i === null ? 0 : (points[i]?.valence ?? 0);
}

export function dayMarkers(history: DayHistory, points: readonly TimelinePoint[]): DayMarker[] {
  const markers: DayMarker[] = history.checkIns.map((c) => ({
    kind: 'check-in',
    x: c.t,
    y: c.selfRating?.pleasantness ?? c.sample.valence,
    words: checkInLine(c),
  }));
  for (const p of history.prompts) {
    markers.push({
      kind: 'prompt',
      x: p.t,
      y: valenceNear(points, p.t),
      words: `${clockTime(p.t)} prompt — ${reasonWords(p.reason)}`,
    });
  }
  for (const e of history.events) {
    if (e.kind !== 'break') continue;
    const what = typeof e.data.action === 'string' ? e.data.action : 'break';
    markers.push({ kind: 'break', x: e.t, y: valenceNear(points, e.t), words: `${clockTime(e.t)} break (${what})` });
  }
  return markers.sort((a, b) => a.x - b.x);
}

/** Index of the point nearest `t`, or null when there are none. Points are oldest first. */
export function nearestIndex(points: readonly Pick<TimelinePoint, 't'>[], t: number): number | null {
  let best: number | null = null;
  let distance = Infinity;
  points.forEach((p, i) => {
    const d = Math.abs(p.t - t);
    if (d < distance) {
      best = i;
      distance = d;
    }
  });
  return best;
}

/** True when the day has anything to draw. */
export const dayHasData = (h: DayHistory): boolean =>
  h.rollups.length > 0 || h.checkIns.length > 0 || h.prompts.length > 0 || h.events.length > 0;

/** The local day `daysBack` days before `now`'s (0 = today). Noon steps back whole days across daylight saving. */
export function daysAgo(now: number, daysBack: number, calendar: LocalCalendar): { from: number; to: number } {
  return dayRange(dayRange(now, calendar).from + 12 * HOUR_MS - daysBack * DAY_MS, calendar);
}

/** "Today", "Yesterday", else the weekday and date, e.g. "Friday 20 November". */
export function dayTitle(dayStart: number, daysBack: number): string {
  if (daysBack === 0) return 'Today';
  if (daysBack === 1) return 'Yesterday';
  return new Date(dayStart + 12 * HOUR_MS).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
}
