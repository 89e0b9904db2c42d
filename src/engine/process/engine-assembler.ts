/**
 * What `init` sets running in the engine process: the database, the models, the Engine (assemble.ts), the capture
 * socket, and in Electron the text endpoint and mood feed beside it. EngineProcess (engine-process.ts) speaks the
 * protocol; this does the I/O. Models may be loaded before `init` arrives (`preload`), so a spare engine can
 * have them ready; `init` then uses them if they are for the same folder and thread count.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OffsetClock, systemClock, type Clock } from '../../shared/clock';
import { envelop, type Envelope } from '../../shared/envelope';
import type { EngineConfig, EngineEvent, EngineMethod, EngineRequest, LogLevel } from '../../shared/engine-protocol';
import type { HealthProblem } from '../../shared/health';
import type { CaptureInput } from '../capture/capture-input';
import { openCaptureSocket } from '../capture/capture-socket';
import type { Engine } from '../core/engine';
import type { VoiceAnalyzer } from '../core/ports';
import { MoodFeed } from '../feed/mood-feed';
import { startIngestServer } from '../ingest/ingest-server';
import { EngineHealth } from '../health/engine-health';
import { loadPart, openHistory } from '../health/tolerant-start';
import { TextClassifier } from '../text/text-classifier';
import type { TextAnalyzer } from '../text/text-intake';
import type { FrameAnalyzer } from '../vision/frame-analyzer';
import { FacePipeline } from '../vision/face-pipeline';
import { VoicePipeline } from '../voice/voice-pipeline';
import { assembleEngine } from './assemble';

/** Prompts, outcomes and the 1 Hz history are decided on this beat, ms. */
export const TICK_MS = 1_000;

/** Answers one request from the engine; where the route table lives is the caller's business. */
export type RequestHandler = (request: EngineRequest) => Promise<Envelope<unknown>>;

/** How the process reports what the engine does (it numbers and sends them). */
export interface EngineHooks {
  emit: (event: EngineEvent) => void;
  log: (level: LogLevel, message: string) => void;
}

/** An engine that `init` started: what EngineProcess serves requests, frames and beats from. */
export interface RunningEngine {
  /** From `init` to every model loaded (database opened included), ms. */
  readonly modelLoadMs: number;
  readonly capturePort: number | null;
  readonly ingestPort: number | null;
  handle: RequestHandler;
  /** After the response went out: the feed follows the pause and the person's changes to its clients. */
  answered(request: EngineRequest): void;
  capture(input: CaptureInput): void;
  /** One beat; a failed one is logged, not thrown (the next one tries again). */
  tick(): void;
  /** Waits for the analyses under way, then closes the servers, the models and the database. */
  close(): Promise<void>;
}

/** Anything that starts an engine from `init`'s config: EngineAssembler, or a test's stand-in. */
export interface EngineStarter {
  start(config: EngineConfig, hooks: EngineHooks): Promise<RunningEngine>;
}

/** The models an engine runs (FacePipeline, TextClassifier, VoicePipeline), as the Engine sees them. */
export interface LoadedModels {
  /** Null: the face model did not load; frames are dropped. */
  analyzer: FrameAnalyzer | null;
  /** Null: the text model did not load; text and check-ins answer `model-missing`. */
  classifier: TextAnalyzer | null;
  /** Null: the voice model did not load; audio is dropped. */
  voice: (VoiceAnalyzer & { release(): Promise<void> }) | null;
  /** The models that did not load: shown on the dashboard while the other modalities work (issue 15). */
  problems: HealthProblem[];
}

export interface EngineAssemblerOptions {
  /** Builds the request handler for an assembled Engine (entry.ts: the route table). */
  requests: (engine: Engine) => RequestHandler;
  /** Monotonic ms for `modelLoadMs` (default performance.now). */
  elapsed?: () => number;
  /** Loads the models (default loadModels below). */
  load?: typeof loadModels;
}

/** Requests after which the feed's cached token hashes are stale. */
const FEED_CHANGES: ReadonlySet<EngineMethod> = new Set<EngineMethod>([
  'setFeedSwitch',
  'addFeedClient',
  'removeFeedClient',
]);

export class EngineAssembler implements EngineStarter {
  private preloaded: { key: string; models: Promise<LoadedModels> } | null = null;
  private readonly elapsed: () => number;
  private readonly load: typeof loadModels;

  constructor(private readonly opts: EngineAssemblerOptions) {
    this.elapsed = opts.elapsed ?? (() => performance.now());
    this.load = opts.load ?? loadModels;
  }

  /** Starts loading the models now, before `init`; `start` with the same folder and threads waits on these. */
  preload(modelsDir: string, threads: number, log: EngineHooks['log']): void {
    const models = this.load(modelsDir, threads, log);
    // A failure here is reported by the `init` that awaits it; until then it must not count as unhandled.
    models.catch(() => undefined);
    this.preloaded = { key: modelsKey(modelsDir, threads), models };
  }

