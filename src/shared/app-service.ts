/**
 * The app's implementation of the renderer contract, shared by Electron main and the headless host.
 * It keeps the status the dashboard shows and forwards data requests to the engine.
 */
import type { ApiHandlers, AttuneEvents, CaptureTarget, TimeRange } from './api';
import { AttuneError, ok, type Envelope } from './envelope';
import type { EngineApi, EngineEvent, EngineMethod, IngestSettings } from './engine-protocol';
import type { LifecycleInfo } from './engine-lifecycle';
import type { AppStatus, CameraState, EngineState, LiveMood, MoodSample, SampleSource } from './mood';
import type { Emotion } from './labels';
import {
  QUIET_ENVIRONMENT,
  type BaselineInfo,
  type BreakPrompt,
  type CalibrationState,
  type Environment,
  type PromptAction,
  type PromptSettings,
} from './prompts';
import type { CheckIn, CheckInRequest, IngestInfo, TextSettings } from './text-input';
import type { RetentionSettings } from './history';
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

/** What the service needs of the engine lifecycle. */
export interface EngineRequester {
  request<M extends EngineMethod>(
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): Promise<Envelope<Awaited<ReturnType<EngineApi[M]>>>>;
}

export interface AppServiceDeps {
  engine: EngineRequester;
  /** Where capture pages should send frames right now. */
  captureTarget: () => CaptureTarget;
  /** Pushes an event to every open page. */
  emit: <E extends keyof AttuneEvents>(event: E, payload: AttuneEvents[E]) => void;
  /** Told when the user pauses or resumes (tray icon, capture window). */
  onPausedChange?: (paused: boolean) => void;
  /** Told of every new or changed prompt (Electron shows its prompt window). */
  onPrompt?: (prompt: BreakPrompt) => void;
  /** Address of the local text endpoint; absent where this app does not serve one (Electron, for now). */
  ingestUrl?: () => string | null;
  /**
   * Electron: asks where to save (a dialog) and has the engine write the file there (`writeExport`).
   * Takes precedence over `downloadExport`.
   */
  saveExport?: (format: ExportFormat, range: TimeRange | undefined) => Promise<ExportTarget>;
  /** The headless host: a one-time download address on its loopback server. */
  downloadExport?: (format: ExportFormat, range: TimeRange | undefined) => ExportTarget;
  /** Desktop-only settings (start at login); without it get/setDesktopSettings answer null. */
  desktop?: {
    get(): DesktopSettings | Promise<DesktopSettings>;
    set(patch: Partial<DesktopSettings>): DesktopSettings | Promise<DesktopSettings>;
  };
}

export class AppService implements ApiHandlers {
  private status: AppStatus = {
    engine: 'stopped',
    paused: false,
    camera: 'off',
    modelLoadMs: null,
    lastFrameAt: null,
    problem: null,
  };

  /** The endpoint's token and switch, cached: the endpoint asks on every request. */
  private ingest: IngestSettings | null = null;
  /** Re-sent to a restarted engine, like the pause state. */
  private environment: Environment = { ...QUIET_ENVIRONMENT };

  constructor(private readonly deps: AppServiceDeps) {}

  getStatus(): AppStatus {
    return { ...this.status };
  }

  async getSamples(range: TimeRange, source?: SampleSource): Promise<MoodSample[]> {
    return unwrap(await this.deps.engine.request('getSamples', range, source));
  }

  async getLiveMood(): Promise<LiveMood | null> {
    return unwrap(await this.deps.engine.request('getLiveMood'));
  }

  async setPaused(paused: boolean): Promise<AppStatus> {
    this.update({ paused, camera: paused ? 'paused' : this.status.camera === 'paused' ? 'off' : this.status.camera });
    this.deps.onPausedChange?.(paused);
    // The engine may be restarting; the state is re-sent when it is ready again.
    await this.deps.engine.request('setPaused', paused);
    return this.getStatus();
  }

