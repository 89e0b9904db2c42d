/**
 * A stand-in for the parts of `electron` the main adapters use, for `vi.mock('electron', () =>
 * import('./test-support/electron-fake'))`. Electron cannot run here; these fakes record what the
 * adapters asked for and let tests fire the events Electron would.
 */
import { PassThrough } from 'node:stream';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  private listeners = new Map<string, { fn: Listener; once: boolean }[]>();

  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }

  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }

  removeListener(event: string, fn: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l.fn !== fn),
    );
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => !l.once),
    );
    for (const l of list) (l.fn as (...a: unknown[]) => unknown)(...args);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-style event: `preventDefault` plus extra fields. */
export function fakeEvent<T extends object>(
  fields: T = {} as T,
): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends FakeEmitter {
  url = '';
  destroyed = false;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly posted: { channel: string; message: unknown; transfer: unknown[] }[] = [];

  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
  setWindowOpenHandler(): void {}
  get session(): typeof session.defaultSession {
    return session.defaultSession;
  }
}

export class BrowserWindow extends FakeEmitter {
  static all: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  /** How the window was last shown: `show` gives it focus, `showInactive` does not. */
  shownWith: 'show' | 'showInactive' | null = null;
  position: [number, number] | null = null;
  alwaysOnTop: { flag: boolean; level: string | undefined } | null = null;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
    // Like Electron, every new webContents is announced on the app.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }
  /** Like Electron: shows and focuses. */
  show(): void {
    this.visible = true;
    this.focused = true;
    this.shownWith = 'show';
  }
  showInactive(): void {
    this.visible = true;
    this.shownWith = 'showInactive';
  }
  isVisible(): boolean {
    return this.visible;
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.alwaysOnTop = { flag, level };
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What a click on the close button does: `close`, then `closed` unless prevented. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeUtilityProcess extends FakeEmitter {
  readonly posted: { message: unknown; transfer: unknown[] }[] = [];
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  kills = 0;
  pid: number | undefined = 4242;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  postMessage(message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ message, transfer });
  }
  kill(): boolean {
    this.kills += 1;
    return true;
  }
}

export const forks: FakeUtilityProcess[] = [];

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    const proc = new FakeUtilityProcess(modulePath, args, options);
    forks.push(proc);
    return proc;
  },
};

let portCount = 0;
export class FakeMessagePortMain {
  constructor(readonly name: string) {}
}
export class MessageChannelMain {
  readonly port1: FakeMessagePortMain;
  readonly port2: FakeMessagePortMain;
  constructor() {
    portCount += 1;
    this.port1 = new FakeMessagePortMain(`port1#${portCount}`);
    this.port2 = new FakeMessagePortMain(`port2#${portCount}`);
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown[]): { template: unknown[] } => ({ template }),
};

export class Tray extends FakeEmitter {
  static instances: Tray[] = [];
  menu: { template: unknown[] } | null = null;
  tooltip = '';
  images: unknown[] = [];
  destroyed = false;

