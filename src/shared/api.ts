/**
 * The renderer ↔ app contract. Written once here; the preload object, the Electron IPC handlers,
 * the host's WebSocket server and the renderer's `api` module all derive from it.
 */
import type { Envelope } from './envelope';
import type { AppStatus, CameraState, FaceObservation, LiveMood, MoodSample, SampleSource, VoiceReading } from './mood';
import type {
  DayHistory,
  DeleteScope,
  DeleteSummary,
  DesktopSettings,
  Explanation,
  ExportFormat,
  ExportTarget,
  FirstRunState,
  HeatmapDay,
  SensorSettings,
  Trends,
} from './history-api';
import type { RetentionSettings } from './history';
import type { CreatedFeedClient, FeedClientRequest, FeedReaders, MoodFeedInfo } from './feed';
import type { Emotion } from './labels';
import type { ExpressionStep, PersonalInfo, PersonalModality } from './personal-info';
import type { BreakPrompt, PromptAction, PromptSettings } from './prompts';
import type { CheckIn, CheckInRequest, IngestInfo, TextSettings } from './text-input';
import type { PauseSpan } from './timed-pause';

export interface TimeRange {
  /** Unix ms, inclusive. */
  from: number;
  /** Unix ms, exclusive. */
  to: number;
}

export interface AttuneApi {
  getStatus(): AppStatus;
  /** Stored samples in a range, oldest first, optionally of one source. */
  getSamples(range: TimeRange, source?: SampleSource): MoodSample[];
  /** The latest live mood, or null before any evidence. */
  getLiveMood(): LiveMood | null;
  setPaused(paused: boolean): AppStatus;
  /** Pauses for some minutes or until tomorrow (local midnight), then resumes by itself; `setPaused` ends it sooner. */
  pauseFor(span: PauseSpan): AppStatus;
  /** The capture page reports what the camera is doing (permission refused, busy…). */
  reportCamera(state: CameraState): AppStatus;
  /** Where the capture page sends frames: a MessagePort handed over by the preload, or the engine's socket. */
  getCaptureTarget(): CaptureTarget;
  /** Stores a check-in: the note's reading by the text model beside the person's own rating. */
  checkIn(request: CheckInRequest): CheckIn;
  /** Check-ins in a range, oldest first (the timeline's markers). */
  getCheckIns(range: TimeRange): CheckIn[];
  getTextSettings(): TextSettings;
  /** Keep check-in notes (true) or only their readings (false, the default). */
  setStoreText(storeText: boolean): TextSettings;
  /** The local text endpoint's address, token and switch. */
  getIngestInfo(): IngestInfo;
  /** Switches the local text endpoint on or off (default off). */
  setIngestEnabled(enabled: boolean): IngestInfo;
  getPromptSettings(): PromptSettings;
  /** Changes some prompt rules; values outside their limits are refused with `bad-input`. */
  setPromptSettings(patch: Partial<PromptSettings>): PromptSettings;
  /** Prompts shown in a range, oldest first, with their evidence, answer and outcome. */
  getPrompts(range: TimeRange): BreakPrompt[];
  /** Records the person's answer to a prompt; `wrong` with `felt` also counts as a correction. */
  answerPrompt(id: number, action: PromptAction, felt?: Emotion): BreakPrompt;
  /**
   * "This is wrong, I feel …": the readings of the seconds before teach the personal model, and the answer is the
   * updated mood. Refused with `paused` while sensing is paused (there is nothing to learn from).
   */
  correctMood(felt: Emotion): LiveMood | null;
  /** What the personal model learnt: examples by source and label, what calibration changed, any problem. */
  getPersonal(): PersonalInfo;
  /** Forgets every calibration step, correction and check-in the personal model learnt from. */
  resetPersonal(): PersonalInfo;
  /**
   * Starts one step of "Teach Attune your expressions": about 3 s of the face showing `label` (or a sentence said
   * in that tone). Refused with `camera-off` or `paused`; it ends as a 'done' or 'failed' (`no-face`, `timed-out`)
   * 'expression' event.
   */
  startExpressionStep(modality: PersonalModality, label: Emotion): ExpressionStep;
  cancelExpressionStep(): ExpressionStep;
  /** A day (or any range) of the fused mood per minute, with prompts, events and check-ins. */
  getDayHistory(range: TimeRange): DayHistory;
  /** Week and month views: shares and valence by day, by hour of day, and whether breaks helped. */
  getTrends(range: TimeRange): Trends;
  /** The calendar heatmap: mean valence per local day. */
  getHeatmap(range: TimeRange): HeatmapDay[];
  /** What the app sensed around one instant, and why a prompt came then. */
  explainAt(t: number): Explanation;
  /** Exports a range (the whole history when absent) as CSV or JSON. */
  exportHistory(format: ExportFormat, range?: TimeRange): ExportTarget;
  /** Deletes everything, a day or a range, immediately. */
  deleteHistory(scope: DeleteScope): DeleteSummary;
  getRetention(): RetentionSettings;
  setRetention(patch: Partial<RetentionSettings>): RetentionSettings;
  getSensorSettings(): SensorSettings;
  setSensorSettings(patch: Partial<SensorSettings>): SensorSettings;
  getFirstRun(): FirstRunState;
  /** Ends the first run with the sensors the person chose. */
  completeFirstRun(sensors: Pick<SensorSettings, 'camera' | 'microphone'>): FirstRunState;
  /** Null where the app is not a desktop app (the headless host). */
  getDesktopSettings(): DesktopSettings | null;
  setDesktopSettings(patch: Partial<DesktopSettings>): DesktopSettings | null;
  /** The local mood feed: its switch, address, clients and who is reading now (shared/feed.ts). */
  getMoodFeed(): MoodFeedInfo;
  /** Switches the mood feed on or off (default off). */
  setMoodFeedEnabled(enabled: boolean): MoodFeedInfo;
  /** Lets one more app read the mood; the answer holds its token, shown this once. */
  createFeedClient(request: FeedClientRequest): CreatedFeedClient;
  /** Removes an app's access at once (its open streams end). */
  revokeFeedClient(id: number): MoodFeedInfo;
}

