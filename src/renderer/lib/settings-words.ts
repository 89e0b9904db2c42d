/** Words and small conversions for the Settings view: export, delete, frame rate, retention. Pure. */
import type { DeleteSummary, ExportTarget } from '../../shared/history-api';
import { FRAME_RATE_LIMITS } from '../../shared/history-api';
import { retentionProblem } from '../../shared/history';

/** The frame rates offered, frames per second, within the app's limits. */
export const FRAME_RATES = [0.5, 1, 2, 3, 5].filter((r) => r >= FRAME_RATE_LIMITS.min && r <= FRAME_RATE_LIMITS.max);

export function frameRateWords(fps: number): string {
  if (fps < 1) return `One picture every ${Math.round(1 / fps)} seconds`;
  return fps === 1 ? 'One picture a second' : `${fps} pictures a second`;
}

/** What to say once an export is done; null when there is nothing to say (cancelled, or a download started). */
export function exportWords(target: ExportTarget): string | null {
  if (target.kind === 'saved') return `Saved to ${target.path} (${bytesWords(target.bytes)}).`;
  return null;
}

export function bytesWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "Deleted 1 234 records." from the rows removed per table. */
export function deletedWords(summary: DeleteSummary): string {
  const total = Object.values(summary.deleted).reduce((sum, n) => sum + n, 0);
  if (total === 0) return 'There was nothing to delete.';
  return total === 1 ? 'Deleted 1 record.' : `Deleted ${total.toLocaleString('en')} records.`;
}

/** A `<input type="date">` value (YYYY-MM-DD) as local noon of that day, Unix ms; null when not a date. */
export function dateInputToTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12).getTime();
  return Number.isFinite(t) ? t : null;
}

/** Today as a `<input type="date">` value, for the picker's default and maximum. */
export function dateInputValue(t: number): string {
  const d = new Date(t);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The typed confirmation "delete all" asks for. */
export const DELETE_ALL_WORD = 'delete';

/** Why a typed number of days cannot be kept, or null. */
export function retentionWords(days: number): string | null {
  return retentionProblem({ rawDays: days }) ? 'Choose a whole number of days from 1 to 3650.' : null;
}
