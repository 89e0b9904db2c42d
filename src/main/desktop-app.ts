/**
 * The desktop app once Electron is ready: a tray, the hidden capture window, the dashboard, the break-prompt
 * window, and the engine in a utility process. Closing the dashboard hides it; quitting (from the tray, Cmd+Q,
 * logout) stops the engine first. Lock, idle and camera-busy reach the prompt policy through the environment
 * watcher. Settings reach the desktop through AppService hooks: start at login and export through a save dialog.
 *
 * It takes every Electron-bound part as a port (desktop-deps.ts makes them from Electron, tests from the fake),
 * with the clock and logger, so it imports no `electron` itself (habit 8, 13).
 */
import type { ApiEvent, ApiHandlers, AttuneEvents } from '../shared/api';
import type { Clock } from '../shared/clock';
import type { EngineConfig } from '../shared/engine-protocol';
import { FEED_PATH } from '../shared/feed';
import type { AppStatus } from '../shared/mood';
import type { BreakPrompt } from '../shared/prompts';
import { INGEST_PATH } from '../shared/text-input';
import { AppService, type AppServiceDeps } from '../app/app-service';
import { EngineLifecycle, type LifecycleInfo } from '../app/engine-lifecycle';
import type { EngineState } from '../shared/mood';
import type { EngineProcessHost, EngineProcessOptions } from './engine-process';
import type { ExportEngine } from './export-dialog';
import { EnvironmentWatcher, type PowerMonitorLike } from './environment-watcher';
import type { Emit } from './ipc';
import type { Logger } from './logger';
import { HIDDEN_ARG } from './login-item';
import type { BuiltFiles, Pages } from './paths';
import type { AttuneTray } from './tray';
import type { TrayActions } from './tray-menu';
import type { WindowManager, WindowManagerOptions } from './windows';

/** A window's page contents, as the window manager hands them out (Electron's WebContents). */
type PageContents = ReturnType<WindowManager['liveContents']>[number];

/** Everything DesktopApp needs from Electron; desktop-deps.ts `electronPorts` makes them. */
export interface DesktopPorts {
  files: BuiltFiles;
  pages: Pages;
  /** Where the engine finds its models and database, for `init`. */
  engineConfig: EngineConfig;
  /** Serves the built pages at attune://app/ (the scheme is registered as privileged before ready). */
  servePages(rendererDir: string, logger: Logger): void;
  /** Installs the navigation, window and permission guards on every webContents, ours or not. */
  guardWebContents(pages: Pages, logger: Logger): void;
  windows(options: WindowManagerOptions): WindowManager;
  engineHost(options: EngineProcessOptions): EngineProcessHost;
  tray(actions: TrayActions, status: AppStatus): AttuneTray;
  /** Answers the renderer contract over IPC, for our pages only. */
  registerIpc(handlers: ApiHandlers, isOurPage: (url: string) => boolean, logger: Logger): void;
  /** Sends events to the pages `targets` names. */
  broadcaster(targets: () => PageContents[]): Emit;
  /** Start at login and export through a save dialog (desktop-deps.ts `desktopDeps`). */
  desktopSettings(options: {
    /** Writes the export file. */
    engine: ExportEngine;
    /** The dashboard if open, to attach the save dialog to. */
    dashboard: () => ReturnType<WindowManager['dashboardWindow']>;
    /** Unix ms now, for the date in the suggested file name. */
    now: () => number;
  }): Required<Pick<AppServiceDeps, 'desktop' | 'saveExport'>>;
  power: PowerMonitorLike;
  /** Whether this launch starts in the tray only (--hidden, or a macOS login item). */
  startsHidden(): boolean;
  /** Electron's `before-quit`: quitting from elsewhere (Cmd+Q, logout) also goes through `stop`. */
  onBeforeQuit(listener: (event: { preventDefault(): void }) => void): void;
  /** Quits the Electron app. */
  quit(): void;
}

export interface DesktopAppOptions {
  clock: Clock;
  logger: Logger;
}

export class DesktopApp {
  private readonly windows: WindowManager;
  private readonly engineHost: EngineProcessHost;
  private readonly environment: EnvironmentWatcher;
  private readonly lifecycle: EngineLifecycle;
  private readonly service: AppService;
  private readonly broadcast: Emit;
  private tray: AttuneTray | null = null;
  /** The unanswered prompt the prompt window is showing, if any. */
  private pendingPrompt: BreakPrompt | null = null;
  /** Apps reading the mood feed, as the engine (which serves it) last said. */
  private feedReaders = 0;
  /** The engine's local text endpoint and feed, while it is ready. */
  private ingestPort: number | null = null;
  private quitting = false;
  private stopping: Promise<void> | null = null;
  private engineStopped = false;

