/**
 * Start at login, always into the tray (`--hidden`).
 * - macOS and Windows: Electron's login items. Windows passes `args`, and finds the item again only when
 *   asked with the same path and args. macOS ignores args, so index.ts also treats `wasOpenedAtLogin` as
 *   hidden.
 * - Linux (and other XDG desktops): Electron has no login items there, so this writes or removes an XDG
 *   autostart entry, `<config>/autostart/attune.desktop`, which GNOME, KDE, Xfce and others run at login.
 * Pure of electron: index.ts passes `app`; tests pass the fake one and a temporary config folder.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AttuneError } from '../shared/envelope';
import type { DesktopSettings } from '../shared/history-api';

/** The flag that starts Attune in the tray only. */
export const HIDDEN_ARG = '--hidden';

export const AUTOSTART_FILE = 'attune.desktop';

/** The part of Electron's `app` this needs. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
  getLoginItemSettings(options?: { path?: string; args?: string[] }): { openAtLogin: boolean };
}

export interface LaunchInfo {
  /** process.execPath. */
  execPath: string;
  /** app.isPackaged. */
  isPackaged: boolean;
  /** app.getAppPath(): in development, the folder Electron must be given to find the app. */
  appPath: string;
  /** process.env.APPIMAGE: an AppImage runs from a temporary mount, so its own path must be launched. */
  appImage?: string;
}

/**
 * The command that starts this app again: [program, ...args]. A development run is the Electron binary
 * plus the repository folder: it starts the last build (out/), not the dev server, and breaks if the
 * folder moves. Only packaged builds give a dependable entry.
 */
export function launchCommand(info: LaunchInfo): string[] {
  if (info.appImage) return [info.appImage];
  return info.isPackaged ? [info.execPath] : [info.execPath, info.appPath];
}

/**
 * One argument of a desktop entry's Exec key: quoted when it holds a reserved character, with `"`, `` ` ``,
 * `$` and `\` escaped inside the quotes, `%` doubled (field codes), then every `\` doubled again because
 * Exec is itself an escaped string (Desktop Entry Specification 1.5, "The Exec key").
 */
export function execArg(arg: string): string {
  let out = arg.replace(/%/g, '%%');
  if (out === '' || /[\s"'\\><~|&;$*?#()`]/.test(out)) out = `"${out.replace(/["`$\\]/g, '\\$&')}"`;
  return out.replace(/\\/g, '\\\\');
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Attune',
    'Comment=On-device mood companion, started in the tray',
    `Exec=${[...command, HIDDEN_ARG].map(execArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LoginItemOptions {
  /** process.platform. */
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** launchCommand(...): what the login item starts. */
  command: readonly string[];
  /** The XDG config folder ($XDG_CONFIG_HOME, else ~/.config: Electron's app.getPath('appData') on Linux). */
  configDir: string;
}

/** The desktop settings for AppService's `desktop` hook. */
export interface DesktopSettingsStore {
  get(): Promise<DesktopSettings>;
  set(patch: Partial<DesktopSettings>): Promise<DesktopSettings>;
}

export function loginItemSettings(opts: LoginItemOptions): DesktopSettingsStore {
  const native = opts.platform === 'darwin' || opts.platform === 'win32';
  const [program, ...leading] = opts.command;
  if (program === undefined) throw new AttuneError('internal', 'no command to start Attune at login');
  const item = { path: program, args: [...leading, HIDDEN_ARG] };
  const file = join(opts.configDir, 'autostart', AUTOSTART_FILE);

  const get = async (): Promise<DesktopSettings> => {
    if (native) return { startAtLogin: opts.app.getLoginItemSettings(item).openAtLogin };
    const text = await readFile(file, 'utf8').catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    });
    // A desktop may switch an entry off in place rather than delete it.
    return { startAtLogin: text !== null && !/^Hidden\s*=\s*true\s*$/m.test(text) };
  };

  return {
    get,
    async set(patch) {
      const wanted = patch.startAtLogin;
      if (wanted === undefined) return get();
      if (typeof wanted !== 'boolean') throw new AttuneError('bad-input', 'startAtLogin must be true or false');
      if (native) opts.app.setLoginItemSettings({ openAtLogin: wanted, ...item });
      else if (wanted) {
        await mkdir(join(opts.configDir, 'autostart'), { recursive: true });
        await writeFile(file, autostartEntry(opts.command));
      } else await rm(file, { force: true });
      return get();
    },
  };
}
