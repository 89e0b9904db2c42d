import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttuneError } from '../shared/envelope';
import type { DesktopSettings } from '../shared/history-api';
import { autostartEntry, execArg, launchCommand, loginItemSettings, HIDDEN_ARG } from './login-item';
import { app, resetElectronFake } from './test-support/electron-fake';

let configDir = '';
beforeEach(() => {
  resetElectronFake();
  configDir = mkdtempSync(join(tmpdir(), 'attune-login-'));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

const entryFile = (): string => join(configDir, 'autostart', 'attune.desktop');

describe('launchCommand', () => {
  it('starts the packaged binary, the AppImage itself, or Electron with the app folder in development', () => {
    const base = { execPath: '/opt/Attune/attune', isPackaged: true, appPath: '/opt/Attune/resources/app.asar' };
    expect(launchCommand(base)).toEqual(['/opt/Attune/attune']);
    expect(launchCommand({ ...base, appImage: '/home/a/Attune.AppImage' })).toEqual(['/home/a/Attune.AppImage']);
    expect(launchCommand({ ...base, isPackaged: false, execPath: '/repo/electron', appPath: '/repo' })).toEqual([
      '/repo/electron',
      '/repo',
    ]);
  });
});

describe('execArg', () => {
  it('leaves plain paths alone and quotes and escapes the rest', () => {
    expect(execArg('/opt/Attune/attune')).toBe('/opt/Attune/attune');
    expect(execArg('--hidden')).toBe('--hidden');
    expect(execArg('/home/a b/attune')).toBe('"/home/a b/attune"');
    // `$` is escaped inside the quotes (\$), then the backslash is escaped for the string value (\\$).
    expect(execArg('/x/$y')).toBe('"/x/\\\\$y"');
    expect(execArg('/x/100%')).toBe('/x/100%%');
    expect(execArg('')).toBe('""');
  });
});

describe('autostartEntry', () => {
  it('is a desktop entry that starts the app hidden', () => {
    expect(autostartEntry(['/home/a b/attune'])).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Attune',
        'Comment=On-device mood companion, started in the tray',
        'Exec="/home/a b/attune" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });
});

describe('loginItemSettings on Linux (XDG autostart)', () => {
  const store = () => loginItemSettings({ platform: 'linux', app, command: ['/repo/electron', '/repo'], configDir });

  it('is off until switched on, writes the entry, and removes it when switched off', async () => {
    const s = store();
    expect(await s.get()).toEqual<DesktopSettings>({ startAtLogin: false });
    expect(await s.set({ startAtLogin: true })).toEqual({ startAtLogin: true });
    expect(readFileSync(entryFile(), 'utf8')).toContain('Exec=/repo/electron /repo --hidden\n');
    expect(await s.get()).toEqual({ startAtLogin: true });
    expect(await s.set({ startAtLogin: false })).toEqual({ startAtLogin: false });
    expect(() => statSync(entryFile())).toThrow();
    // Switching off twice is fine.
    expect(await s.set({ startAtLogin: false })).toEqual({ startAtLogin: false });
    expect(app.loginItem).toBeNull();
  });

  it('reads an entry the desktop switched off in place as off', async () => {
    mkdirSync(join(configDir, 'autostart'));
    writeFileSync(entryFile(), '[Desktop Entry]\nExec=attune --hidden\nHidden=true\n');
    expect(await store().get()).toEqual({ startAtLogin: false });
  });

  it('an empty patch changes nothing; a wrong value is bad input', async () => {
    const s = store();
    expect(await s.set({})).toEqual({ startAtLogin: false });
    const wrong = { startAtLogin: 'yes' } as unknown as Partial<DesktopSettings>;
    await expect(s.set(wrong)).rejects.toBeInstanceOf(AttuneError);
    await expect(s.set(wrong)).rejects.toMatchObject({ kind: 'bad-input' });
  });
});

describe('loginItemSettings on Windows and macOS (Electron login items)', () => {
  it('sets and finds the login item with the same path and args', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      resetElectronFake();
      const s = loginItemSettings({ platform, app, command: ['C:\\Attune\\Attune.exe'], configDir });
      expect(await s.get()).toEqual({ startAtLogin: false });
      expect(await s.set({ startAtLogin: true })).toEqual({ startAtLogin: true });
      expect(app.loginItem).toEqual({ openAtLogin: true, path: 'C:\\Attune\\Attune.exe', args: [HIDDEN_ARG] });
      expect(await s.set({ startAtLogin: false })).toEqual({ startAtLogin: false });
      expect(app.loginItem?.openAtLogin).toBe(false);
    }
    // Never an autostart file there.
    expect(() => statSync(join(configDir, 'autostart'))).toThrow();
  });

  it('passes the app folder before --hidden in development', async () => {
    const s = loginItemSettings({ platform: 'win32', app, command: ['electron.exe', 'C:\\repo'], configDir });
    await s.set({ startAtLogin: true });
    expect(app.loginItem?.args).toEqual(['C:\\repo', HIDDEN_ARG]);
  });

  it('refuses an empty command', () => {
    expect(() => loginItemSettings({ platform: 'linux', app, command: [], configDir })).toThrow(AttuneError);
  });
});
