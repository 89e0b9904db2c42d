/** Small pure helpers of the feed's HTTP side: the bearer token, replies, and the history query. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_FEED_HISTORY_MS, type FeedResolution } from '../../shared/feed';
import { SECURITY_HEADERS } from '../net/security-headers';

export function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer ([A-Za-z0-9_\-.~+/=]{1,200})$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

export function replyJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Like replyJson, for a body already serialised. */
export function replyRaw(res: ServerResponse, status: number, json: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(json);
}

export type HistoryQuery =
  { ok: true; from: number; to: number; resolution: FeedResolution } | { ok: false; error: string };

const DEFAULT_SPAN_MS: Record<FeedResolution, number> = { minute: 3_600_000, quarter: 86_400_000 };
const INTEGER = /^-?\d{1,16}$/;

/**
 * `?from&to&resolution=minute|quarter`: Unix ms (integers); `to` defaults to now, `from` to an hour (minute)
 * or a day (quarter) before `to`; resolution defaults to minute. Unknown parameters are refused.
 */
export function parseHistoryQuery(search: URLSearchParams, now: number): HistoryQuery {
  for (const key of search.keys()) {
    if (key !== 'from' && key !== 'to' && key !== 'resolution') return { ok: false, error: `unknown parameter ${key}` };
  }
  const resolution = search.get('resolution') ?? 'minute';
  if (resolution !== 'minute' && resolution !== 'quarter') {
    return { ok: false, error: 'resolution is minute or quarter' };
  }
  const read = (key: string): number | null | undefined => {
    const v = search.get(key);
    if (v === null) return undefined;
    return INTEGER.test(v) ? Number(v) : null;
  };
  const to = read('to');
  const from = read('from');
  if (to === null || from === null) return { ok: false, error: 'from and to are Unix times in ms (integers)' };
  const end = to ?? now;
  const start = from ?? end - DEFAULT_SPAN_MS[resolution];
  if (start > end) return { ok: false, error: 'from is after to' };
  if (end - start > MAX_FEED_HISTORY_MS[resolution]) {
    return { ok: false, error: `at most ${MAX_FEED_HISTORY_MS[resolution] / 86_400_000} days of ${resolution}s` };
  }
  return { ok: true, from: start, to: end, resolution };
}