  constructor(image: unknown) {
    super();
    this.images.push(image);
    Tray.instances.push(this);
  }
  setImage(image: unknown): void {
    this.images.push(image);
  }
  setContextMenu(menu: { template: unknown[] }): void {
    this.menu = menu;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export const nativeImage = {
  createFromBitmap: (buffer: Buffer, options: Record<string, unknown>) => ({ buffer, options }),
};

class FakeApp extends FakeEmitter {
  isPackaged = false;
  hasLock = true;
  quits = 0;
  exitCode: number | null = null;
  private ready: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.ready = resolve));

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Test control: Electron has finished starting. */
  becomeReady(): Promise<void> {
    this.isReadyFlag = true;
    this.ready();
    return this.readyPromise;
  }
  private isReadyFlag = false;
  /** Whether becomeReady has run (Electron's app.isReady(), named apart so tests cannot confuse the two). */
  isReadyNow(): boolean {
    return this.isReadyFlag;
  }
  getAppPath(): string {
    return '/repo';
  }
  /** Test control: paths to answer instead of the made-up defaults, by name (e.g. `documents`). */
  paths: Record<string, string> = {};
  getPath(name: string): string {
    return this.paths[name] ?? `/home/user/.config/Attune-${name}`;
  }
  /** The login item as last set; like Windows, it is found again only with the same path and args. */
  loginItem: { openAtLogin: boolean; path?: string; args?: string[] } | null = null;
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void {
    this.loginItem = { ...settings };
  }
  getLoginItemSettings(options: { path?: string; args?: string[] } = {}): {
    openAtLogin: boolean;
    wasOpenedAtLogin: boolean;
  } {
    const item = this.loginItem;
    const same =
      item !== null && item.path === options.path && (item.args ?? []).join('\0') === (options.args ?? []).join('\0');
    return { openAtLogin: same && item.openAtLogin, wasOpenedAtLogin: this.openedAtLogin };
  }
  /** Test control: macOS says the app was started as a login item. */
  openedAtLogin = false;
  /** Like Electron: `before-quit` first; quitting goes on unless a listener prevents it. */
  quit(): void {
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quits += 1;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export let app = new FakeApp();

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (_listener: unknown): void => undefined },
    setPermissionRequestHandler: (_handler: unknown): void => undefined,
    setPermissionCheckHandler: (_handler: unknown): void => undefined,
  },
};

/** Custom schemes: what was registered as privileged (before ready) and each scheme's handler. */
export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  readyAtRegistration: [] as boolean[],
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    this.readyAtRegistration.push(app.isReadyNow());
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

/** net.fetch: answers every URL with a small page, remembering what was asked. */
export const net = {
  fetched: [] as string[],
  fetch(url: string): Promise<Response> {
    this.fetched.push(url);
    return Promise.resolve(new Response('<html></html>', { headers: { 'Content-Type': 'text/html' } }));
  },
};

export class FakePowerMonitor extends FakeEmitter {
  /** Test control: seconds since the last input. */
  idleSeconds = 0;
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
}

export let powerMonitor = new FakePowerMonitor();

interface FakeRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The primary display; tests may replace `screen.primary` to move or resize it. */
export const screen = {
  primary: { workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
  getPrimaryDisplay(): { workArea: FakeRectangle } {
    return this.primary;
  },
};

interface FakeSaveDialogOptions {
  title?: string;
  defaultPath?: string;
  buttonLabel?: string;
  filters?: { name: string; extensions: string[] }[];
  properties?: string[];
}

/** Save dialogs: tests set `answer` (what the person picks) and read `shown`. */
export const dialog = {
  answer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  shown: [] as { parent: BrowserWindow | null; options: FakeSaveDialogOptions }[],
  showSaveDialog(
    parentOrOptions: BrowserWindow | FakeSaveDialogOptions,
    maybeOptions?: FakeSaveDialogOptions,
  ): Promise<{ canceled: boolean; filePath: string }> {
    const parent = parentOrOptions instanceof BrowserWindow ? parentOrOptions : null;
    const options = parentOrOptions instanceof BrowserWindow ? (maybeOptions ?? {}) : parentOrOptions;
    this.shown.push({ parent, options });
    return Promise.resolve({ ...this.answer });
  },
};

/** Forgets every window, process, handler and tray made so far. */
export function resetElectronFake(): void {
  BrowserWindow.all = [];
  forks.length = 0;
  ipcMain.handlers.clear();
  Tray.instances = [];
  portCount = 0;
  app = new FakeApp();
  powerMonitor = new FakePowerMonitor();
  screen.primary = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  dialog.answer = { canceled: true, filePath: '' };
  dialog.shown = [];
  protocol.privileged = [];
  protocol.handlers.clear();
  protocol.readyAtRegistration = [];
  net.fetched = [];
}
