/**
 * The desktop half of the settings and export calls, for AppService: start at login (login-item.ts) and
 * export through a save dialog (export-dialog.ts), bound to Electron's app and dialog here so index.ts
 * stays a list of parts.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import type { AppServiceDeps } from '../app/app-service';
import { createSaveExport, type ExportEngine } from './export-dialog';
import { HIDDEN_ARG, launchCommand, loginItemSettings } from './login-item';

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
