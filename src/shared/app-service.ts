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

/** What the service needs of the engine lifecycle. */
export interface EngineRequester {
  request<M extends EngineMethod>(
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): Promise<Envelope<ReturnType<EngineApi[M]>>>;
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
