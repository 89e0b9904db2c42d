/**
 * The small break-prompt window: one BrowserWindow, created on first use and reused for every prompt
 * (a window per prompt leaks, as Stretchly's did). It appears in the bottom-right corner of the primary
 * display without activating, so it never takes the keyboard from someone typing; it stays focusable,
 * so a click or the keyboard (for those who need it) can still answer it.
 */
import {
  screen,
  type BrowserWindow,
  type BrowserWindowConstructorOptions,
  type Rectangle,
  type WebContents,
} from 'electron';
import type { Logger } from './logger';

/** The window's size, DIP: room for one kind sentence and the action buttons. */
export const PROMPT_SIZE = { width: 380, height: 300 } as const;

/** Gap between the window and the edges of the work area, DIP. */
export const PROMPT_MARGIN = 16;

/** Top-left corner that puts a window of `size` in the bottom-right corner of `workArea`, `margin` in. */
export function bottomRight(
  workArea: Rectangle,
  size: { width: number; height: number },
  margin = PROMPT_MARGIN,
): { x: number; y: number } {
  return {
    x: Math.round(workArea.x + workArea.width - size.width - margin),
    y: Math.round(workArea.y + workArea.height - size.height - margin),
  };
}

export interface PromptWindowOptions {
  /** Makes a window with the app's secure webPreferences and navigation guards (WindowManager). */
  create: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** The prompt page's URL (paths.ts Pages.prompt). */
  url: string;
  load: (win: BrowserWindow, url: string) => void;
  logger: Logger;
  /** While false, closing the window only hides it. */
  isQuitting: () => boolean;
  /** The page has (re)loaded: send it the pending prompt, which went out before it could listen. */
  onLoaded?: (contents: WebContents) => void;
}

export class PromptWindow {
  private win: BrowserWindow | null = null;
  /** The page has painted once ('ready-to-show'); showing earlier would flash an empty window. */
  private ready = false;
  /** Whether the prompt should be on screen: asked for, and not hidden or closed since. */
  private wanted = false;

  constructor(private readonly opts: PromptWindowOptions) {}

  /** Shows the window without activating it, creating it on first use; returns the one window. */
  show(): BrowserWindow {
    this.wanted = true;
    const win = this.ensure();
    if (this.ready && !win.isVisible()) {
      // Placed afresh each time it appears (displays come and go), but never moved while on screen.
      const { x, y } = bottomRight(screen.getPrimaryDisplay().workArea, PROMPT_SIZE);
      win.setPosition(x, y);
      win.showInactive();
    }
    return win;
  }

  /** Hides the window, keeping it for the next prompt. */
  hide(): void {
    this.wanted = false;
    const win = this.win;
    if (win && !win.isDestroyed()) win.hide();
  }

  /** The live window, if one has been made, for broadcasts. */
  window(): BrowserWindow | null {
    return this.win && !this.win.isDestroyed() ? this.win : null;
  }

  private ensure(): BrowserWindow {
    const existing = this.window();
    if (existing) return existing;
    const win = this.opts.create({
      ...PROMPT_SIZE,
      ...bottomRight(screen.getPrimaryDisplay().workArea, PROMPT_SIZE),
      show: false,
      title: 'Attune',
      // A minimal native frame: the desktop's own close button and dragging, nothing to resize or maximise.
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
    });
    // 'floating' is the lowest level above ordinary windows: seen, yet below menus, alerts and screen savers.
    win.setAlwaysOnTop(true, 'floating');
    this.win = win;
    this.ready = false;
    const contents = win.webContents;
    win.once('ready-to-show', () => {
      this.ready = true;
      if (this.wanted) this.show();
    });
    contents.on('did-finish-load', () => this.opts.onLoaded?.(contents));
    contents.on('render-process-gone', (_event, details) => {
      this.opts.logger.error(`prompt page process gone (${details.reason})`);
    });
    win.on('close', (event) => {
      if (this.opts.isQuitting()) return;
      // Closing answers nothing: the window is kept for the next prompt.
      event.preventDefault();
      this.hide();
    });
    win.on('closed', () => {
      if (this.win !== win) return;
      this.win = null;
      this.ready = false;
    });
    this.opts.load(win, this.opts.url);
    return win;
  }
}