  constructor(
    private readonly ports: DesktopPorts,
    private readonly opts: DesktopAppOptions,
  ) {
    const { logger, clock } = opts;
    this.windows = ports.windows({
      preload: ports.files.preload,
      pages: ports.pages,
      logger: logger.child('windows'),
      isQuitting: () => this.quitting,
      // Guarded already, by the global web-contents-created handler (start).
      onCreated: () => undefined,
      onCaptureLoaded: () => this.engineHost.linkCapture(),
      // A new prompt window's page missed the event that opened it: hand it the prompt once it listens.
      onPromptLoaded: (contents) => {
        if (this.pendingPrompt) ports.broadcaster(() => [contents])('prompt', this.pendingPrompt);
      },
    });
    this.engineHost = ports.engineHost({
      modulePath: ports.files.engine,
      logger: logger.child('engine'),
      captureContents: () => this.windows.captureContents(),
    });
    this.environment = new EnvironmentWatcher({
      power: ports.power,
      clock,
      onChange: (env) => this.service.setEnvironment(env),
    });
    this.broadcast = ports.broadcaster(() => this.windows.liveContents());
    const engineLog = logger.child('engine');
    this.lifecycle = new EngineLifecycle({
      spawn: this.engineHost.spawn,
      spawnSpare: this.engineHost.spawnSpare,
      config: ports.engineConfig,
      clock,
      onEvent: (event) => this.service.engineEvent(event),
      onState: (state, info) => this.engineState(state, info),
      onLog: (level, message) => engineLog.log(level, message),
    });
    this.service = new AppService({
      engine: this.lifecycle,
      ...ports.desktopSettings({
        engine: this.lifecycle,
        dashboard: () => this.windows.dashboardWindow(),
        now: () => clock.now(),
      }),
      // Electron always uses the port the preload hands over; a new one follows each engine restart.
      captureTarget: () => ({ kind: 'message-port' }),
      ingestUrl: () => this.engineUrl(INGEST_PATH),
      // The engine serves the mood feed beside the text endpoint and refetches its clients after each change;
      // which client is reading now stays in the engine, so main shows only how many are.
      moodFeed: {
        url: () => this.engineUrl(FEED_PATH),
        invalidate: () => Promise.resolve(),
        describe: (records) => ({
          clients: records.map((c) => ({ ...c, connected: false })),
          readers: this.feedReaders,
        }),
      },
      emit: (event, payload) => this.emit(event, payload),
      onPrompt: (prompt) => this.showPrompt(prompt),
    });
  }

  /** Serves and guards the pages, then starts the tray, the IPC, the watcher, the capture window and the engine. */
  start(): void {
    const { ports } = this;
    const { logger } = this.opts;
    ports.servePages(ports.files.rendererDir, logger.child('protocol'));
    // Before any window: every webContents, ours or not, gets the navigation, window and permission guards.
    ports.guardWebContents(ports.pages, logger.child('security'));
    ports.onBeforeQuit((event) => {
      if (this.engineStopped) return;
      event.preventDefault();
      void this.stop();
    });
    ports.registerIpc(this.service.handlers(), ports.pages.isOurPage, logger.child('ipc'));
    const service = this.service;
    this.tray = ports.tray(
      {
        // The service owns timed pauses, so the dashboard shows the tray's "paused until" and can end it.
        pauseFor: (ms) => void service.pauseFor(Math.max(1, Math.round(ms / 60_000))),
        pauseUntilTomorrow: () => void service.pauseFor('tomorrow'),
        resume: () => void service.setPaused(false),
        openDashboard: (section) => void this.windows.showDashboard(section),
        quit: () => void this.stop(),
      },
      service.getStatus(),
    );
    // A timed pause whose end passed while the machine slept ends on wake.
    ports.power.on('resume', () => service.checkPause());
    ports.power.on('unlock-screen', () => service.checkPause());
    this.environment.start();
    this.windows.ensureCapture();
    this.lifecycle.start();
    if (!ports.startsHidden()) this.windows.showDashboard();
  }

  /** Stops the watchers and the engine (which closes its database), removes the tray, then quits. Once. */
  stop(): Promise<void> {
    this.stopping ??= this.quit();
    return this.stopping;
  }

  /** Another launch: it shows the dashboard, unless it is the login item starting while Attune already runs. */
  secondLaunch(argv: readonly string[]): void {
    // Only its arguments count: macOS's "opened at login" describes this first instance, not the new launch.
    if (!argv.includes(HIDDEN_ARG)) this.windows.showDashboard();
  }

  showDashboard(): void {
    this.windows.showDashboard();
  }

  private emit<E extends ApiEvent>(event: E, payload: AttuneEvents[E]): void {
    // The capture page is among the receivers: it releases the camera and microphone on a paused status.
    this.broadcast(event, payload);
    if (event === 'status') {
      const status = payload as AttuneEvents['status'];
      // 'busy': another app holds the camera, most likely a call.
      this.environment.setCameraState(status.camera);
      this.tray?.setStatus(status);
    } else if (event === 'mood') this.tray?.setMood(payload as AttuneEvents['mood']);
    else if (event === 'sensors') this.tray?.setSensors(payload as AttuneEvents['sensors']);
    else if (event === 'feed') this.feedReaders = (payload as AttuneEvents['feed']).readers;
  }

  private async quit(): Promise<void> {
    this.quitting = true;
    this.service.dispose();
    this.environment.dispose();
    await this.lifecycle.stop();
    this.engineStopped = true;
    this.tray?.destroy();
    this.ports.quit();
  }

  private engineState(state: EngineState, info: LifecycleInfo): void {
    // The engine serves the local text endpoint itself, so texts never pass through main.
    this.ingestPort = state === 'ready' ? (info.ingestPort ?? null) : null;
    this.service.engineStateChanged(state, info);
    // The tray shows "off" when every sensor is switched off; later changes arrive as 'sensors' events.
    if (state === 'ready') {
      void this.lifecycle.request('getSensorSettings').then((answer) => {
        if (answer.ok) this.tray?.setSensors(answer.value);
      });
    }
  }

  private engineUrl(path: string): string | null {
    return this.ingestPort === null ? null : `http://127.0.0.1:${this.ingestPort}${path}`;
  }

  /**
   * Unanswered: shows it (without taking focus). Answered, here or on the dashboard: puts it away, but only if it
   * is the one on screen (an older prompt's late outcome must not hide a newer one).
   */
  private showPrompt(prompt: BreakPrompt): void {
    if (prompt.action === null) {
      this.pendingPrompt = prompt;
      this.windows.showPrompt();
    } else if (this.pendingPrompt?.id === prompt.id) {
      this.pendingPrompt = null;
      this.windows.hidePrompt();
    }
  }
}
