/**
 * The engine process: Electron utility process or a Node child of the headless host. Plain Node:
 * it never imports electron. It waits for `init`, loads the models and the store, then serves.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OffsetClock, systemClock, type Clock } from '../../shared/clock';
import { envelop, toFailure } from '../../shared/envelope';
import type { EngineApi, EngineConfig, LogLevel } from '../../shared/engine-protocol';
import type { CaptureInput } from '../capture/capture-input';
import { fromPortMessage } from '../capture/capture-input';
import { openCaptureSocket, type CaptureSocket } from '../capture/capture-socket';
import { startIngestServer } from '../ingest/ingest-server';
import { MoodFeed } from '../feed/mood-feed';
import { connectToParent } from './parent-link';
import { assembleEngine } from './assemble';
import type { Engine } from '../core/engine';
import { engineApi } from './engine-routes';
import { handleRequest } from './request-handler';
import { openDatabase } from '../store/open-database';
import { TextClassifier } from '../text/text-classifier';
import { FacePipeline } from '../vision/face-pipeline';
import { VoicePipeline } from '../voice/voice-pipeline';

const link = connectToParent();
let seq = 0;
const next = (): number => ++seq;
const log = (level: LogLevel, message: string): void => link.send({ type: 'log', seq: next(), level, message });

let engine: Engine | null = null;
/** What requests are answered from: the engine and the services it routes to. */
let api: EngineApi | null = null;
let closeAll: () => Promise<void> = () => Promise.resolve();
/** The mood feed, served beside the text endpoint where the engine serves that (Electron). */
let feed: MoodFeed | null = null;
/** Requests after which the feed's cached token hashes are stale. */
const FEED_CHANGES: ReadonlySet<string> = new Set(['setMoodFeedEnabled', 'createFeedClient', 'revokeFeedClient']);
/** Prompts, outcomes and the 1 Hz history are decided on this beat, ms. */
const TICK_MS = 1_000;

function onCapture(input: CaptureInput): void {
  if (input.kind === 'frame') engine?.submitFrame(input.frame);
  else if (input.kind === 'audio') engine?.submitAudio(input.audio);
  else if (input.kind === 'camera') engine?.setCamera(input.state);
  else log('warn', `capture message ignored: ${input.reason}`);
}

async function init(config: EngineConfig): Promise<void> {
  const started = performance.now();
  const db = openDatabase(config.dbFile, config.sqliteBinding ? { nativeBinding: config.sqliteBinding } : {});
  const analyzer = await FacePipeline.load({ modelsDir: config.modelsDir, threads: config.threads });
  const classifier = TextClassifier.load(join(config.modelsDir, 'text-emotion.json'));
  const voice = await loadVoice(config);
  const modelLoadMs = performance.now() - started;
  const clock: Clock = config.testClock ? new OffsetClock() : systemClock;
  engine = assembleEngine({
    db,
    analyzer,
    classifier,
    voice,
    clock,
    emit: (event) => {
      link.send({ type: 'event', seq: next(), ...event });
      if (event.name === 'mood') feed?.observeMood(event.payload);
    },
    log,
    advanceClock: clock instanceof OffsetClock ? (ms) => advanceTestClock(clock, ms) : undefined,
  }).engine;
  api = engineApi(engine);
  const beat = setInterval(() => tick(), TICK_MS);
  let socket: CaptureSocket | null = null;
  if (config.captureSocket) socket = await openCaptureSocket(config.captureSocket, onCapture);
  const current = engine;
  const currentApi = api;
  feed = config.ingestServer
    ? new MoodFeed({
        auth: () => envelop(() => currentApi.getFeedAuth()),
        markRead: (reads) => envelop(() => currentApi.markFeedRead(reads)),
        history: (range, resolution) => envelop(() => currentApi.getFeedHistory(range, resolution)),
        onReaders: (readers) => link.send({ type: 'event', seq: next(), name: 'feed', payload: { readers } }),
      })
    : null;
  const ingest = config.ingestServer
    ? await startIngestServer({
        settings: () => envelop(() => currentApi.getIngestSettings()),
        store: (messages) => envelop(() => current.addTexts(messages)),
        feed: feed ?? undefined,
      })
    : null;
  closeAll = async () => {
    clearInterval(beat);
    await current.whenIdle();
    feed?.close();
    await ingest?.close();
    await socket?.close();
    await analyzer.release();
    await voice?.release();
    db.close();
  };
  log('info', `models loaded in ${modelLoadMs.toFixed(0)} ms`);
  link.send({
    type: 'ready',
    seq: next(),
    modelLoadMs,
    capturePort: socket?.port ?? null,
    ingestPort: ingest?.port ?? null,
  });
}

