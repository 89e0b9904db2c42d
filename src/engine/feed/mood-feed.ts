/**
 * The mood feed's serving side: GET /v1/mood, /v1/mood/stream and /v1/mood/history for the apps the person
 * allowed, on a loopback server that has already checked the peer and the Host header (the headless host's
 * page server, or the engine's own text-endpoint server). It keeps the latest smoothed mood and the pause
 * state from the app's events, a cache of the token hashes, per-client rate limits, and when each client
 * last read (written to the engine in batches, not per read).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TimeRange } from '../../shared/api';
import type { Envelope } from '../../shared/envelope';
import {
  FEED_HISTORY_PATH,
  FEED_PATH,
  FEED_STREAM_PATH,
  READER_WINDOW_MS,
  type FeedAuth,
  type FeedClientInfo,
  type FeedClientRecord,
  type FeedHistoryPoint,
  type FeedMood,
  type FeedResolution,
  type FeedScope,
} from '../../shared/feed';
import type { LiveMood, Modality, ModalityContribution } from '../../shared/mood';
import { TokenBucket, type RateOptions } from '../ingest/ingest-rate';
import { originAllowed } from '../net/request-guards';
import { FeedAuthCache } from './feed-auth';
import { bearer, parseHistoryQuery, replyJson, replyRaw } from './feed-request';
import { MoodStreamHub, systemTimers, type StreamTimers } from './feed-stream';

export interface MoodFeedDeps {
  /** The switch and token hashes (engine request getFeedAuth). */
  auth(): Promise<Envelope<FeedAuth>>;
  /** Stores last-read times (engine request markFeedRead). */
  markRead(reads: { id: number; t: number }[]): Promise<Envelope<void>>;
  /** Rollups (engine request getFeedHistory). */
  history(range: TimeRange, resolution: FeedResolution): Promise<Envelope<FeedHistoryPoint[]>>;
  /** Told when the number of clients reading changes (the dashboard's "2 apps are reading your mood"). */
  onReaders?(readers: number): void;
  timers?: StreamTimers;
  /** Requests per client (default 20/s, burst 40: a polling app needs one a second). */
  rate?: RateOptions;
  /** Open streams per client (default 4). */
  maxStreamsPerClient?: number;
}

const MODALITIES: readonly Modality[] = ['face', 'voice', 'text'];

/** How often last-read times are written and the readers count is swept, ms. */
const FLUSH_MS = 5_000;

const ROUTES: Readonly<Record<string, FeedScope>> = {
  [FEED_PATH]: 'now',
  [FEED_STREAM_PATH]: 'stream',
  [FEED_HISTORY_PATH]: 'history',
};

/** The smoothed mood without its probabilities: the feed never serves raw scores. */
export function toFeedMood(mood: LiveMood): FeedMood {
  const { t, label, confidence, valence, arousal } = mood;
  const modalities = {} as FeedMood['modalities'];
  for (const m of MODALITIES) {
    // An engine older or newer than this code may leave a modality out: it then counts as absent.
    const c: ModalityContribution | undefined = (mood.modalities as Partial<LiveMood['modalities']> | undefined)?.[m];
    modalities[m] = { share: c?.share ?? 0, lastAt: c?.lastAt ?? null };
  }
  return { t, label, confidence, valence, arousal, modalities, personal: 'personal' in mood && mood.personal === true };
}

export function isFeedPath(path: string): boolean {
  return path === FEED_PATH || path.startsWith(`${FEED_PATH}/`);
}

export class MoodFeed {
  private readonly hub: MoodStreamHub;
  private readonly cache: FeedAuthCache;
  private readonly timers: StreamTimers;
  private readonly reads = new Map<number, number>();
  private readonly unsaved = new Map<number, number>();
  private readonly buckets = new Map<number, TokenBucket>();
  private readonly stopSweep: () => void;
  private latest: FeedMood | null = null;
  private latestJson = '{"waiting":true}';
  private paused = false;
  private lastReaders = 0;

  constructor(private readonly deps: MoodFeedDeps) {
    this.timers = deps.timers ?? systemTimers;
    this.hub = new MoodStreamHub(this.timers);
    this.cache = new FeedAuthCache(() => deps.auth());
    this.stopSweep = this.timers.every(FLUSH_MS, () => {
      this.flush();
      this.checkReaders();
    });
  }

  /** From the app's 'mood' events. */
  observeMood(mood: LiveMood): void {
    this.latest = toFeedMood(mood);
    // Serialised once here rather than on every read: reads outnumber moods.
    this.latestJson = JSON.stringify(this.latest);
    this.hub.publish(this.latest);
  }

  /** From the app's status: nothing but `{paused: true}` is served while paused. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.hub.setPaused(paused);
  }

  /**
   * After the person changed the switch or the clients (and after an engine restart): refetch the token hashes
   * and end the streams that may no longer be open.
   */
  async invalidate(): Promise<void> {
    this.cache.invalidate();
    const state = await this.cache.get();
    if (!state) return;
    if (!state.enabled) this.hub.endStreams(null);
    const streaming = new Set(state.clients.filter((c) => c.scopes.includes('stream')).map((c) => c.id));
    for (const id of [...this.reads.keys(), ...this.buckets.keys()]) if (!streaming.has(id)) this.hub.endStreams(id);
    this.checkReaders();
  }

