import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';
import { resolvePages } from './paths';
import { BrowserWindow, fakeEvent, resetElectronFake } from './test-support/electron-fake';
import { WindowManager, secureWebPreferences } from './windows';

vi.mock('electron', () => import('./test-support/electron-fake'));

const pages = resolvePages('/app/out/renderer');

function setup() {
  let quitting = false;
  const created: unknown[] = [];
  const onCaptureLoaded = vi.fn();
  const windows = new WindowManager({
    preload: '/app/out/preload/index.cjs',
    pages,
    logger: createLogger({ write: () => undefined }),
    isQuitting: () => quitting,
    onCreated: (contents) => created.push(contents),
    onCaptureLoaded,
  });
  return { windows, created, onCaptureLoaded, quit: () => (quitting = true) };
}

const fake = (win: unknown): BrowserWindow => win as BrowserWindow;

beforeEach(() => resetElectronFake());

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and denies Node to every page', () => {
    expect(secureWebPreferences('/p/index.cjs')).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/p/index.cjs',
    });
  });
});

describe('WindowManager dashboard', () => {
  it('creates a secure window on the dashboard page and shows it when ready', () => {
    const t = setup();
    const win = fake(t.windows.showDashboard());
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
    expect(win.loaded).toEqual([pages.dashboard]);
    expect(t.created).toEqual([win.webContents]);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('reuses the one dashboard, restoring and focusing it', () => {
    const t = setup();
    const win = fake(t.windows.showDashboard());
    win.minimized = true;
    expect(t.windows.showDashboard()).toBe(win);
    expect(BrowserWindow.all).toHaveLength(1);
    expect(win.minimized).toBe(false);
    expect(win.visible && win.focused).toBe(true);
  });

  it('opens at a section: a new window loads it, an open one moves to it in place', () => {
    const t = setup();
    const win = fake(t.windows.showDashboard('check-in'));
    expect(win.loaded).toEqual([`${pages.dashboard}#check-in`]);
    expect(t.windows.showDashboard()).toBe(win);
    expect(win.loaded).toHaveLength(1);
    t.windows.showDashboard('check-in');
    expect(win.loaded).toEqual([`${pages.dashboard}#check-in`, `${pages.dashboard}#check-in`]);
    expect(BrowserWindow.all).toHaveLength(1);
  });

  it('hides instead of closing, unless the app is quitting', () => {
    const t = setup();
    const win = fake(t.windows.showDashboard());
    win.show();
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    t.quit();
    win.close();
    expect(win.destroyed).toBe(true);
    // A later request makes a new one.
    expect(t.windows.showDashboard()).not.toBe(win);
  });
});

describe('WindowManager capture window', () => {
  it('is hidden, small, secure, unthrottled and loads the capture page', () => {
    const t = setup();
    const win = fake(t.windows.ensureCapture());
    expect(win.options).toMatchObject({ show: false, width: 320, height: 240 });
    expect(win.options.webPreferences).toEqual({
      ...secureWebPreferences('/app/out/preload/index.cjs'),
      backgroundThrottling: false,
    });
    expect(win.loaded).toEqual([pages.capture]);
    expect(t.windows.ensureCapture()).toBe(win);
  });

  it('exposes the capture contents only once the page has loaded, and says when it (re)loads', () => {
    const t = setup();
    const win = fake(t.windows.ensureCapture());
    expect(t.windows.captureContents()).toBeNull();
    win.webContents.emit('did-finish-load');
    expect(t.windows.captureContents()).toBe(win.webContents);
    expect(t.onCaptureLoaded).toHaveBeenCalledTimes(1);
    win.webContents.emit('did-start-loading');
    expect(t.windows.captureContents()).toBeNull();
    win.webContents.emit('did-finish-load');
    expect(t.onCaptureLoaded).toHaveBeenCalledTimes(2);
    win.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 });
    expect(t.windows.captureContents()).toBeNull();
  });

  it('lists the live windows for broadcasts', () => {
    const t = setup();
    const capture = fake(t.windows.ensureCapture());
    const dashboard = fake(t.windows.showDashboard());
    expect(t.windows.liveContents()).toEqual([dashboard.webContents, capture.webContents]);
    t.quit();
    dashboard.close();
    expect(t.windows.liveContents()).toEqual([capture.webContents]);
  });
});