export type CaptureTarget =
  { kind: 'message-port' } | { kind: 'websocket'; url: string } | { kind: 'unavailable'; reason: string };

/** Pushed from the app to every renderer page. */
export interface AttuneEvents {
  status: AppStatus;
  mood: LiveMood;
  face: FaceObservation;
  voice: VoiceReading;
  /** A new prompt to show, or one that changed (answered, outcome known). */
  prompt: BreakPrompt;
  /** A calibration step started, progressed, finished or failed. */
  expression: ExpressionStep;
  /** The personal model changed (a step kept, a correction learnt, a reset). */
  personal: PersonalInfo;
  /** Sensor settings changed (from settings, the first run or another page). */
  sensors: SensorSettings;
  /** How many apps read the mood feed now changed. */
  feed: FeedReaders;
}

export type ApiMethod = keyof AttuneApi;
export type ApiArgs<M extends ApiMethod> = Parameters<AttuneApi[M]>;
export type ApiResult<M extends ApiMethod> = ReturnType<AttuneApi[M]>;
export type ApiEvent = keyof AttuneEvents;

/** What the renderer holds: every call is async and answers with an envelope. */
export type ApiClient = {
  [M in ApiMethod]: (...args: ApiArgs<M>) => Promise<Envelope<ApiResult<M>>>;
};

/** What the app implements: plain values or promises; thrown errors become envelopes. */
export type ApiHandlers = {
  [M in ApiMethod]: (...args: ApiArgs<M>) => ApiResult<M> | Promise<ApiResult<M>>;
};

export type EventListener<E extends ApiEvent> = (payload: AttuneEvents[E]) => void;

/** The object the preload exposes as `window.attune`, and the host client mirrors. */
export type AttuneBridge = ApiClient & {
  on<E extends ApiEvent>(event: E, listener: EventListener<E>): () => void;
};

export const API_METHODS = [
  'getStatus',
  'getSamples',
  'getLiveMood',
  'setPaused',
  'pauseFor',
  'reportCamera',
  'getCaptureTarget',
  'checkIn',
  'getCheckIns',
  'getTextSettings',
  'setStoreText',
  'getIngestInfo',
  'setIngestEnabled',
  'getPromptSettings',
  'setPromptSettings',
  'getPrompts',
  'answerPrompt',
  'correctMood',
  'getPersonal',
  'resetPersonal',
  'startExpressionStep',
  'cancelExpressionStep',
  'getDayHistory',
  'getTrends',
  'getHeatmap',
  'explainAt',
  'exportHistory',
  'deleteHistory',
  'getRetention',
  'setRetention',
  'getSensorSettings',
  'setSensorSettings',
  'getFirstRun',
  'completeFirstRun',
  'getDesktopSettings',
  'setDesktopSettings',
  'getMoodFeed',
  'setMoodFeedEnabled',
  'createFeedClient',
  'revokeFeedClient',
] as const satisfies readonly ApiMethod[];

export const API_EVENTS = [
  'status',
  'mood',
  'face',
  'voice',
  'prompt',
  'expression',
  'personal',
  'sensors',
  'feed',
] as const satisfies readonly ApiEvent[];

// Compile-time proof that the lists above name every method and event of the interfaces.
type Unlisted<K, L extends readonly unknown[]> = Exclude<K, L[number]>;
const everyMethodListed: [Unlisted<ApiMethod, typeof API_METHODS>] extends [never] ? true : never = true;
const everyEventListed: [Unlisted<ApiEvent, typeof API_EVENTS>] extends [never] ? true : never = true;
void everyMethodListed;
void everyEventListed;

export const apiChannel = (method: ApiMethod): `attune:api:${ApiMethod}` => `attune:api:${method}`;
export const eventChannel = (event: ApiEvent): `attune:event:${ApiEvent}` => `attune:event:${event}`;

export function isApiMethod(value: unknown): value is ApiMethod {
  return typeof value === 'string' && (API_METHODS as readonly string[]).includes(value);
}

export function isApiEvent(value: unknown): value is ApiEvent {
  return typeof value === 'string' && (API_EVENTS as readonly string[]).includes(value);
}

/** The host closes an API socket with this code when its token is missing or wrong. */
export const UNAUTHORIZED_CLOSE_CODE = 4401;

/** Host WebSocket frames (JSON text). */
export type WireRequest = { id: number; method: ApiMethod; args: unknown[] };
export type WireMessage =
  { kind: 'response'; id: number; result: Envelope<unknown> } | { kind: 'event'; event: ApiEvent; payload: unknown };
