/**
 * Messages between the app (Electron main or the headless host) and the engine process,
 * and between the capture page and the engine. Tagged unions; every message carries a sequence number.
 */
import type { AttuneApi, TimeRange } from './api';
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

/**
 * Engine requests the renderer contract already words: same name, arguments and result as in AttuneApi, so they
 * are declared once, there. The app forwards most of them unchanged (engine-forwards.ts).
 */
export type SharedMethod =
  | 'getSamples'
  | 'getLiveMood'
  | 'checkIn'
  | 'getCheckIns'
  | 'getTextSettings'
  | 'setStoreText'
  | 'getPromptSettings'
  | 'setPromptSettings'
  | 'getPrompts'
  | 'answerPrompt'
  | 'correctMood'
  | 'getPersonal'
  | 'resetPersonal'
  | 'startExpressionStep'
  | 'cancelExpressionStep'
  | 'getDayHistory'
  | 'getTrends'
  | 'getHeatmap'
  | 'explainAt'
  | 'deleteHistory'
  | 'getRetention'
  | 'setRetention'
  | 'getSensorSettings'
  | 'setSensorSettings'
  | 'getFirstRun'
  | 'completeFirstRun';

/** Requests the app can make of the engine; answered with a `response`. */
export interface EngineApi extends Pick<AttuneApi, SharedMethod> {
  setPaused(paused: boolean): void;
  setCamera(state: CameraState): void;
  countSamples(): number;
  /** Classifies one text and stores its reading as a 'text' sample (the text itself only if `storeText`). */
  addText(input: TextInput): MoodSample;
  /** Classifies texts and stores them in one transaction: all or none. Returns how many were stored. */
  addTexts(inputs: TextInput[]): number;
  /** The local text endpoint's token (created on first use) and switch. */
  getIngestSettings(): IngestSettings;
  setIngestEnabled(enabled: boolean): IngestSettings;
  /** What the desktop tells about the person's situation (lock, idle, meeting, full screen). */
  setEnvironment(environment: Environment): void;
  /** Test clock only (see EngineConfig.testClock): moves the engine's time forward by `ms`. */
  advanceClock(ms: number): number;
  /**
   * Streams the history of `range` (everything when undefined) as CSV or JSON into the file at `path` (absolute),
   * created or replaced with user-only permissions (0600). Electron's main calls it after its save dialog; the
   * headless host into a private temporary folder it then serves once. Answers the bytes written.
   */
  writeExport(format: ExportFormat, range: TimeRange | undefined, path: string): Promise<{ bytes: number }>;
  /** The mood feed's switch and clients (shared/feed.ts); tokens are never read back. */
  getMoodFeed(): FeedState;
  setMoodFeedEnabled(enabled: boolean): FeedState;
  /** A new client and its token (the only time the token exists outside the client). */
  createFeedClient(request: FeedClientRequest): { client: FeedClientRecord; token: string };
  revokeFeedClient(id: number): FeedState;
  /** For the side serving the feed: the switch and each client's token hash. */
  getFeedAuth(): FeedAuth;
  /** Last-read times, batched by the side serving the feed. */
  markFeedRead(reads: { id: number; t: number }[]): void;
  /** The fused mood's rollups in a range, per minute or quarter-hour. */
  getFeedHistory(range: TimeRange, resolution: FeedResolution): FeedHistoryPoint[];
}

// Compile-time proof that EngineApi keeps every shared method exactly as AttuneApi words it (an interface may
// narrow an inherited method; this refuses that).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Reworded = { [M in SharedMethod]: Same<EngineApi[M], AttuneApi[M]> extends true ? never : M }[SharedMethod];
const sharedMethodsAgree: [Reworded] extends [never] ? true : never = true;
void sharedMethodsAgree;

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
