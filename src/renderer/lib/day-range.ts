/** Ranges of whole local days chosen with two `<input type="date">` fields (export and delete). Pure. */
import type { TimeRange } from '../../shared/api';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(value: string): [number, number, number] | null {
  const m = DATE.exec(value);
  return m ? [Number(m[1]), Number(m[2]) - 1, Number(m[3])] : null;
}

/**
 * The local days `first` to `last` (YYYY-MM-DD, both included) as Unix ms: from the first day's midnight to the
 * midnight after the last (exclusive), so a day of 23 or 25 hours counts whole. Null when either is not a date
 * or `first` comes after `last`.
 */
export function dayRange(first: string, last: string): TimeRange | null {
  const a = parts(first);
  const b = parts(last);
  if (!a || !b) return null;
  const from = new Date(a[0], a[1], a[2]).getTime();
  const to = new Date(b[0], b[1], b[2] + 1).getTime();
  return Number.isFinite(from) && Number.isFinite(to) && from < to ? { from, to } : null;
}

/** The date `days` local days before `value` (YYYY-MM-DD), e.g. to default a range to the last week. */
export function daysBefore(value: string, days: number): string {
  const p = parts(value);
  if (!p) return value;
  const d = new Date(p[0], p[1], p[2] - days);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local days in `range` (a {@link dayRange}); rounding absorbs daylight-saving hours. */
export function dayCount(range: TimeRange): number {
  return Math.round((range.to - range.from) / 86_400_000);
}

/** "3 days, 12 Nov 2026 to 14 Nov 2026", or "4 Mar 2026" for a single day; `locale` for tests (default the page's). */
export function dayRangeWords(range: TimeRange, locale?: string): string {
  const date = (t: number): string => new Date(t).toLocaleDateString(locale, { dateStyle: 'medium' });
  const days = dayCount(range);
  const first = date(range.from);
  if (days <= 1) return first;
  return `${days} days, ${first} to ${date(range.to - 1)}`;
}
