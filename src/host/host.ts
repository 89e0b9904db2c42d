/**
 * The headless host: the engine in a Node child process, the renderer pages on 127.0.0.1 (random port,
 * random token), and the renderer contract over a WebSocket. Same AppService and lifecycle as Electron.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AttuneEvents, CaptureTarget } from '../shared/api';
import { AppService } from '../app/app-service';
import { OffsetClock, systemClock, type Clock } from '../shared/clock';
import { EngineLifecycle, type EngineChild } from '../app/engine-lifecycle';
import type { LogLevel } from '../shared/engine-protocol';
import type { Envelope } from '../shared/envelope';
import { ApiSocket } from './api-socket';
import { ExportDownloads } from './export-downloads';
import { INGEST_PATH } from '../engine/ingest/ingest-route';
import { TokenBucket, type RateOptions } from '../engine/ingest/ingest-rate';
import { forkEngine, forkSpareEngine } from './node-engine';
import { MoodFeed } from '../engine/feed/mood-feed';
import { FEED_PATH } from '../shared/feed';
import { RouteServer } from './route-table';
import { hostRoutes } from './routes';

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
  /**
   * Keep a warm spare engine (models loaded, idle, no database) that takes over within milliseconds when the
   * engine crashes, instead of booting a fresh one (seconds). Costs a second engine's memory. Default true, but
   * false where `spawnEngine` is given (a test's stand-in engine).
   */
  spareEngine?: boolean;
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
    ingestUrl: () => `http://127.0.0.1:${server.port}${INGEST_PATH}`,
    downloadExport: (format, range) => downloads.register(format, range),
    onPausedChange: (paused) => feed.setPaused(paused),
    moodFeed: {
      url: () => `http://127.0.0.1:${server.port}${FEED_PATH}`,
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
    spawnSpare: (options.spareEngine ?? !options.spawnEngine) ? forkSpareEngine : undefined,
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
  // The test clock's route moves the engine's clock and the pause clock together.
  const advanceClock = async (ms: number, pause: OffsetClock): Promise<Envelope<unknown>> => {
    const result = await lifecycle.request('advanceClock', ms);
    if (result.ok) {
      pause.skip(ms);
      service.checkPause();
    }
    return result;
  };
  const apiSocket = new ApiSocket(service.handlers());
  api = apiSocket;
  const server = new RouteServer(
    hostRoutes({
      token,
      rendererDir: options.rendererDir,
      feed,
      ingest: {
        settings: () => service.ingestSettings(),
        store: (messages) => lifecycle.request('addTexts', messages),
        bucket: new TokenBucket(() => clock.now(), options.ingestRate),
      },
      downloads,
      api: apiSocket,
      advanceClock: pauseClock ? (ms) => advanceClock(ms, pauseClock) : undefined,
    }),
    token,
  );

  await server.listen(options.port ?? 0);
  const port = server.port;
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
      apiSocket.close();
      await server.close();
    },
  };
}

export const DEFAULT_RENDERER_DIR = join(import.meta.dirname, '..', '..', 'out', 'renderer');
export const DEFAULT_MODELS_DIR = join(import.meta.dirname, '..', '..', 'resources', 'models');
