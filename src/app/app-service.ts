/**
 * The app's implementation of the renderer contract, shared by Electron main and the headless host.
 * It keeps the status the dashboard shows; calls the engine answers as they are go through engine-forwards.ts.
 */
import {
  API_SPEC,
  type ApiHandlers,
  type AppOwnedMethod,
  type AttuneEvents,
  type CaptureTarget,
  type EngineOwnedMethod,
  type TimeRange,
} from '../shared/api';
import { mapNames, ownedBy } from '../shared/spec';
import { AttuneError, ok, type Envelope } from '../shared/envelope';
import { forwardToEngine, unwrap, type EngineRequester } from './engine-forwards';
import { feedHandlers, type FeedServing } from './feed-handlers';
import type { CreatedFeedClient, FeedClientRequest, MoodFeedInfo } from '../shared/feed';
import type { EngineEvent, IngestSettings } from '../shared/engine-protocol';
import type { LifecycleInfo } from './engine-lifecycle';
import type { AppStatus, CameraState, EngineState } from '../shared/mood';
import type { Emotion } from '../shared/labels';
import { QUIET_ENVIRONMENT, type BreakPrompt, type Environment, type PromptAction } from '../shared/prompts';
import type { IngestInfo } from '../shared/text-input';
import type { DesktopSettings, ExportFormat, ExportTarget, FirstRunState, SensorSettings } from '../shared/history-api';
import { systemClock, type Clock, type TimerHandle } from '../shared/clock';
import { PAUSE_CHECK_MS, pauseDeadline, type PauseSpan } from '../shared/timed-pause';

export type { EngineRequester } from './engine-forwards';

export interface AppServiceDeps {
  engine: EngineRequester;
  /** Where capture pages should send frames right now. */
  captureTarget: () => CaptureTarget;
  /** Pushes an event to every open page. */
  emit: <E extends keyof AttuneEvents>(event: E, payload: AttuneEvents[E]) => void;
  /** Told when the user pauses or resumes (tray icon, capture window). */
  onPausedChange?: (paused: boolean) => void;
  /** Times a timed pause (default the system clock; the host's test clock under end-to-end tests). */
  clock?: Clock;
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
  /** The local mood feed's server, where this app serves one (the headless host). */
  moodFeed?: FeedServing;
  /** Desktop-only settings (start at login); without it get/setDesktopSettings answer null. */
  desktop?: {
    get(): DesktopSettings | Promise<DesktopSettings>;
    set(patch: Partial<DesktopSettings>): DesktopSettings | Promise<DesktopSettings>;
  };
}

/** Engine calls the app adds to (it drops an absent `felt`; it tells every page new sensor settings). */
const ADDS_TO_ENGINE = [
  'answerPrompt',
  'setSensorSettings',
  'completeFirstRun',
] as const satisfies readonly EngineOwnedMethod[];

/** What AppService answers itself: the calls API_SPEC gives the app, and those above. */
export type OwnHandlers = Pick<ApiHandlers, AppOwnedMethod | (typeof ADDS_TO_ENGINE)[number]>;

export class AppService implements OwnHandlers {
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
  /** Re-checks a timed pause's deadline (see {@link checkPause}). */
  private pauseTimer: TimerHandle | null = null;

  constructor(private readonly deps: AppServiceDeps) {
    this.feed = feedHandlers(deps.engine, deps.moodFeed);
  }

  /** The mood feed's calls (the engine keeps the clients; the side serving the feed adds who reads). */
  private readonly feed: ReturnType<typeof feedHandlers>;

  /** The whole renderer contract, for the IPC handlers and the host's socket: the engine's calls, then the app's. */
  handlers(): ApiHandlers {
    const names = [...ownedBy(API_SPEC, 'app'), ...ADDS_TO_ENGINE];
    const own = mapNames<OwnHandlers>(names, (name) => this[name].bind(this));
    return { ...forwardToEngine(this.deps.engine), ...own };
  }

  getStatus(): AppStatus {
    return { ...this.status };
  }

  /** Pauses until resumed, or resumes; either ends a timed pause. */
  async setPaused(paused: boolean): Promise<AppStatus> {
    this.disarmPause();
    return this.applyPaused(paused, undefined);
  }

  /** A timed pause: it resumes by itself at the deadline, checked on this service's clock. */
  async pauseFor(span: PauseSpan): Promise<AppStatus> {
    this.disarmPause();
    const until = pauseDeadline(this.clock.now(), span);
    const answer = this.applyPaused(true, until);
    this.armPause();
    return answer;
  }