  async reportCamera(state: CameraState): Promise<AppStatus> {
    this.update({ camera: this.status.paused && state === 'off' ? 'paused' : state });
    await this.deps.engine.request('setCamera', state);
    return this.getStatus();
  }

  getCaptureTarget(): CaptureTarget {
    return this.deps.captureTarget();
  }

  async checkIn(request: CheckInRequest): Promise<CheckIn> {
    return unwrap(await this.deps.engine.request('checkIn', request));
  }

  async getCheckIns(range: TimeRange): Promise<CheckIn[]> {
    return unwrap(await this.deps.engine.request('getCheckIns', range));
  }

  async getTextSettings(): Promise<TextSettings> {
    return unwrap(await this.deps.engine.request('getTextSettings'));
  }

  async setStoreText(storeText: boolean): Promise<TextSettings> {
    return unwrap(await this.deps.engine.request('setStoreText', storeText));
  }

  async getIngestInfo(): Promise<IngestInfo> {
    const settings = unwrap(await this.ingestSettings());
    return { url: this.deps.ingestUrl?.() ?? null, ...settings };
  }

  async setIngestEnabled(enabled: boolean): Promise<IngestInfo> {
    this.ingest = unwrap(await this.deps.engine.request('setIngestEnabled', enabled));
    return { url: this.deps.ingestUrl?.() ?? null, ...this.ingest };
  }

  async getPromptSettings(): Promise<PromptSettings> {
    return unwrap(await this.deps.engine.request('getPromptSettings'));
  }

  async setPromptSettings(patch: Partial<PromptSettings>): Promise<PromptSettings> {
    return unwrap(await this.deps.engine.request('setPromptSettings', patch));
  }

  async getPrompts(range: TimeRange): Promise<BreakPrompt[]> {
    return unwrap(await this.deps.engine.request('getPrompts', range));
  }

  async answerPrompt(id: number, action: PromptAction, felt?: Emotion): Promise<BreakPrompt> {
    const args: [number, PromptAction, Emotion?] = felt === undefined ? [id, action] : [id, action, felt];
    return unwrap(await this.deps.engine.request('answerPrompt', ...args));
  }

  async correctMood(felt: Emotion): Promise<LiveMood | null> {
    return unwrap(await this.deps.engine.request('correctMood', felt));
  }

  async getBaseline(): Promise<BaselineInfo> {
    return unwrap(await this.deps.engine.request('getBaseline'));
  }

  async resetBaseline(): Promise<BaselineInfo> {
    return unwrap(await this.deps.engine.request('resetBaseline'));
  }

  async startCalibration(): Promise<CalibrationState> {
    return unwrap(await this.deps.engine.request('startCalibration'));
  }

  async cancelCalibration(): Promise<CalibrationState> {
    return unwrap(await this.deps.engine.request('cancelCalibration'));
  }

  async getDayHistory(range: TimeRange): Promise<DayHistory> {
    return unwrap(await this.deps.engine.request('getDayHistory', range));
  }

  async getTrends(range: TimeRange): Promise<Trends> {
    return unwrap(await this.deps.engine.request('getTrends', range));
  }

  async getHeatmap(range: TimeRange): Promise<HeatmapDay[]> {
    return unwrap(await this.deps.engine.request('getHeatmap', range));
  }

  async explainAt(t: number): Promise<Explanation> {
    return unwrap(await this.deps.engine.request('explainAt', t));
  }

  /** A save dialog where there is one (Electron), else a one-time download (the host). */
  async exportHistory(format: ExportFormat, range?: TimeRange): Promise<ExportTarget> {
    // Over JSON an absent range can arrive as null.
    const wanted = range ?? undefined;
    if (this.deps.saveExport) return this.deps.saveExport(format, wanted);
    if (this.deps.downloadExport) return this.deps.downloadExport(format, wanted);
    throw new AttuneError('internal', 'This app cannot export history.');
  }

