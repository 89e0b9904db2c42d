/** A headless host with a fake engine that keeps two feed clients, and raw HTTP helpers, for feed tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { get, type Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RateOptions } from '../engine/ingest/ingest-rate';
import { hashToken } from '../engine/feed/feed-token';
import type { FeedAuth } from '../shared/feed';
import type { ToEngine } from '../shared/engine-protocol';
import { FakeEngineChild } from './fake-engine.test-support';
import { startHost, type RunningHost } from './host';
import { readAnswer, type Posted } from './ingest.test-support';

/** Client 1 may read everything; client 2 only /v1/mood. */
export const FEED_TOKEN = 'feed-token-for-tests-0123456789abcdefghijk';
export const NOW_ONLY_TOKEN = 'feed-token-now-only-0123456789abcdefghijk';

export function feedAuth(enabled = true): FeedAuth {
  const client = (id: number, token: string, scopes: FeedAuth['clients'][number]['scopes']) => ({
    id,
    name: `App ${id}`,
    scopes,
    createdAt: 0,
    lastReadAt: null,
    tokenHash: hashToken(token),
  });
  return {
    enabled,
    clients: [client(1, FEED_TOKEN, ['now', 'stream', 'history']), client(2, NOW_ONLY_TOKEN, ['now'])],
  };
}

export interface FeedHost {
  host: RunningHost;
  engine: FakeEngineChild;
  /** The fake engine's answers: change `getFeedAuth` and call host.service's revoke to see it applied. */
  answers: Record<string, unknown>;
  requests: (method: string) => ToEngine[];
}

export async function startFeedHost(options: { enabled?: boolean; rate?: RateOptions } = {}): Promise<FeedHost> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'attune-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Attune</title>');
  const answers: Record<string, unknown> = {
    getFeedAuth: feedAuth(options.enabled ?? true),
    markFeedRead: null,
    getFeedHistory: () => [{ t: 0, n: 60, label: 'happy', valence: 0.5, arousal: 0.1, confidence: 0.8 }],
    removeFeedClient: () => ({ enabled: true, clients: [] }),
    getFeedState: () => ({
      enabled: true,
      clients: feedAuth().clients.map(({ tokenHash: _hash, ...client }) => client),
    }),
    setFeedSwitch: (enabled: boolean) => ({ enabled, clients: [] }),
  };
  const engine = new FakeEngineChild(answers);
  const host = await startHost({
    rendererDir,
    modelsDir: '/models',
    dbFile: ':memory:',
    spawnEngine: () => engine,
    log: () => undefined,
    ...(options.rate ? { feedRate: options.rate } : {}),
  });
  const requests = (method: string) => engine.received.filter((m) => m.type === 'request' && m.method === method);
  return { host, engine, answers, requests };
}

/** A feed answer: the same shape as an ingest one. */
export type Got = Posted;

export function getFeed(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  options: { method?: string; agent?: Agent; host?: string } = {},
): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = get(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}`, ...headers },
        agent: options.agent,
      },
      readAnswer(resolve),
    );
    req.on('error', reject);
  });
}

/** An open event stream: its events as they arrive, and a way to wait for the n-th. */
export function openStream(
  port: number,
  token: string,
  lastEventId?: string,
): Promise<{
  status: number;
  events: { id: string; event: string; data: string }[];
  next: (count: number) => Promise<void>;
  ended: Promise<void>;
  close: () => void;
}> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const req = get({ host: '127.0.0.1', port, path: '/v1/mood/stream', headers }, (res) => {
      const events: { id: string; event: string; data: string }[] = [];
      const waiters: { count: number; resolve: () => void }[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => !l.startsWith(':') && l.includes(': '))
              .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
          ) as Record<string, string>;
          if (fields.data !== undefined) {
            events.push({ id: fields.id ?? '', event: fields.event ?? 'message', data: fields.data });
          }
          end = buffer.indexOf('\n\n');
        }
        for (const w of waiters.filter((w) => events.length >= w.count)) w.resolve();
      });
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      resolve({
        status: res.statusCode ?? 0,
        events,
        next: (count) =>
          events.length >= count ? Promise.resolve() : new Promise((done) => waiters.push({ count, resolve: done })),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
