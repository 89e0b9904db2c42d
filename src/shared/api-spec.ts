/**
 * The renderer ↔ app contract, written once: per method who answers it, its argument schema and its signature.
 * `engine`: the engine answers a request of the same name and signature and the app passes it on
 * (src/app/engine-forwards.ts; AppService adds to a few of them, e.g. telling every page new sensor settings).
 * `app`: the app answers it itself (src/app/app-service.ts). Everything else is derived from here: the method
 * list and channel names (api.ts), argument validation (src/app/api-dispatch.ts), the preload object, the host
 * client, the engine's requests (engine-protocol.ts) and the handler maps tests build (api-fixtures.ts).
 */
import * as v from 'valibot';
import * as s from './api-schemas';
import { method } from './spec';
import type { AppStatus, CameraState, LiveMood, MoodSample, SampleSource } from './mood';
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
import type { CreatedFeedClient, FeedClientRequest, MoodFeedInfo } from './feed';
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

/** What is stored on this device now: raw readings by source, and the first and last one's time. */
export interface DataSummary {
  /** Raw readings of every source (older ones are pruned after the retention period). */
  samples: number;
  bySource: Record<SampleSource, number>;
  /** Unix ms of the first and last reading; null when there is none. */
  first: number | null;
  last: number | null;
}

export type CaptureTarget =
  { kind: 'message-port' } | { kind: 'websocket'; url: string } | { kind: 'unavailable'; reason: string };

const none = v.strictTuple([]);
const app = <F extends (...args: never[]) => unknown>(args: v.GenericSchema<unknown, Parameters<F>>) =>
  method<F>()('app', args);
const engine = <F extends (...args: never[]) => unknown>(args: v.GenericSchema<unknown, Parameters<F>>) =>
  method<F>()('engine', args);

