/**
 * The headless host: the engine in a Node child process, the renderer pages on 127.0.0.1 (random port,
 * random token), and the renderer contract over a WebSocket. Same AppService and lifecycle as Electron.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AttuneEvents, CaptureTarget } from '../shared/api';
import { AppService } from '../app/app-service';
import { OffsetClock, systemClock, type Clock } from '../shared/clock';
import { EngineLifecycle, type EngineChild } from '../app/engine-lifecycle';
import type { LogLevel } from '../shared/engine-protocol';
import type { TextInput } from '../shared/text-input';
import { ApiSocket } from './api-socket';
import { DOWNLOAD_PREFIX, ExportDownloads } from './export-downloads';
import { handleIngest, INGEST_PATH } from '../engine/ingest/ingest-route';
import { TokenBucket, type RateOptions } from '../engine/ingest/ingest-rate';
import { forkEngine } from './node-engine';
import { isFeedPath, MoodFeed } from '../engine/feed/mood-feed';
import { FEED_PATH } from '../shared/feed';
import {
  authorised,
  hostHeaderAllowed,
  originAllowed,
  peerAllowed,
  queryToken,
  sessionCookie,
} from '../engine/net/request-guards';
import { SECURITY_HEADERS } from '../engine/net/security-headers';
import { serveFile } from './static-files';

export interface HostOptions {
  /** Folder with the built pages (default out/renderer). */
  rendererDir: string;
  modelsDir: string;
  dbFile: string;
  /** TCP port on 127.0.0.1 (default 0: a random free port). */
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
  spawnEngine?: () => EngineChild;
  clock?: Clock;
  log?: (level: LogLevel, message: string) => void;
  /** Rate limit of the text endpoint, messages (default 5 000/s, burst 10 000). */
  ingestRate?: RateOptions;
  /** Rate limit of the mood feed per client, requests (default 20/s, burst 40); the bench lifts it. */
  feedRate?: RateOptions;
  /**
   * End-to-end tests only (ATTUNE_TEST_CLOCK=1 in host/main.ts): the engine runs on a test clock that
   * `POST /test/advance-clock?ms=N` (with the token) moves forward. Default false: the route does not exist.
   */
  testClock?: boolean;
  /** Where exports wait while they are downloaded, each in a private folder (default the OS temp folder). */
  exportTempDir?: string;
}

