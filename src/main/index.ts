/**
 * Electron entry: one instance, a tray, the hidden capture window, the dashboard, the break-prompt window,
 * and the engine in a utility process. Closing the dashboard hides it; quitting from the tray stops the
 * engine first. Lock, idle and camera-busy reach the prompt policy through the environment watcher.
 * Pass --hidden to start in the tray only (as the login item does). Settings reach the desktop through
 * AppService hooks: start at login (login-item.ts) and export through a save dialog (export-dialog.ts).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, net, powerMonitor, protocol, session } from 'electron';
import type { AttuneEvents } from '../shared/api';
import type { BreakPrompt } from '../shared/prompts';
import { AppService } from '../app/app-service';
import { systemClock } from '../shared/clock';
import { EngineLifecycle } from '../app/engine-lifecycle';
import { desktopDeps, startsHidden } from './desktop-deps';
import { EngineProcessHost } from './engine-process';
import { EnvironmentWatcher } from './environment-watcher';
import { createBroadcaster, registerIpc, type Emit } from './ipc';
import { createLogger, isLogLevel } from './logger';
import { HIDDEN_ARG } from './login-item';
import { builtFiles, engineConfig, resolvePages } from './paths';
import { guardAllWebContents } from './security';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { AttuneTray } from './tray';
import { WindowManager } from './windows';
import { INGEST_PATH } from '../shared/text-input';
import { FEED_PATH } from '../shared/feed';

const envLevel = process.env.ATTUNE_LOG_LEVEL;
const logger = createLogger({ level: isLogLevel(envLevel) ? envLevel : 'info' });

function startApp(): WindowManager {
  const files = builtFiles(dirname(fileURLToPath(import.meta.url)));
  const pages = resolvePages(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
  // The built pages load from attune://app/ (registered as privileged before ready, below).
  serveAppScheme(protocol, net, files.rendererDir, logger.child('protocol'));
  const config = engineConfig({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    userData: app.getPath('userData'),
  });
  // Before any window: every webContents, ours or not, gets the navigation, window and permission guards.
  guardAllWebContents(app, session.defaultSession, pages, logger.child('security'));

  let quitting = false;
  let engineStopped = false;
  const windows: WindowManager = new WindowManager({
    preload: files.preload,
    pages,
    logger: logger.child('windows'),
    isQuitting: () => quitting,
    // Guarded already, by the global web-contents-created handler above.
    onCreated: () => undefined,
    onCaptureLoaded: () => engineHost.linkCapture(),
    // A new prompt window's page missed the event that opened it: hand it the prompt once it listens.
    onPromptLoaded: (contents) => {
      if (pendingPrompt) createBroadcaster(() => [contents])('prompt', pendingPrompt);
    },
  });
  const engineHost = new EngineProcessHost({
    modulePath: files.engine,
    logger: logger.child('engine'),
    captureContents: () => windows.captureContents(),
  });

  let tray: AttuneTray | null = null;
  /** The unanswered prompt the prompt window is showing, if any. */
  let pendingPrompt: BreakPrompt | null = null;
  const environment = new EnvironmentWatcher({
    power: powerMonitor,
    clock: systemClock,
    onChange: (env) => service.setEnvironment(env),
  });
  const broadcast = createBroadcaster(() => windows.liveContents());
  const emit: Emit = (event, payload) => {
    // The capture page is among the receivers: it releases the camera and microphone on a paused status.
    broadcast(event, payload);
    if (event === 'status') {
      const status = payload as AttuneEvents['status'];
      // 'busy': another app holds the camera, most likely a call.
      environment.setCameraState(status.camera);
      tray?.setStatus(status);
    } else if (event === 'mood') tray?.setMood(payload as AttuneEvents['mood']);
    else if (event === 'sensors') tray?.setSensors(payload as AttuneEvents['sensors']);
    else if (event === 'feed') feedReaders = (payload as AttuneEvents['feed']).readers;
  };
  /** Apps reading the mood feed, as the engine (which serves it) last said. */
  let feedReaders = 0;

  let ingestPort: number | null = null;
  const engineLog = logger.child('engine');
  const lifecycle = new EngineLifecycle({
    spawn: engineHost.spawn,
    config,
    clock: systemClock,
    onEvent: (event) => service.engineEvent(event),
    onState: (state, info) => {
      // The engine serves the local text endpoint itself, so texts never pass through main.
      ingestPort = state === 'ready' ? (info.ingestPort ?? null) : null;
      service.engineStateChanged(state, info);
      // The tray shows "off" when every sensor is switched off; later changes arrive as 'sensors' events.
      if (state === 'ready') {
        void lifecycle.request('getSensorSettings').then((answer) => {
          if (answer.ok) tray?.setSensors(answer.value);
        });
      }
    },
    onLog: (level, message) => engineLog.log(level, message),
  });
  const service: AppService = new AppService({
    engine: lifecycle,
    // Start at login, and export through a save dialog (the engine writes the file).
    ...desktopDeps({ engine: lifecycle, dashboard: () => windows.dashboardWindow(), now: () => systemClock.now() }),
    // Electron always uses the port the preload hands over; a new one follows each engine restart.
    captureTarget: () => ({ kind: 'message-port' }),
    ingestUrl: () => (ingestPort === null ? null : `http://127.0.0.1:${ingestPort}${INGEST_PATH}`),
    // The engine serves the mood feed beside the text endpoint and refetches its clients after each change;
    // which client is reading now stays in the engine, so main shows only how many are.
    moodFeed: {
      url: () => (ingestPort === null ? null : `http://127.0.0.1:${ingestPort}${FEED_PATH}`),
      invalidate: () => Promise.resolve(),
      describe: (records) => ({ clients: records.map((c) => ({ ...c, connected: false })), readers: feedReaders }),
    },
    emit,
    onPrompt: (prompt) => {
      // Unanswered: show it (without taking focus). Answered, here or on the dashboard: put it away, but
      // only if it is the one on screen (an older prompt's late outcome must not hide a newer one).
      if (prompt.action === null) {
        pendingPrompt = prompt;
        windows.showPrompt();
      } else if (pendingPrompt?.id === prompt.id) {
        pendingPrompt = null;
        windows.hidePrompt();
      }
    },
  });

  let stopping: Promise<void> | null = null;
  const quit = (): Promise<void> => {
    stopping ??= (async () => {
      quitting = true;
      service.dispose();
      environment.dispose();
      await lifecycle.stop();
      engineStopped = true;
      tray?.destroy();
      app.quit();
    })();
    return stopping;
  };
  // Quitting from elsewhere (Cmd+Q, logout) also stops the engine before exiting.
  app.on('before-quit', (event) => {
    if (engineStopped) return;
    event.preventDefault();
    void quit();
  });

  registerIpc(service.handlers(), pages.isOurPage, logger.child('ipc'));
  tray = new AttuneTray(
    {
      // The service owns timed pauses, so the dashboard shows the tray's "paused until" and can end it.
      pauseFor: (ms) => void service.pauseFor(Math.max(1, Math.round(ms / 60_000))),
      pauseUntilTomorrow: () => void service.pauseFor('tomorrow'),
      resume: () => void service.setPaused(false),
      openDashboard: (section) => void windows.showDashboard(section),
      quit: () => void quit(),
    },
    service.getStatus(),
  );
  // A timed pause whose end passed while the machine slept ends on wake.
  powerMonitor.on('resume', () => service.checkPause());
  powerMonitor.on('unlock-screen', () => service.checkPause());

  environment.start();
  windows.ensureCapture();
  lifecycle.start();
  if (!startsHidden(process.argv)) windows.showDashboard();
  return windows;
}

// Electron accepts privileged schemes only before the app is ready.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let windows: WindowManager | null = null;
  // A second launch shows the dashboard, unless it is the login item starting while Attune already runs.
  app.on('second-instance', (_event, argv) => {
    // Only its arguments count: macOS's "opened at login" describes this first instance, not the new launch.
    if (!argv.includes(HIDDEN_ARG)) windows?.showDashboard();
  });
  app.on('activate', () => void windows?.showDashboard());
  // Attune lives in the tray: closing every window must not quit it.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(() => {
      windows = startApp();
    })
    .catch((err: unknown) => {
      logger.error(`startup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      app.exit(1);
    });
}
