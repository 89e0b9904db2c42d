/**
 * The app's implementation of the renderer contract, shared by Electron main and the headless host.
 * It keeps the status the dashboard shows and forwards data requests to the engine.
 */
import type { ApiHandlers, AttuneEvents, CaptureTarget, TimeRange } from './api';
import { AttuneError, type Envelope } from './envelope';
import type { EngineApi, EngineEvent, EngineMethod } from './engine-protocol';
import type { LifecycleInfo } from './engine-lifecycle';
import type { AppStatus, CameraState, EngineState, LiveMood, MoodSample, SampleSource } from './mood';

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

  /** Called by the lifecycle's onState. */
  engineStateChanged(state: EngineState, info: LifecycleInfo): void {
    this.update({
      engine: state,
      modelLoadMs: info.modelLoadMs ?? this.status.modelLoadMs,
      problem: state === 'ready' ? null : (info.problem ?? null),
    });
    if (state === 'ready' && this.status.paused) void this.deps.engine.request('setPaused', true);
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
      case 'camera':
        this.update({ camera: event.payload });
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