  /** Clients reading now: a stream open, or a read in the last READER_WINDOW_MS. */
  readers(): number {
    return (this.cache.peek()?.clients ?? []).filter((c) => this.connected(c.id)).length;
  }

  /** The engine's records with the reads not yet written and who is connected. */
  describe(records: readonly FeedClientRecord[]): { clients: FeedClientInfo[]; readers: number } {
    const clients = records.map((c) => {
      const recent = this.reads.get(c.id);
      const lastReadAt = recent !== undefined && recent > (c.lastReadAt ?? 0) ? recent : c.lastReadAt;
      return { ...c, lastReadAt, connected: this.connected(c.id) };
    });
    return { clients, readers: clients.filter((c) => c.connected).length };
  }

  /** Serves one request under /v1/mood; `port` is the server's, for the Origin check. */
  async handle(req: IncomingMessage, res: ServerResponse, port: number): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const scope = ROUTES[url.pathname];
    if (scope === undefined) return replyJson(res, 404, { error: 'not found' });
    if (req.method !== 'GET') return replyJson(res, 405, { error: 'use GET' }, { Allow: 'GET' });
    // Browsers send Origin on cross-site requests: a web page must not read the mood, even with a token.
    if (req.headers.origin !== undefined && !originAllowed(req, port)) {
      return replyJson(res, 403, { error: 'web pages may not read the mood' });
    }
    const state = await this.cache.get();
    if (!state) return replyJson(res, 503, { error: 'Attune is starting; try again shortly' }, { 'Retry-After': '1' });
    if (!state.enabled) return replyJson(res, 403, { error: "the mood feed is turned off in Attune's settings" });
    const client = await this.cache.client(bearer(req));
    if (client === null || client === 'unavailable') {
      return replyJson(
        res,
        401,
        { error: "send Authorization: Bearer <token> with this app's token from Attune's settings" },
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    if (!client.scopes.includes(scope)) return replyJson(res, 403, { error: `this app may not read ${scope}` });
    const admitted = this.bucket(client.id).take(1);
    if (!admitted.ok) {
      const seconds = String(Math.max(1, Math.ceil(admitted.retryAfterMs / 1000)));
      return replyJson(res, 429, { error: 'too many requests; slow down' }, { 'Retry-After': seconds });
    }
    if (scope === 'stream' && this.hub.openStreams(client.id) >= (this.deps.maxStreamsPerClient ?? 4)) {
      return replyJson(res, 429, { error: 'too many open streams for this app' }, { 'Retry-After': '5' });
    }
    this.noteRead(client.id);
    if (scope === 'stream') return this.stream(client.id, req, res);
    if (this.paused) return replyJson(res, 200, { paused: true });
    if (scope === 'now') return replyRaw(res, 200, this.latestJson);
    return this.history(url.searchParams, res);
  }

  close(): void {
    this.flush();
    this.stopSweep();
    this.hub.close();
  }

  private stream(clientId: number, req: IncomingMessage, res: ServerResponse): void {
    const lastEventId = req.headers['last-event-id'];
    const stop = this.hub.open(clientId, res, typeof lastEventId === 'string' ? lastEventId : undefined);
    res.on('close', () => {
      stop();
      // Still "reading" for the reader window after the stream ends, like a polling client.
      this.noteRead(clientId);
      this.checkReaders();
    });
    this.checkReaders();
  }

  private async history(search: URLSearchParams, res: ServerResponse): Promise<void> {
    const query = parseHistoryQuery(search, this.timers.now());
    if (!query.ok) return replyJson(res, 400, { error: query.error });
    const { from, to, resolution } = query;
    const answer = await this.deps.history({ from, to }, resolution);
    if (!answer.ok)
      return replyJson(res, answer.error.kind === 'bad-input' ? 400 : 503, { error: answer.error.message });
    replyJson(res, 200, { from, to, resolution, points: answer.value });
  }

  private connected(id: number): boolean {
    const last = this.reads.get(id);
    return this.hub.openStreams(id) > 0 || (last !== undefined && this.timers.now() - last < READER_WINDOW_MS);
  }

  private noteRead(id: number): void {
    const wasConnected = this.connected(id);
    const t = this.timers.now();
    this.reads.set(id, t);
    this.unsaved.set(id, t);
    if (!wasConnected) this.checkReaders();
  }

  private bucket(id: number): TokenBucket {
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = new TokenBucket(() => this.timers.now(), { perSecond: 20, burst: 40, ...this.deps.rate });
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  private flush(): void {
    if (this.unsaved.size === 0) return;
    const reads = [...this.unsaved].map(([id, t]) => ({ id, t }));
    this.unsaved.clear();
    // A failed write (engine restarting) is not retried: the next read of that client writes a newer time.
    void this.deps.markRead(reads);
  }

  private checkReaders(): void {
    const readers = this.readers();
    if (readers === this.lastReaders) return;
    this.lastReaders = readers;
    this.deps.onReaders?.(readers);
  }
}
