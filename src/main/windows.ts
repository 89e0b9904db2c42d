/**
 * The three windows: the dashboard (shown on demand, hidden rather than closed), the hidden capture page,
 * and the small break-prompt window. One of each, created lazily and reused: never a window per prompt.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents, type WebPreferences } from 'electron';
import type { Logger } from './logger';
import type { Pages } from './paths';
import { PromptWindow } from './prompt-window';

/** The renderer gets no Node, runs sandboxed, and sees the preload only through contextBridge. */
export function secureWebPreferences(preload: string): WebPreferences {
  return { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload };
}

export interface WindowManagerOptions {
  /** Absolute path of the built preload (paths.ts builtFiles().preload). */
  preload: string;
  pages: Pages;
  logger: Logger;
  /** While false, closing the dashboard only hides it: the app lives on in the tray. */
  isQuitting: () => boolean;
  /** Every new window's contents, so index.ts can install the navigation guards. */
  onCreated: (contents: WebContents) => void;
  /** The capture page has (re)loaded: the moment to hand it a fresh capture port. */
  onCaptureLoaded: () => void;
  /**
   * The prompt page has (re)loaded: the moment to send it the pending prompt, since the event that
   * asked for the window went out before its page could listen.
   */
  onPromptLoaded?: (contents: WebContents) => void;
}

export class WindowManager {
  private dashboard: BrowserWindow | null = null;
  private capture: BrowserWindow | null = null;
  private captureReady = false;
  private readonly prompt: PromptWindow;

  constructor(private readonly opts: WindowManagerOptions) {
    this.prompt = new PromptWindow({
      create: (options) => this.create(options),
      url: opts.pages.prompt,
      load: (win, url) => this.load(win, url),
      logger: opts.logger,
      isQuitting: opts.isQuitting,
      onLoaded: opts.onPromptLoaded,
    });
  }

  /**
   * Shows (creating if needed) and focuses the dashboard; with a section (e.g. 'check-in') it opens at that
   * card: the page follows its URL fragment, and a fragment-only load is an in-page navigation.
   */
  showDashboard(section?: string): BrowserWindow {
    const url = section ? `${this.opts.pages.dashboard}#${section}` : this.opts.pages.dashboard;
    const existing = this.dashboard;
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      if (section) this.load(existing, url);
      existing.show();
      existing.focus();
      return existing;
    }
    const win = new BrowserWindow({
      width: 1100,
      height: 760,
      minWidth: 720,
      minHeight: 520,
      title: 'Attune',
      show: false,
      webPreferences: secureWebPreferences(this.opts.preload),
    });
    this.dashboard = win;
    this.opts.onCreated(win.webContents);
    win.once('ready-to-show', () => win.show());
    win.on('close', (event) => {
      if (this.opts.isQuitting()) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      if (this.dashboard === win) this.dashboard = null;
    });
    this.load(win, url);
    return win;
  }

  /** The dashboard if it is open (visible or hidden), e.g. as the parent of a save dialog; else null. */
  dashboardWindow(): BrowserWindow | null {
    const win = this.dashboard;
    return win && !win.isDestroyed() ? win : null;
  }

  /** Creates the hidden capture window once; later calls return it. */
  ensureCapture(): BrowserWindow {
    const existing = this.capture;
    if (existing && !existing.isDestroyed()) return existing;
    const win = new BrowserWindow({
      width: 320,
      height: 240,
      show: false,
      skipTaskbar: true,
      title: 'Attune capture',
      // A hidden window is throttled by default, which would stall frame sampling.
      webPreferences: { ...secureWebPreferences(this.opts.preload), backgroundThrottling: false },
    });
    this.capture = win;
    this.captureReady = false;
    const contents = win.webContents;
    this.opts.onCreated(contents);
    contents.on('did-start-loading', () => {
      this.captureReady = false;
    });
    contents.on('did-finish-load', () => {
      this.captureReady = true;
      this.opts.onCaptureLoaded();
    });
    contents.on('render-process-gone', (_event, details) => {
      this.captureReady = false;
      this.opts.logger.error(`capture page process gone (${details.reason})`);
    });
    win.on('closed', () => {
      if (this.capture === win) {
        this.capture = null;
        this.captureReady = false;
      }
    });
    this.load(win, this.opts.pages.capture);
    return win;
  }

  /** The capture page's contents once it has loaded (its preload listens for the port), else null. */
  captureContents(): WebContents | null {
    const win = this.capture;
    if (!win || win.isDestroyed() || !this.captureReady) return null;
    return win.webContents;
  }

  /** Shows the break-prompt window without taking focus (see prompt-window.ts); one window, reused. */
  showPrompt(): BrowserWindow {
    return this.prompt.show();
  }

  /** Hides the prompt window (answered, or the prompt went away); it is kept for the next prompt. */
  hidePrompt(): void {
    this.prompt.hide();
  }

  /** Contents of every live window, for event broadcasts. */
  liveContents(): WebContents[] {
    return [this.dashboard, this.capture, this.prompt.window()]
      .filter((win): win is BrowserWindow => win !== null && !win.isDestroyed())
      .map((win) => win.webContents);
  }

  /** A new window with the secure preferences, its contents handed to onCreated for the guards. */
  private create(options: BrowserWindowConstructorOptions): BrowserWindow {
    const win = new BrowserWindow({ ...options, webPreferences: secureWebPreferences(this.opts.preload) });
    this.opts.onCreated(win.webContents);
    return win;
  }

  private load(win: BrowserWindow, url: string): void {
    win.loadURL(url).catch((err: unknown) => {
      this.opts.logger.error(`could not load ${url}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
}