  async start(config: EngineConfig, hooks: EngineHooks): Promise<RunningEngine> {
    const started = this.elapsed();
    // What cannot start (the history file, one modality's model) becomes a problem on the dashboard, not a crash
    // that would only restart into the same failure.
    const problems: HealthProblem[] = [];
    const db = openHistory(
      config.dbFile,
      config.sqliteBinding ? { nativeBinding: config.sqliteBinding } : {},
      problems,
    );
    for (const p of problems) hooks.log('warn', `mood history kept in memory only: ${p.detail}`);
    const { analyzer, classifier, voice, problems: modelProblems } = await this.takeModels(config, hooks.log);
    const modelLoadMs = this.elapsed() - started;
    const clock: Clock = config.testClock ? new OffsetClock() : systemClock;
    let feed: MoodFeed | null = null;
    const emit = (event: EngineEvent): void => {
      hooks.emit(event);
      if (event.name === 'mood') feed?.observeMood(event.payload);
    };
    const health = new EngineHealth(emit, hooks.log, [...problems, ...modelProblems]);
    // Before `ready`, so the app knows what is missing from the first status on.
    health.announce();
    const engine = assembleEngine({
      db,
      analyzer,
      classifier,
      voice,
      clock,
      emit,
      health,
      log: hooks.log,
      advanceClock: clock instanceof OffsetClock ? (ms) => advanceTestClock(clock, ms, tick) : undefined,
    }).engine;
    const tick = (announceMood = true): void => {
      try {
        engine.tick(announceMood);
      } catch (err) {
        // A failed beat (a full disk, say) must not stop the engine: the next one tries again.
        hooks.log('warn', `tick failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    const capture = (input: CaptureInput): void => routeCapture(engine, input, hooks.log);
    const socket = config.captureSocket ? await openCaptureSocket(config.captureSocket, capture) : null;
    feed = config.ingestServer
      ? new MoodFeed({
          auth: () => envelop(() => engine.feed().auth()),
          markRead: (reads) => envelop(() => engine.feed().markRead(reads)),
          history: (range, resolution) => envelop(() => engine.feed().historyRange(range, resolution)),
          onReaders: (readers) => hooks.emit({ name: 'feed', payload: { readers } }),
        })
      : null;
    const ingest = config.ingestServer
      ? await startIngestServer({
          settings: () => envelop(() => engine.intake().ingestSettings()),
          store: (messages) => envelop(() => engine.addTexts(messages)),
          feed: feed ?? undefined,
        })
      : null;
    const handle = this.opts.requests(engine);
    return {
      modelLoadMs,
      capturePort: socket?.port ?? null,
      ingestPort: ingest?.port ?? null,
      handle,
      answered: (request) => {
        if (request.method === 'setSensingPaused') feed?.setPaused(request.args[0]);
        else if (FEED_CHANGES.has(request.method)) void feed?.invalidate();
      },
      capture,
      tick: () => tick(),
      close: async () => {
        await engine.whenIdle();
        feed?.close();
        await ingest?.close();
        await socket?.close();
        await analyzer?.release();
        await voice?.release();
        db.close();
      },
    };
  }

  /** The preloaded models if they fit `config`, else fresh ones (a mismatched preload is released). */
  private takeModels(config: EngineConfig, log: EngineHooks['log']): Promise<LoadedModels> {
    const preloaded = this.preloaded;
    this.preloaded = null;
    if (preloaded?.key === modelsKey(config.modelsDir, config.threads)) return preloaded.models;
    if (preloaded) void preloaded.models.then(releaseModels, () => undefined);
    return this.load(config.modelsDir, config.threads, log);
  }
}

/**
 * Each modality's model on its own: one that is missing or damaged leaves that modality off (a problem the
 * dashboard shows) while the others work.
 */
export async function loadModels(modelsDir: string, threads: number, log: EngineHooks['log']): Promise<LoadedModels> {
  const problems: HealthProblem[] = [];
  const analyzer = await loadPart('face', () => FacePipeline.load({ modelsDir, threads }), problems);
  const classifier = await loadPart('text', () => TextClassifier.load(join(modelsDir, 'text-emotion.json')), problems);
  const voice = await loadPart('voice', () => VoicePipeline.load({ modelsDir, threads }), problems);
  for (const p of problems) log('warn', `${p.part} model not loaded, continuing without it: ${p.detail}`);
  return { analyzer, classifier, voice, problems };
}

async function releaseModels(models: LoadedModels): Promise<void> {
  await models.analyzer?.release();
  await models.voice?.release();
}

const modelsKey = (modelsDir: string, threads: number): string => `${threads}\0${modelsDir}`;

/** Frames, audio and camera states go to the engine; anything malformed is logged and dropped. */
export function routeCapture(engine: Engine | null, input: CaptureInput, log: EngineHooks['log']): void {
  if (input.kind === 'frame') engine?.submitFrame(input.frame);
  else if (input.kind === 'audio') engine?.submitAudio(input.audio);
  else if (input.kind === 'camera') engine?.setCamera(input.state);
  else log('warn', `capture message ignored: ${input.reason}`);
}

/** Lives through `ms` of test-clock time a second at a time, so every beat of it is decided as if lived. */
function advanceTestClock(clock: OffsetClock, ms: number, tick: (announceMood: boolean) => void): number {
  for (let left = ms; left > 0; left -= TICK_MS) {
    clock.skip(Math.min(TICK_MS, left));
    tick(left <= TICK_MS);
  }
  return clock.now();
}