function tick(announceMood = true): void {
  try {
    engine?.tick(announceMood);
  } catch (err) {
    // A failed beat (a full disk, say) must not stop the engine: the next one tries again.
    log('warn', `tick failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Lives through `ms` of test-clock time a second at a time, so every beat of it is decided as if lived. */
function advanceTestClock(clock: OffsetClock, ms: number): number {
  for (let left = ms; left > 0; left -= TICK_MS) {
    clock.skip(Math.min(TICK_MS, left));
    tick(left <= TICK_MS);
  }
  return clock.now();
}

/** The voice model is optional: without it the face and text paths still work, and audio is dropped. */
async function loadVoice(config: EngineConfig): Promise<VoicePipeline | null> {
  try {
    return await VoicePipeline.load({ modelsDir: config.modelsDir, threads: config.threads });
  } catch (err) {
    log(
      'warn',
      `voice model not loaded, continuing without voice: ${err instanceof Error ? err.message : String(err)}`,
    );
    return null;
  }
}

let closing: Promise<void> | null = null;

/** Closes the capture socket, the models and the database once, then exits 0. */
function shutdown(why: string): void {
  // Whatever hangs (an analysis that never returns), the process still goes.
  setTimeout(() => process.exit(0), 5_000).unref();
  closing ??= closeAll()
    .catch((err: unknown) => log('error', `shutdown (${why}): ${String(err)}`))
    .finally(() => process.exit(0));
}

function fatal(err: unknown, code: number): void {
  const failure = toFailure(err);
  if (!failure.ok) link.send({ type: 'fatal', seq: next(), error: failure.error });
  // Let the message flush before exiting; the lifecycle restarts us with back-off.
  setTimeout(() => process.exit(code), 50);
}

link.onMessage((message) => {
  switch (message.type) {
    case 'init':
      init(message.config).catch((err: unknown) => fatal(err, 2));
      return;
    case 'request':
      void handleRequest(api, message).then((result) => {
        link.send({ type: 'response', seq: next(), replyTo: message.seq, result });
        // The feed follows the pause and the person's changes to its clients.
        if (message.method === 'setPaused') feed?.setPaused(message.args[0]);
        else if (FEED_CHANGES.has(message.method)) void feed?.invalidate();
      });
      return;
    case 'shutdown':
      shutdown('requested');
      return;
  }
});

link.onCapturePort((port) => {
  port.on('message', (event) => onCapture(fromPortMessage(event.data)));
  port.start();
});

process.on('uncaughtException', (err) => fatal(err, 1));
process.on('unhandledRejection', (err) => fatal(err, 1));
// A forked engine whose host died must not linger; it closes the database first, as a shutdown would.
process.on('disconnect', () => shutdown('host gone'));
// Ctrl+C in a terminal signals the whole foreground process group, the engine included. The host (or Electron's
// main) stops the engine itself with `shutdown`, after its own clean-up; dying here first would skip closing
// the database (SQLite then replays the WAL at the next start). SIGTERM sent to the engine alone closes cleanly.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => shutdown('SIGTERM'));
