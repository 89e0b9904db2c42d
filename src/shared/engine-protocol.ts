/**
 * Messages between the app (Electron main or the headless host) and the engine process,
 * and between the capture page and the engine. Tagged unions; every message carries a sequence number.
 */
import * as v from 'valibot';
import { API_SPEC, type ApiMethod, type TimeRange } from './api';
import * as s from './api-schemas';
import { method, ownedBy, pickSpec, type Signatures } from './spec';
import type { AudioMessage } from './audio-protocol';
import type { AppError, Envelope } from './envelope';
import type { CameraState, FaceObservation, LiveMood, MoodSample, VoiceReading } from './mood';
import type { HealthProblem } from './health';
import type { ExpressionStep, PersonalInfo } from './personal-info';
import type { BreakPrompt, Environment } from './prompts';
import type { TextInput } from './text-input';
import type { ExportFormat } from './history-api';
import type {
  FeedAuth,
  FeedClientRecord,
  FeedClientRequest,
  FeedHistoryPoint,
  FeedReaders,
  FeedResolution,
  FeedState,
} from './feed';

export interface EngineConfig {
  /** Folder holding the ONNX files and manifest.json. */
  modelsDir: string;
  /** SQLite file; created with user-only permissions. `:memory:` for tests. */
  dbFile: string;
  /**
   * Headless host only: the engine opens its own loopback WebSocket for capture frames,
   * so frames never pass through the host's event loop. Electron hands over a MessagePort instead.
   */
  captureSocket: {
    token: string;
    /** Page origins allowed to connect (see openCaptureSocket). */ origins?: string[];
  } | null;
  /** Intra-op threads for ONNX Runtime (default 1: Attune shares the machine with its user). */
  threads: number;
  /**
   * better-sqlite3's native binding built for this runtime. Electron's utility process needs one built for
   * Electron's ABI (`npm start` fetches it); null uses the Node build in node_modules.
   */
  sqliteBinding: string | null;
  /**
   * Electron only: the engine serves the local text endpoint on a loopback port of its own (main stays out
   * of the data path). The headless host serves it on its page server instead. Default false.
   */
  ingestServer?: boolean;
  /**
   * End-to-end tests only (the headless host sets it when ATTUNE_TEST_CLOCK=1): the engine's clock runs at
   * wall time plus an offset that `advanceClock` moves, so a test can live through a prompt's window and
   * cooldown in seconds. Default false; without it `advanceClock` is refused.
   */
  testClock?: boolean;
}

const none = v.strictTuple([]);
const request = <F extends (...args: never[]) => unknown>(args: v.GenericSchema<unknown, Parameters<F>>) =>
  method<F>()('engine', args);

/**
 * Requests only the app makes of the engine (the renderer contract lacks them). Only setPaused shares a name with
 * a renderer call (AppBuiltOnEngine below); the app builds its feed and ingest calls on getFeedState,
 * setIngestSwitch and the like.
 */
export const ENGINE_ONLY_SPEC = {
  setSensingPaused: request<(paused: boolean) => void>(v.strictTuple([s.bool])),
  setCamera: request<(state: CameraState) => void>(v.strictTuple([s.cameraState])),
  countSamples: request<() => number>(none),
  /** Classifies one text and stores its reading as a 'text' sample (the text itself only if `storeText`). */
  addText: request<(input: TextInput) => MoodSample>(v.strictTuple([s.textInput])),
  /** Classifies texts and stores them in one transaction: all or none. Returns how many were stored. */
  addTexts: request<(inputs: TextInput[]) => number>(v.strictTuple([v.array(s.textInput)])),
  /** The local text endpoint's token (created on first use) and switch. */
  getIngestSettings: request<() => IngestSettings>(none),
  /** Switches the local text endpoint; the app's `setIngestEnabled` adds the endpoint's address. */
  setIngestSwitch: request<(enabled: boolean) => IngestSettings>(v.strictTuple([s.bool])),
  /** What the desktop tells about the person's situation (lock, idle, meeting, full screen). */
  setEnvironment: request<(environment: Environment) => void>(
    v.strictTuple([v.looseObject({ locked: s.bool, idle: s.bool, meeting: s.bool, fullscreen: s.bool })]),
  ),
  /** Test clock only (see EngineConfig.testClock): moves the engine's time forward by `ms`. */
  advanceClock: request<(ms: number) => number>(v.strictTuple([v.pipe(s.finite, v.minValue(0))])),
  /**
   * Streams the history of `range` (everything when absent) as CSV or JSON into the file at `path` (absolute),
   * created or replaced with user-only permissions (0600). Electron's main calls it after its save dialog; the
   * headless host into a private temporary folder it then serves once. Answers the bytes written.
   */
  writeExport: request<
    (format: ExportFormat, range: TimeRange | null | undefined, path: string) => Promise<{ bytes: number }>
  >(v.strictTuple([s.exportFormat, s.optionalRange, v.pipe(v.string(), v.minLength(1))])),
  /** The mood feed's switch and clients (shared/feed.ts); tokens are never read back. */
  getFeedState: request<() => FeedState>(none),
  setFeedSwitch: request<(enabled: boolean) => FeedState>(v.strictTuple([s.bool])),
  /** A new client and its token (the only time the token exists outside the client). */
  addFeedClient: request<(request: FeedClientRequest) => { client: FeedClientRecord; token: string }>(
    v.strictTuple([s.feedClientRequest]),
  ),
  removeFeedClient: request<(id: number) => FeedState>(v.strictTuple([s.safeInteger])),
  /** For the side serving the feed: the switch and each client's token hash. */
  getFeedAuth: request<() => FeedAuth>(none),
  /** Last-read times, batched by the side serving the feed. */
  markFeedRead: request<(reads: { id: number; t: number }[]) => void>(
    v.strictTuple([v.array(v.looseObject({ id: s.safeInteger, t: s.finite }))]),
  ),
  /** The fused mood's rollups in a range, per minute or quarter-hour. */
  getFeedHistory: request<(range: TimeRange, resolution: FeedResolution) => FeedHistoryPoint[]>(
    v.strictTuple([s.range(), v.picklist(['minute', 'quarter'])]),
  ),
} as const;