  /**
   * Resumes a timed pause whose deadline has passed. Its own timer calls this; so should anything that knows time
   * jumped (the machine woke, the test clock moved).
   */
  checkPause(): void {
    const until = this.status.pausedUntil;
    if (until === undefined) return;
    if (this.clock.now() >= until) void this.setPaused(false);
    else this.armPause();
  }

  /** Stops the timed pause's timer (the app is quitting). */
  dispose(): void {
    this.disarmPause();
  }

  private get clock(): Clock {
    return this.deps.clock ?? systemClock;
  }

  private async applyPaused(paused: boolean, pausedUntil: number | undefined): Promise<AppStatus> {
    const camera = paused ? 'paused' : this.status.camera === 'paused' ? 'off' : this.status.camera;
    this.update({ paused, pausedUntil, camera });
    this.deps.onPausedChange?.(paused);
    // The engine may be restarting; the state is re-sent when it is ready again.
    await this.deps.engine.request('setSensingPaused', paused);
    return this.getStatus();
  }

  private armPause(): void {
    this.disarmPause();
    const until = this.status.pausedUntil;
    if (until === undefined) return;
    const wait = Math.min(Math.max(0, until - this.clock.now()), PAUSE_CHECK_MS);
    this.pauseTimer = this.clock.setTimeout(() => {
      this.pauseTimer = null;
      this.checkPause();
    }, wait);
  }

  private disarmPause(): void {
    if (this.pauseTimer) this.clock.clearTimeout(this.pauseTimer);
    this.pauseTimer = null;
  }

  async reportCamera(state: CameraState): Promise<AppStatus> {
    this.update({ camera: this.status.paused && state === 'off' ? 'paused' : state });
    await this.deps.engine.request('setCamera', state);
    return this.getStatus();
  }

  getCaptureTarget(): CaptureTarget {
    return this.deps.captureTarget();
  }

  async getIngestInfo(): Promise<IngestInfo> {
    const settings = unwrap(await this.ingestSettings());
    return { url: this.deps.ingestUrl?.() ?? null, ...settings };
  }

  async setIngestEnabled(enabled: boolean): Promise<IngestInfo> {
    this.ingest = unwrap(await this.deps.engine.request('setIngestSwitch', enabled));
    return { url: this.deps.ingestUrl?.() ?? null, ...this.ingest };
  }

  async answerPrompt(id: number, action: PromptAction, felt?: Emotion): Promise<BreakPrompt> {
    const args: [number, PromptAction, Emotion?] = felt === undefined ? [id, action] : [id, action, felt];
    return unwrap(await this.deps.engine.request('answerPrompt', ...args));
  }

  /** A save dialog where there is one (Electron), else a one-time download (the host). */
  async exportHistory(format: ExportFormat, range?: TimeRange | null): Promise<ExportTarget> {
    // Over JSON an absent range can arrive as null.
    const wanted = range ?? undefined;
    if (this.deps.saveExport) return this.deps.saveExport(format, wanted);
    if (this.deps.downloadExport) return this.deps.downloadExport(format, wanted);
    throw new AttuneError('internal', 'This app cannot export history.');
  }

  /** Every page (the capture page above all) hears the new settings as a 'sensors' event. */
  async setSensorSettings(patch: Partial<SensorSettings>): Promise<SensorSettings> {
    const sensors = unwrap(await this.deps.engine.request('setSensorSettings', patch));
    this.deps.emit('sensors', sensors);
    return sensors;
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

  getMoodFeed(): Promise<MoodFeedInfo> {
    return this.feed.getMoodFeed();
  }

  setMoodFeedEnabled(enabled: boolean): Promise<MoodFeedInfo> {
    return this.feed.setMoodFeedEnabled(enabled);
  }

  createFeedClient(request: FeedClientRequest): Promise<CreatedFeedClient> {
    return this.feed.createFeedClient(request);
  }

  revokeFeedClient(id: number): Promise<MoodFeedInfo> {
    return this.feed.revokeFeedClient(id);
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
      // A new engine reports its own problems while it starts (before `ready`); the old one's are gone.
      ...(state === 'starting' || state === 'restarting' ? { problems: [] } : {}),
    });
    if (state === 'ready' && this.status.paused) void this.deps.engine.request('setSensingPaused', true);
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
      case 'feed':
        this.deps.emit('feed', event.payload);
        return;
      case 'prompt':
        this.deps.emit('prompt', event.payload);
        this.deps.onPrompt?.(event.payload);
        return;
      case 'expression':
        this.deps.emit('expression', event.payload);
        return;
      case 'personal':
        this.deps.emit('personal', event.payload);
        return;
      case 'problems':
        this.update({ problems: event.payload });
        return;
    }
  }

  private update(patch: Partial<AppStatus>): void {
    this.status = { ...this.status, ...patch };
    this.deps.emit('status', this.getStatus());
  }
}
