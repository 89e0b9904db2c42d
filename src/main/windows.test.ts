import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';
import { resolvePages } from './paths';
import { PROMPT_MARGIN, PROMPT_SIZE, bottomRight } from './prompt-window';
import { BrowserWindow, fakeEvent, resetElectronFake, screen } from './test-support/electron-fake';
import { WindowManager, secureWebPreferences } from './windows';

vi.mock('electron', () => import('./test-support/electron-fake'));

const pages = resolvePages();

function setup() {
  let quitting = false;
  const created: unknown[] = [];
  const onCaptureLoaded = vi.fn();
  const onPromptLoaded = vi.fn();
  const windows = new WindowManager({
    preload: '/app/out/preload/index.cjs',
    pages,
    logger: createLogger({ write: () => undefined }),
    isQuitting: () => quitting,
    onCreated: (contents) => created.push(contents),
    onCaptureLoaded,
    onPromptLoaded,
  });
  return { windows, created, onCaptureLoaded, onPromptLoaded, quit: () => (quitting = true) };
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

  it('hands out the dashboard, hidden or shown, as a dialog parent until it is really closed', () => {
    const t = setup();
    expect(t.windows.dashboardWindow()).toBeNull();
    const win = fake(t.windows.showDashboard());
    expect(t.windows.dashboardWindow()).toBe(win);
    win.close();
    expect(t.windows.dashboardWindow()).toBe(win);
    t.quit();
    win.close();
    expect(t.windows.dashboardWindow()).toBeNull();
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
    const prompt = fake(t.windows.showPrompt());
    expect(t.windows.liveContents()).toEqual([dashboard.webContents, capture.webContents, prompt.webContents]);
    t.quit();
    dashboard.close();
    prompt.close();
    expect(t.windows.liveContents()).toEqual([capture.webContents]);
  });
});

describe('bottomRight', () => {
  it('puts the window in the corner of the work area, a margin in', () => {
    expect(bottomRight({ x: 0, y: 0, width: 1920, height: 1040 }, { width: 380, height: 300 }, 16)).toEqual({
      x: 1524,
      y: 724,
    });
    // A work area that does not start at the origin (a menu bar on top, a display on the right).
    expect(bottomRight({ x: 1920, y: 25, width: 1440, height: 875 }, { width: 380, height: 300 }, 10)).toEqual({
      x: 2970,
      y: 590,
    });
  });
});

describe('WindowManager prompt window', () => {
  /** Shows the prompt and lets its page paint, as Electron would. */
  function shownPrompt(t: ReturnType<typeof setup>): BrowserWindow {
    const win = fake(t.windows.showPrompt());
    win.emit('ready-to-show');
    return win;
  }

  it('is small, secure, on top at the floating level, off the taskbar, and loads the prompt page', () => {
    const t = setup();
    const win = fake(t.windows.showPrompt());
    expect(win.options).toMatchObject({
      ...PROMPT_SIZE,
      show: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
    });
    expect(PROMPT_SIZE).toEqual({ width: 380, height: 300 });
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
    expect(win.alwaysOnTop).toEqual({ flag: true, level: 'floating' });
    expect(win.loaded).toEqual([pages.prompt]);
    expect(t.created).toEqual([win.webContents]);
  });

  it('appears only once painted, without taking focus, in the bottom-right corner of the work area', () => {
    const t = setup();
    screen.primary = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
    const win = fake(t.windows.showPrompt());
    expect(win.visible).toBe(false);
    expect(win.options).toMatchObject({ x: 1440 - 380 - PROMPT_MARGIN, y: 25 + 875 - 300 - PROMPT_MARGIN });
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(win.shownWith).toBe('showInactive');
    expect(win.focused).toBe(false);
    expect(win.position).toEqual([1044, 584]);
  });

  it('is created once and reused for every later prompt', () => {
    const t = setup();
    const win = shownPrompt(t);
    t.windows.hidePrompt();
    expect(win.visible).toBe(false);
    for (let i = 0; i < 5; i++) {
      expect(t.windows.showPrompt()).toBe(win);
      expect(win.visible).toBe(true);
      t.windows.hidePrompt();
    }
    expect(BrowserWindow.all).toHaveLength(1);
    expect(win.loaded).toEqual([pages.prompt]);
    expect(win.shownWith).toBe('showInactive');
    expect(win.focused).toBe(false);
  });

  it('is placed afresh when it reappears, but not moved while on screen', () => {
    const t = setup();
    const win = shownPrompt(t);
    expect(win.position).toEqual([1524, 724]);
    win.position = [10, 10]; // dragged by the person
    t.windows.showPrompt();
    expect(win.position).toEqual([10, 10]);
    t.windows.hidePrompt();
    screen.primary = { workArea: { x: 0, y: 0, width: 1280, height: 720 } };
    t.windows.showPrompt();
    expect(win.position).toEqual([1280 - 380 - 16, 720 - 300 - 16]);
  });

  it('stays hidden when hidden before its page painted', () => {
    const t = setup();
    const win = fake(t.windows.showPrompt());
    t.windows.hidePrompt();
    win.emit('ready-to-show');
    expect(win.visible).toBe(false);
    expect(win.shownWith).toBeNull();
  });

  it('closing hides it and keeps it; quitting really closes it, and a later prompt makes a new one', () => {
    const t = setup();
    const win = shownPrompt(t);
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    expect(t.windows.showPrompt()).toBe(win);
    expect(win.visible).toBe(true);
    t.quit();
    win.close();
    expect(win.destroyed).toBe(true);
    t.windows.hidePrompt(); // nothing to hide: no throw
    expect(t.windows.showPrompt()).not.toBe(win);
    expect(BrowserWindow.all).toHaveLength(2);
  });

  it('says when its page has loaded, so the pending prompt can be sent to it', () => {
    const t = setup();
    const win = fake(t.windows.showPrompt());
    expect(t.onPromptLoaded).not.toHaveBeenCalled();
    win.webContents.emit('did-finish-load');
    expect(t.onPromptLoaded).toHaveBeenCalledWith(win.webContents);
  });

  it('is not made until a prompt comes', () => {
    const t = setup();
    t.windows.hidePrompt();
    t.windows.ensureCapture();
    t.windows.showDashboard();
    expect(BrowserWindow.all.map((w) => w.loaded[0])).toEqual([pages.capture, pages.dashboard]);
  });
});
