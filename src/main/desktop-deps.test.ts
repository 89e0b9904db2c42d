import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../shared/envelope';
import { desktopDeps, startsHidden } from './desktop-deps';
import { app, dialog, resetElectronFake } from './test-support/electron-fake';

vi.mock('electron', () => import('./test-support/electron-fake'));

const platform = Object.getOwnPropertyDescriptor(process, 'platform');
function onPlatform(value: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value, configurable: true });
}

beforeEach(() => resetElectronFake());
afterEach(() => {
  if (platform) Object.defineProperty(process, 'platform', platform);
});

describe('startsHidden', () => {
  it('follows --hidden everywhere', () => {
    expect(startsHidden(['electron', '/repo', '--hidden'])).toBe(true);
    expect(startsHidden(['electron', '/repo'])).toBe(false);
  });

  it('on macOS, also when opened as a login item (which passes no arguments)', () => {
    onPlatform('darwin');
    expect(startsHidden(['Attune'])).toBe(false);
    app.openedAtLogin = true;
    expect(startsHidden(['Attune'])).toBe(true);
    onPlatform('linux');
    expect(startsHidden(['Attune'])).toBe(false);
  });
});

describe('desktopDeps', () => {
  it('uses Electron login items on Windows, with the development app folder before --hidden', async () => {
    onPlatform('win32');
    const deps = desktopDeps({ engine: { request: vi.fn() }, dashboard: () => null, now: () => 0 });
    expect(await deps.desktop.set({ startAtLogin: true })).toEqual({ startAtLogin: true });
    expect(app.loginItem).toEqual({ openAtLogin: true, path: process.execPath, args: ['/repo', '--hidden'] });
  });

  it('opens the save dialog on its own when no dashboard is open, in Documents', async () => {
    app.paths = { documents: '/home/ada/Documents' };
    const request = vi.fn(() => Promise.resolve(ok({ bytes: 10 })));
    const deps = desktopDeps({ engine: { request }, dashboard: () => null, now: () => new Date(2026, 4, 1).getTime() });
    dialog.answer = { canceled: false, filePath: '/tmp/h.csv' };
    expect(await deps.saveExport('csv', undefined)).toEqual({ kind: 'saved', path: '/tmp/h.csv', bytes: 10 });
    expect(dialog.shown[0]?.parent).toBeNull();
    expect(dialog.shown[0]?.options.defaultPath).toBe('/home/ada/Documents/attune-history-2026-05-01.csv');
    expect(request).toHaveBeenCalledWith('writeExport', 'csv', undefined, '/tmp/h.csv');
  });
});
