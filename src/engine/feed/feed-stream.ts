/**
 * The Server-Sent Events side of the mood feed. One sequence of events is written to every open stream: a
 * `mood` event as soon as the shown label changes and at most one a second otherwise (the latest mood, sent
 * when the second is up), a `paused` event when the person pauses. The last events are kept so a client that
 * reconnects with `Last-Event-ID` gets what it missed; one that missed more gets the latest state.
 * Time and timers are injected, so tests live through minutes in milliseconds.
 */
import type { ServerResponse } from 'node:http';
import type { FeedMood } from '../../shared/feed';
import { SECURITY_HEADERS } from '../net/security-headers';

/** Least time between two events of the same label, ms. */
export const MIN_EVENT_GAP_MS = 1_000;
/** A comment line this often keeps idle connections (and the proxies of odd setups) open, ms. */
export const KEEP_ALIVE_MS = 15_000;
/** Events kept for Last-Event-ID resume (about two minutes at one a second). */
export const REPLAY_EVENTS = 128;

export interface StreamTimers {
  now(): number;
  /** Calls `fn` once after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Calls `fn` every `ms`; returns a cancel function. */
  every(ms: number, fn: () => void): () => void;
}

/** Real timers that never keep the process alive on their own. */
export const systemTimers: StreamTimers = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
  every: (ms, fn) => {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** What a stream is written to: a ServerResponse, or a fake in tests. */
export type StreamSink = Pick<ServerResponse, 'write' | 'end' | 'writeHead'>;

interface Frame {
  id: number;
  text: string;
}

interface Stream {
  clientId: number;
  sink: StreamSink;
}

export class MoodStreamHub {
  private readonly streams = new Set<Stream>();
  private readonly frames: Frame[] = [];
  private seq = 0;
  private latest: FeedMood | null = null;
  private lastSent: { label: string; at: number } | null = null;
  private pending: (() => void) | null = null;
  private paused = false;
  private readonly stopKeepAlive: () => void;

  constructor(private readonly timers: StreamTimers = systemTimers) {
    this.stopKeepAlive = timers.every(KEEP_ALIVE_MS, () => this.writeAll(': keep-alive\n\n'));
  }

  /** Open streams, per client id. */
  openStreams(clientId: number): number {
    let n = 0;
    for (const s of this.streams) if (s.clientId === clientId) n++;
    return n;
  }

  get size(): number {
    return this.streams.size;
  }

  /** A new fused mood from the engine. */
  publish(mood: FeedMood): void {
    this.latest = mood;
    if (this.paused) return;
    const now = this.timers.now();
    const last = this.lastSent;
    if (last === null || last.label !== mood.label || now - last.at >= MIN_EVENT_GAP_MS) this.sendLatest();
    else this.pending ??= this.timers.after(last.at + MIN_EVENT_GAP_MS - now, () => this.sendLatest());
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.cancelPending();
    // After a pause the first mood goes out at once, whatever its label.
    this.lastSent = null;
    if (paused) this.push('paused', '{"paused":true}');
  }

  /**
   * Starts a stream: headers, then the events after `lastEventId` when they are still kept, else the latest
   * state (the last event, or nothing before the first mood).
   */
  open(clientId: number, sink: StreamSink, lastEventId: string | undefined): () => void {
    sink.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    sink.write(`retry: 2000\n\n`);
    for (const frame of this.replay(lastEventId)) sink.write(frame.text);
    const stream: Stream = { clientId, sink };
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  /** Ends every stream of one client (revoked, or lost the stream scope), or of all when `clientId` is null. */
  endStreams(clientId: number | null): void {
    for (const s of [...this.streams]) {
      if (clientId === null || s.clientId === clientId) {
        this.streams.delete(s);
        s.sink.end();
      }
    }
  }

  close(): void {
    this.cancelPending();
    this.stopKeepAlive();
    this.endStreams(null);
  }

  private replay(lastEventId: string | undefined): Frame[] {
    const last = this.frames[this.frames.length - 1];
    if (!last) return [];
    const id = lastEventId !== undefined && /^\d+$/.test(lastEventId) ? Number(lastEventId) : null;
    const oldest = this.frames[0]?.id ?? 0;
    // Known and still kept: what was missed (maybe nothing). Unknown (another run of Attune, too old): the latest.
    if (id !== null && id >= oldest - 1 && id <= last.id) return this.frames.filter((f) => f.id > id);
    return [last];
  }

  private sendLatest(): void {
    this.cancelPending();
    const mood = this.latest;
    if (!mood || this.paused) return;
    this.lastSent = { label: mood.label, at: this.timers.now() };
    this.push('mood', JSON.stringify(mood));
  }

  private push(event: string, data: string): void {
    const id = ++this.seq;
    const frame = { id, text: `id: ${id}\nevent: ${event}\ndata: ${data}\n\n` };
    this.frames.push(frame);
    if (this.frames.length > REPLAY_EVENTS) this.frames.shift();
    this.writeAll(frame.text);
  }

  private writeAll(text: string): void {
    for (const s of this.streams) s.sink.write(text);
  }

  private cancelPending(): void {
    this.pending?.();
    this.pending = null;
  }
}
