/**
 * Electron, bound for DesktopApp (desktop-app.ts): its windows, tray, engine process, IPC, power monitor and app
 * events as DesktopPorts, and the desktop half of the settings and export calls for AppService (start at login,
 * login-item.ts; export through a save dialog, export-dialog.ts). The one place DesktopApp's parts meet Electron.
 */
import { app, dialog, net, powerMonitor, protocol, session, type BrowserWindow } from 'electron';
import type { AppServiceDeps } from '../app/app-service';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import type { DesktopPorts } from './desktop-app';
import { EngineProcessHost } from './engine-process';
import { createSaveExport, type ExportEngine } from './export-dialog';
import { createBroadcaster, registerIpc } from './ipc';
import { HIDDEN_ARG, launchCommand, loginItemSettings } from './login-item';
import { builtFiles, engineConfig, resolvePages } from './paths';
import { guardAllWebContents } from './security';
import { AttuneTray } from './tray';
import { WindowManager } from './windows';

/**
 * DesktopApp's ports on Electron. `mainDir` is the folder of the built main bundle (out/main), where the engine
 * and preload are; in development the pages come from `devServerUrl` (electron-vite's), once packaged from files.
 */
export function electronPorts(mainDir: string, devServerUrl?: string): DesktopPorts {
  const pages = resolvePages(app.isPackaged ? undefined : devServerUrl);
  return {
    files: builtFiles(mainDir),
    pages,
    engineConfig: engineConfig({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      userData: app.getPath('userData'),
    }),
    servePages: (rendererDir, logger) => serveAppScheme(protocol, net, rendererDir, logger),
    guardWebContents: (ours, logger) => guardAllWebContents(app, session.defaultSession, ours, logger),
    windows: (options) => new WindowManager(options),
    engineHost: (options) => new EngineProcessHost(options),
    tray: (actions, status) => new AttuneTray(actions, status),
    registerIpc: (handlers, isOurPage, logger) => void registerIpc(handlers, isOurPage, logger),
    broadcaster: (targets) => createBroadcaster(targets),
    desktopSettings: (options) => desktopDeps(options),
    power: powerMonitor,
    startsHidden: () => startsHidden(process.argv),
    onBeforeQuit: (listener) => app.on('before-quit', listener),
    quit: () => app.quit(),
  };
}

/**
 * Runs `start` once Electron is ready, in the first instance only (a second launch quits at once and is handed to
 * the first as `onSecondLaunch`). The attune:// scheme is registered first: Electron accepts privileged schemes
 * only before ready. Attune lives in the tray, so closing every window does not quit it.
 */
export function whenFirstInstanceReady(handlers: {
  start: () => void;
  onSecondLaunch: (argv: string[]) => void;
  onActivate: () => void;
  onStartFailed: (err: unknown) => void;
}): void {
  registerAppScheme(protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', (_event, argv) => handlers.onSecondLaunch(argv));
  app.on('activate', () => handlers.onActivate());
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(() => handlers.start())
    .catch((err: unknown) => {
      handlers.onStartFailed(err);
      app.exit(1);
    });
}

export interface DesktopDepsOptions {
  /** The engine lifecycle: it writes export files. */
  engine: ExportEngine;
  /** The dashboard window if open, to attach the save dialog to (WindowManager.dashboardWindow). */
  dashboard: () => BrowserWindow | null;
  /** Unix ms now, for the date in the suggested file name. */
  now: () => number;
}

export function desktopDeps(opts: DesktopDepsOptions): Required<Pick<AppServiceDeps, 'desktop' | 'saveExport'>> {
  return {
    desktop: loginItemSettings({
      platform: process.platform,
      app,
      command: launchCommand({
        execPath: process.execPath,
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        appImage: process.env.APPIMAGE,
      }),
      // Linux only: where XDG autostart entries live ($XDG_CONFIG_HOME, else ~/.config).
      configDir: app.getPath('appData'),
    }),
    saveExport: createSaveExport({
      // Attached to the dashboard when it is open, so the dialog stays on top of the page that asked.
      showSaveDialog: (options) => {
        const parent = opts.dashboard();
        return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
      },
      engine: opts.engine,
      documentsDir: () => app.getPath('documents'),
      now: opts.now,
    }),
  };
}

/**
 * Whether this instance starts in the tray only: asked with --hidden (the login item on Windows and Linux),
 * or opened as a login item on macOS, which passes no arguments.
 */
export function startsHidden(argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