export const API_SPEC = {
  getStatus: app<() => AppStatus>(none),
  /** Stored samples in a range, oldest first, optionally of one source. */
  getSamples: engine<(range: TimeRange, source?: SampleSource) => MoodSample[]>(
    v.strictTuple([s.looseRange, v.optional(s.sampleSource)]),
  ),
  /** The latest live mood, or null before any evidence. */
  getLiveMood: engine<() => LiveMood | null>(none),
  setPaused: app<(paused: boolean) => AppStatus>(v.strictTuple([s.bool])),
  /** Pauses for some minutes or until tomorrow (local midnight), then resumes by itself; `setPaused` ends it sooner. */
  pauseFor: app<(span: PauseSpan) => AppStatus>(v.strictTuple([s.pauseSpan])),
  /** The capture page reports what the camera is doing (permission refused, busy…). */
  reportCamera: app<(state: CameraState) => AppStatus>(v.strictTuple([s.cameraState])),
  /** Where the capture page sends frames: a MessagePort handed over by the preload, or the engine's socket. */
  getCaptureTarget: app<() => CaptureTarget>(none),
  /** Stores a check-in: the note's reading by the text model beside the person's own rating. */
  checkIn: engine<(request: CheckInRequest) => CheckIn>(v.strictTuple([s.checkInRequest])),
  /** Check-ins in a range, oldest first (the timeline's markers). */
  getCheckIns: engine<(range: TimeRange) => CheckIn[]>(v.strictTuple([s.looseRange])),
  getTextSettings: engine<() => TextSettings>(none),
  /** Keep check-in notes (true) or only their readings (false, the default). */
  setStoreText: engine<(storeText: boolean) => TextSettings>(v.strictTuple([s.bool])),
  /** The local text endpoint's address, token and switch. */
  getIngestInfo: app<() => IngestInfo>(none),
  /** Switches the local text endpoint on or off (default off). */
  setIngestEnabled: app<(enabled: boolean) => IngestInfo>(v.strictTuple([s.bool])),
  getPromptSettings: engine<() => PromptSettings>(none),
  /** Changes some prompt rules; values outside their limits are refused with `bad-input`. */
  setPromptSettings: engine<(patch: Partial<PromptSettings>) => PromptSettings>(v.strictTuple([s.promptSettingsPatch])),
  /** Prompts shown in a range, oldest first, with their evidence, answer and outcome. */
  getPrompts: engine<(range: TimeRange) => BreakPrompt[]>(v.strictTuple([s.looseRange])),
  /**
   * Records the person's answer to a prompt; `wrong` with `felt` also counts as a correction. The app drops an
   * absent `felt` before passing it on (JSON would turn it into null).
   */
  answerPrompt: engine<(id: number, action: PromptAction, felt?: Emotion) => BreakPrompt>(
    v.strictTuple([s.safeInteger, s.promptAction, v.optional(s.emotion)]),
  ),
  /**
   * "This is wrong, I feel …": the readings of the seconds before teach the personal model, and the answer is the
   * updated mood. Refused with `paused` while sensing is paused (there is nothing to learn from).
   */
  correctMood: engine<(felt: Emotion) => LiveMood | null>(v.strictTuple([s.emotion])),
  /** What the personal model learnt: examples by source and label, what calibration changed, any problem. */
  getPersonal: engine<() => PersonalInfo>(none),
  /** Forgets every calibration step, correction and check-in the personal model learnt from. */
  resetPersonal: engine<() => PersonalInfo>(none),
  /**
   * Starts one step of "Teach Attune your expressions": about 3 s of the face showing `label` (or a sentence said
   * in that tone). Refused with `camera-off`, `microphone-off` or `paused`; it ends as a 'done' or 'failed' (`no-face`, `timed-out`)
   * 'expression' event.
   */
  startExpressionStep: engine<(modality: PersonalModality, label: Emotion) => ExpressionStep>(s.expressionStep),
  cancelExpressionStep: engine<() => ExpressionStep>(none),
  /** A day (or any range) of the fused mood per minute, with prompts, events and check-ins. */
  getDayHistory: engine<(range: TimeRange) => DayHistory>(v.strictTuple([s.dayRange])),
  /** Week and month views: shares and valence by day, by hour of day, and whether breaks helped. */
  getTrends: engine<(range: TimeRange) => Trends>(v.strictTuple([s.trendRange])),
  /** The calendar heatmap: mean valence per local day. */
  getHeatmap: engine<(range: TimeRange) => HeatmapDay[]>(v.strictTuple([s.trendRange])),
  /** What the app sensed around one instant, and why a prompt came then. */
  explainAt: engine<(t: number) => Explanation>(v.strictTuple([s.finite])),
  /** Exports a range (the whole history when absent; null arrives from JSON) as CSV or JSON. */
  exportHistory: app<(format: ExportFormat, range?: TimeRange | null) => ExportTarget>(
    v.strictTuple([s.exportFormat, s.optionalRange]),
  ),
  /** Deletes everything, a day or a range, immediately. */
  deleteHistory: engine<(scope: DeleteScope) => DeleteSummary>(v.strictTuple([s.deleteScope])),
  getRetention: engine<() => RetentionSettings>(none),
  /** What is stored on this device now (Settings shows it). */
  getDataSummary: engine<() => DataSummary>(none),
  setRetention: engine<(patch: Partial<RetentionSettings>) => RetentionSettings>(v.strictTuple([s.retentionPatch])),
  getSensorSettings: engine<() => SensorSettings>(none),
  /** The app also tells every page the new settings (a 'sensors' event). */
  setSensorSettings: engine<(patch: Partial<SensorSettings>) => SensorSettings>(v.strictTuple([s.sensorSettingsPatch])),
  getFirstRun: engine<() => FirstRunState>(none),
  /** Ends the first run with the sensors the person chose (and the app tells every page). */
  completeFirstRun: engine<(sensors: Pick<SensorSettings, 'camera' | 'microphone'>) => FirstRunState>(
    v.strictTuple([s.firstRunSensors]),
  ),
  /** Null where the app is not a desktop app (the headless host). */
  getDesktopSettings: app<() => DesktopSettings | null>(none),
  setDesktopSettings: app<(patch: Partial<DesktopSettings>) => DesktopSettings | null>(
    v.strictTuple([s.desktopSettingsPatch]),
  ),
  /** The local mood feed: its switch, address, clients and who is reading now (shared/feed.ts). */
  getMoodFeed: app<() => MoodFeedInfo>(none),
  /** Switches the mood feed on or off (default off). */
  setMoodFeedEnabled: app<(enabled: boolean) => MoodFeedInfo>(v.strictTuple([s.bool])),
  /** Lets one more app read the mood; the answer holds its token, shown this once. */
  createFeedClient: app<(request: FeedClientRequest) => CreatedFeedClient>(v.strictTuple([s.feedClientRequest])),
  /** Removes an app's access at once (its open streams end). */
  revokeFeedClient: app<(id: number) => MoodFeedInfo>(v.strictTuple([s.safeInteger])),
} as const;