/** Every request the engine answers: the renderer calls it owns (same name, arguments and result) and its own. */
export const ENGINE_SPEC = {
  ...pickSpec(API_SPEC, ownedBy(API_SPEC, 'engine')),
  ...ENGINE_ONLY_SPEC,
};

/** Requests the app can make of the engine; answered with a `response` (an interface: see AttuneApi). */
export interface EngineApi extends Signatures<typeof ENGINE_SPEC> {}

/**
 * No engine-only request shares a name with a renderer call, so no name means two things on two sides (the app's
 * setPaused answers its status and asks the engine's setSensingPaused, which answers nothing).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type EngineOnly = keyof typeof ENGINE_ONLY_SPEC;
const namesMeanOneThing: Same<Extract<EngineOnly, ApiMethod>, never> = true;
void namesMeanOneThing;

export interface IngestSettings {
  /** 32 random bytes, base64url; made once per install and kept in the settings table. */
  token: string;
  enabled: boolean;
}

export type EngineMethod = keyof EngineApi;

export type EngineRequest = {
  [M in EngineMethod]: { type: 'request'; seq: number; method: M; args: Parameters<EngineApi[M]> };
}[EngineMethod];

export type ToEngine =
  { type: 'init'; seq: number; config: EngineConfig } | EngineRequest | { type: 'shutdown'; seq: number };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type EngineEvent =
  | { name: 'mood'; payload: LiveMood }
  | { name: 'face'; payload: FaceObservation }
  | { name: 'voice'; payload: VoiceReading }
  | { name: 'camera'; payload: CameraState }
  /** Electron's engine serves the mood feed: how many apps read it changed. */
  | { name: 'feed'; payload: FeedReaders }
  | { name: 'prompt'; payload: BreakPrompt }
  | { name: 'expression'; payload: ExpressionStep }
  | { name: 'personal'; payload: PersonalInfo }
  /** What the engine cannot do right now (see HealthProblem); sent at start and whenever it changes. */
  | { name: 'problems'; payload: readonly HealthProblem[] };

export type FromEngine =
  | { type: 'ready'; seq: number; modelLoadMs: number; capturePort: number | null; ingestPort: number | null }
  | { type: 'response'; seq: number; replyTo: number; result: Envelope<unknown> }
  | ({ type: 'event'; seq: number } & EngineEvent)
  | { type: 'log'; seq: number; level: LogLevel; message: string }
  | { type: 'fatal'; seq: number; error: AppError };

/** One camera frame: RGBA pixels, row-major, width × height × 4 bytes. Lives in memory only. */
export interface FrameHeader {
  type: 'frame';
  seq: number;
  /** Unix ms when the frame was captured. */
  t: number;
  width: number;
  height: number;
}

export type CaptureMessage =
  (FrameHeader & { data: ArrayBuffer }) | AudioMessage | { type: 'camera'; seq: number; state: CameraState };

/**
 * Binary layout used where a frame travels as bytes (the host's WebSocket):
 * [u32 little-endian header length][UTF-8 JSON header][pixels].
 */
export function encodeFrame(header: FrameHeader, pixels: Uint8Array | Uint8ClampedArray): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + json.length + pixels.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(pixels, 4 + json.length);
  return out;
}

export function decodeFrame(bytes: Uint8Array): { header: FrameHeader; pixels: Uint8Array } {
  if (bytes.length < 4) throw new RangeError('frame too short');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + headerLength > bytes.length) throw new RangeError('frame header overruns the message');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as unknown;
  if (!isFrameHeader(header)) throw new TypeError('malformed frame header');
  const pixels = bytes.subarray(4 + headerLength);
  if (pixels.length !== header.width * header.height * 4) {
    throw new RangeError(`expected ${header.width * header.height * 4} pixel bytes, got ${pixels.length}`);
  }
  return { header, pixels };
}

const MAX_SIDE = 4096;

function isFrameHeader(v: unknown): v is FrameHeader {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  const side = (n: unknown): boolean => Number.isInteger(n) && (n as number) > 0 && (n as number) <= MAX_SIDE;
  return h.type === 'frame' && Number.isInteger(h.seq) && Number.isFinite(h.t) && side(h.width) && side(h.height);
}