const ADVANCE_CLOCK_PATH = '/test/advance-clock';

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  service: AppService;
  lifecycle: EngineLifecycle;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((level, message) => console.error(`[${level}] ${message}`));
  let capturePort: number | null = null;
  let api: ApiSocket | null = null;
  const emit = <E extends keyof AttuneEvents>(event: E, payload: AttuneEvents[E]): void =>
    api?.broadcast(event, payload);

  const captureTarget = (): CaptureTarget =>
    capturePort === null
      ? { kind: 'unavailable', reason: 'The analysis engine is not ready yet.' }
      : { kind: 'websocket', url: `ws://127.0.0.1:${capturePort}/capture?token=${encodeURIComponent(token)}` };

  // Serves /v1/mood on this server; its engine calls go through the lifecycle like the service's.
  const feed = new MoodFeed({
    auth: () => lifecycle.request('getFeedAuth'),
    markRead: (reads) => lifecycle.request('markFeedRead', reads),
    history: (range, resolution) => lifecycle.request('getFeedHistory', range, resolution),
    onReaders: (readers) => emit('feed', { readers }),
    rate: options.feedRate,
  });
  const clock = options.clock ?? systemClock;
  // Under the test clock a timed pause follows the engine's time: the advance route moves both.
  const pauseClock = options.testClock ? new OffsetClock(clock) : null;
  // The service reaches the engine through the lifecycle, which reports back to the service.
  const service: AppService = new AppService({
    clock: pauseClock ?? clock,
    engine: { request: (method, ...args) => lifecycle.request(method, ...args) },
    captureTarget,
    emit,
    ingestUrl: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}${INGEST_PATH}`,
    downloadExport: (format, range) => downloads.register(format, range),
    onPausedChange: (paused) => feed.setPaused(paused),
    moodFeed: {
      url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}${FEED_PATH}`,
      invalidate: () => feed.invalidate(),
      describe: (records) => feed.describe(records),
    },
  });
  const downloads = new ExportDownloads({
    writeExport: (format, range, path) => lifecycle.request('writeExport', format, range, path),
    now: () => clock.now(),
    tempRoot: options.exportTempDir,
  });
  // The capture page's origin is known once the server listens (before the engine starts): filled in below.
  const captureSocket = { token, origins: [] as string[] };
  const lifecycle = new EngineLifecycle({
    spawn: options.spawnEngine ?? forkEngine,
    config: {
      modelsDir: options.modelsDir,
      dbFile: options.dbFile,
      captureSocket,
      threads: 1,
      sqliteBinding: null,
      testClock: options.testClock ?? false,
    },
    clock,
    onEvent: (event) => {
      service.engineEvent(event);
      if (event.name === 'mood') feed.observeMood(event.payload);
    },
    onState: (state, info) => {
      capturePort = state === 'ready' ? (info.capturePort ?? null) : null;
      service.engineStateChanged(state, info);
    },
    onLog: (level, message) => log(level, `engine: ${message}`),
  });
  api = new ApiSocket(service.handlers());
  const ingest = {
    settings: () => service.ingestSettings(),
    store: (messages: TextInput[]) => lifecycle.request('addTexts', messages),
    bucket: new TokenBucket(() => clock.now(), options.ingestRate),
  };

  const server = createServer((req, res) => {
    void handleHttp(req, res);
  });
  const handleHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const port = (server.address() as AddressInfo).port;
    if (!peerAllowed(req) || !hostHeaderAllowed(req, port)) {
      res.writeHead(403, SECURITY_HEADERS).end('Forbidden');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (isFeedPath(path)) {
      // A reader that hangs up mid-answer must not take the host down.
      await feed.handle(req, res, port).catch(() => res.destroy());
      return;
    }
    if (path === INGEST_PATH) {
      // A client that hangs up mid-upload must not take the host down.
      await handleIngest(req, res, ingest).catch(() => res.destroy());
      return;
    }
    if (options.testClock && path === ADVANCE_CLOCK_PATH && req.method === 'POST' && authorised(req, token, port)) {
      const ms = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('ms'));
      const result = await lifecycle.request('advanceClock', ms);
      if (result.ok && pauseClock) {
        pauseClock.skip(ms);
        service.checkPause();
      }
      res.writeHead(result.ok ? 200 : 400, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
      res.end(JSON.stringify(result));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end('Method not allowed');
      return;
    }
    if (!authorised(req, token, port)) {
      res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Attune: open the address printed by `npm start` (it carries a private token).');
      return;
    }
    if (path.startsWith(DOWNLOAD_PREFIX)) {
      if (req.method === 'GET') await downloads.serve(path.slice(DOWNLOAD_PREFIX.length), res);
      else res.writeHead(405, SECURITY_HEADERS).end('Method not allowed');
      return;
    }
    // The first visit carries ?token=…; a strict, HttpOnly cookie lets the page load its assets.
    const session = sessionCookie(token, port);
    const cookie: Record<string, string> = queryToken(req)
      ? { 'Set-Cookie': `${session.name}=${session.value}; HttpOnly; SameSite=Strict; Path=/` }
      : {};
    await serveFile(res, options.rendererDir, path, cookie);
  };

  server.on('upgrade', (req, socket, head) => {
    const port = (server.address() as AddressInfo).port;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const ours = path === '/api' && peerAllowed(req) && hostHeaderAllowed(req, port) && originAllowed(req, port);
    if (!ours) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    // Our own page with a stale or wrong token: tell it in a way it can show, then hang up.
    if (!authorised(req, token, port)) api.refuse(req, socket, head);
    else api.upgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  captureSocket.origins.push(`http://127.0.0.1:${port}`, `http://localhost:${port}`);
  lifecycle.start();

  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    service,
    lifecycle,
    close: async () => {
      service.dispose();
      feed.close();
      await lifecycle.stop();
      api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const DEFAULT_RENDERER_DIR = join(import.meta.dirname, '..', '..', 'out', 'renderer');
export const DEFAULT_MODELS_DIR = join(import.meta.dirname, '..', '..', 'resources', 'models');