  async deleteHistory(scope: DeleteScope): Promise<DeleteSummary> {
    return unwrap(await this.deps.engine.request('deleteHistory', scope));
  }

  async getRetention(): Promise<RetentionSettings> {
    return unwrap(await this.deps.engine.request('getRetention'));
  }

  async setRetention(patch: Partial<RetentionSettings>): Promise<RetentionSettings> {
    return unwrap(await this.deps.engine.request('setRetention', patch));
  }

  async getSensorSettings(): Promise<SensorSettings> {
    return unwrap(await this.deps.engine.request('getSensorSettings'));
  }

  /** Every page (the capture page above all) hears the new settings as a 'sensors' event. */
  async setSensorSettings(patch: Partial<SensorSettings>): Promise<SensorSettings> {
    const sensors = unwrap(await this.deps.engine.request('setSensorSettings', patch));
    this.deps.emit('sensors', sensors);
    return sensors;
  }

  async getFirstRun(): Promise<FirstRunState> {
    return unwrap(await this.deps.engine.request('getFirstRun'));
  }

  async completeFirstRun(sensors: Pick<SensorSettings, 'camera' | 'microphone'>): Promise<FirstRunState> {
    const state = unwrap(await this.deps.engine.request('completeFirstRun', sensors));
    this.deps.emit('sensors', unwrap(await this.deps.engine.request('getSensorSettings')));
    return state;
  }

  async getDesktopSettings(): Promise<DesktopSettings | null> {
    return this.deps.desktop ? this.deps.desktop.get() : null;
  }

  async setDesktopSettings(patch: Partial<DesktopSettings>): Promise<DesktopSettings | null> {
    return this.deps.desktop ? this.deps.desktop.set(patch) : null;
  }

  /** From main's platform watchers (not part of the renderer contract): lock, idle, meeting, full screen. */
  setEnvironment(environment: Environment): void {
    this.environment = { ...environment };
    void this.deps.engine.request('setEnvironment', this.environment);
  }

  /** For the text endpoint (not part of the renderer contract): the token and switch, from the cache. */
  async ingestSettings(): Promise<Envelope<IngestSettings>> {
    if (this.ingest) return ok(this.ingest);
    const answer = await this.deps.engine.request('getIngestSettings');
    if (answer.ok) this.ingest = answer.value;
    return answer;
  }

  /** Called by the lifecycle's onState. */
  engineStateChanged(state: EngineState, info: LifecycleInfo): void {
    if (state !== 'ready') this.ingest = null;
    this.update({
      engine: state,
      modelLoadMs: info.modelLoadMs ?? this.status.modelLoadMs,
      problem: state === 'ready' ? null : (info.problem ?? null),
    });
    if (state === 'ready' && this.status.paused) void this.deps.engine.request('setPaused', true);
    if (state === 'ready') void this.deps.engine.request('setEnvironment', this.environment);
  }

  /** Called by the lifecycle's onEvent. */
  engineEvent(event: EngineEvent): void {
    switch (event.name) {
      case 'mood':
        this.deps.emit('mood', event.payload);
        return;
      case 'face':
        this.status.lastFrameAt = event.payload.t;
        this.deps.emit('face', event.payload);
        return;
      case 'voice':
        this.deps.emit('voice', event.payload);
        return;
      case 'camera':
        this.update({ camera: event.payload });
        return;
      case 'prompt':
        this.deps.emit('prompt', event.payload);
        this.deps.onPrompt?.(event.payload);
        return;
      case 'calibration':
        this.deps.emit('calibration', event.payload);
        return;
    }
  }

  private update(patch: Partial<AppStatus>): void {
    this.status = { ...this.status, ...patch };
    this.deps.emit('status', this.getStatus());
  }
}

function unwrap<T>(result: Envelope<T>): T {
  if (result.ok) return result.value;
  throw new AttuneError(result.error.kind, result.error.message);
}
