import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_METHODS, apiChannel, eventChannel, type ApiMethod, type AttuneEvents } from '../shared/api';
import type { Envelope } from '../shared/envelope';
import type { FromEngine, ToEngine } from '../shared/engine-protocol';
import type { BreakPrompt, Environment } from '../shared/prompts';
import type * as ElectronFake from './test-support/electron-fake';
import { trayIconBitmap, type TrayIconState } from './tray-icon';
import type { TrayMenuItem } from './tray-menu';

type Fake = typeof ElectronFake;

/** Loads a fresh main entry against a fresh fake Electron. */
async function boot(
  options: {
    lock?: boolean;
    ready?: boolean;
    argv?: string[];
    platform?: NodeJS.Platform;
    openedAtLogin?: boolean;
    /** app.getPath answers, e.g. a temporary appData folder. */
    paths?: Record<string, string>;
  } = {},
): Promise<Fake> {
  vi.resetModules();
  const fake = await import('./test-support/electron-fake');
  // Each boot gets its own fake Electron, the one the fresh entry module will import.
  vi.doMock('electron', () => fake);
  fake.resetElectronFake();
  fake.app.hasLock = options.lock ?? true;
  fake.app.openedAtLogin = options.openedAtLogin ?? false;
  fake.app.paths = options.paths ?? {};
  const argv = process.argv;
  process.argv = [...argv, ...(options.argv ?? [])];
  const platform = Object.getOwnPropertyDescriptor(process, 'platform');
  if (options.platform) Object.defineProperty(process, 'platform', { value: options.platform, configurable: true });
  try {
    await import('./index');
    if (options.ready ?? true) await fake.app.becomeReady();
    // Let the whenReady().then(...) callback run.
    await new Promise<void>((resolve) => setImmediate(resolve));
  } finally {
    process.argv = argv;
    if (platform) Object.defineProperty(process, 'platform', platform);
  }
  return fake;
}

/** The tray icon's state, read back from the bitmap the tray was last given. */
function trayIcon(fake: Fake): TrayIconState | undefined {
  const image = fake.Tray.instances[0]?.images.at(-1) as { buffer: Buffer } | undefined;
  const states: TrayIconState[] = ['steady', 'bright', 'low', 'tense', 'unknown', 'paused', 'off'];
  return states.find((s) => image !== undefined && Buffer.from(trayIconBitmap(s, 32)).equals(image.buffer));
}

const fakeEventLike = { preventDefault: () => undefined };

/** Calls the renderer API as the dashboard page would, through the IPC handler. */
async function callApi(fake: Fake, method: ApiMethod, ...args: unknown[]): Promise<Envelope<unknown>> {
  const url = windowLoading(fake, 'index.html')?.loaded[0];
  const handler = fake.ipcMain.handlers.get(apiChannel(method));
  if (!url || !handler) throw new Error(`cannot call ${method}`);
  return (await handler({ senderFrame: { url, parent: null } }, ...args)) as Envelope<unknown>;
}

/** Answers the engine's latest request for `method` with `value`. */
function answer(fake: Fake, method: string, value: unknown): void {
  const request = posted(fake).findLast((m) => m.type === 'request' && m.method === method);
  if (!request) throw new Error(`no ${method} request`);
  fromEngine(fake, { type: 'response', seq: 99, replyTo: request.seq, result: { ok: true, value } });
}

const posted = (fake: Fake): ToEngine[] => (fake.forks[0]?.posted ?? []).map((p) => p.message as ToEngine);
const trayItems = (fake: Fake): TrayMenuItem[] => (fake.Tray.instances[0]?.menu?.template ?? []) as TrayMenuItem[];
const windowLoading = (fake: Fake, page: string) => fake.BrowserWindow.all.find((w) => w.loaded[0]?.endsWith(page));
/** The environments main has sent the engine, oldest first. */
const environments = (fake: Fake): Environment[] =>
  posted(fake).flatMap((m) => (m.type === 'request' && m.method === 'setEnvironment' ? [m.args[0]] : []));
const QUIET: Environment = { locked: false, idle: false, meeting: false, fullscreen: false };

/** A message from the (fake) engine process, type-checked. */
function fromEngine(fake: Fake, message: FromEngine): void {
  fake.forks[0]?.emit('message', message);
}

function engineReady(fake: Fake): void {
  const ready: FromEngine = { type: 'ready', seq: 1, modelLoadMs: 700, capturePort: null, ingestPort: null };
  fake.forks[0]?.emit('message', ready);
}

function prompt(action: BreakPrompt['action'], id = 7): BreakPrompt {
  return {
    id,
    t: 1_700_000_000_000,
    reason: 'sad',
    evidence: {
      reason: 'sad',
      from: 1_699_999_400_000,
      to: 1_700_000_000_000,
      evidenceMs: 400_000,
      share: 0.8,
      shareThreshold: 0.6,
      minEvidenceMs: 180_000,
      confidenceThreshold: 0.5,
      byModality: { face: 1, voice: 0, text: 0 },
    },
    action,
    answeredAt: action === null ? null : 1_700_000_060_000,
    recovered: null,
  };
}

// Main logs to stderr; keep the test output clean.
beforeEach(() => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('main entry', () => {
  it('a second instance quits at once', async () => {
    const fake = await boot({ lock: false, ready: false });
    expect(fake.app.quits).toBe(1);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('on ready starts the engine, the capture window, the dashboard, the tray and the IPC handlers', async () => {
    const fake = await boot();
    expect(fake.forks).toHaveLength(1);
    expect(fake.forks[0]?.modulePath).toMatch(/engine\.js$/);
    const init = posted(fake)[0];
    expect(init).toMatchObject({
      type: 'init',
      config: {
        modelsDir: '/repo/resources/models',
        captureSocket: null,
        threads: 1,
        sqliteBinding: expect.any(String) as string,
      },
    });
    expect(init?.type === 'init' && init.config.dbFile).toBe('/home/user/.config/Attune-userData/attune.sqlite');
    expect(windowLoading(fake, 'capture.html')?.options.show).toBe(false);
    expect(windowLoading(fake, 'index.html')).toBeDefined();
    expect(fake.Tray.instances).toHaveLength(1);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(apiChannel).sort());
  });

  it('loads the pages from attune://, registered before ready and serving the renderer folder', async () => {
    const fake = await boot();
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['attune']);
    expect(fake.protocol.readyAtRegistration).toEqual([false]);
    expect(windowLoading(fake, 'index.html')?.loaded[0]).toBe('attune://app/index.html');
    expect(windowLoading(fake, 'capture.html')?.loaded[0]).toBe('attune://app/capture.html');
    const handler = fake.protocol.handlers.get('attune');
    if (!handler) throw new Error('attune:// not handled');
    const page = await handler(new Request('attune://app/index.html'));
    expect(page.headers.get('Content-Security-Policy')).toContain("connect-src 'self';");
    expect(fake.net.fetched[0]).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect((await handler(new Request('attune://app/..%2f..%2fpackage.json'))).status).toBe(404);
  });

  it('guards every webContents once, through the global web-contents-created handler', async () => {
    const fake = await boot();
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    const contents = windowLoading(fake, 'index.html')?.webContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents?.listenerCount(event)).toBe(1);
    }
  });

  it('starts in the tray only with --hidden', async () => {
    const fake = await boot({ argv: ['--hidden'] });
    expect(windowLoading(fake, 'index.html')).toBeUndefined();
    expect(windowLoading(fake, 'capture.html')).toBeDefined();
  });

  it('hands the capture page a port once it has loaded', async () => {
    const fake = await boot();
    const capture = windowLoading(fake, 'capture.html');
    capture?.webContents.emit('did-finish-load');
    expect(capture?.webContents.posted.map((p) => p.channel)).toEqual(['attune:capture-port']);
    expect(posted(fake).map((m) => (m as { type: string }).type)).toEqual(['init', 'capture-port']);
  });

  it('broadcasts engine state and updates the tray', async () => {
    const fake = await boot();
    const ready: FromEngine = { type: 'ready', seq: 1, modelLoadMs: 700, capturePort: null, ingestPort: null };
    fake.forks[0]?.emit('message', ready);
    const dashboard = windowLoading(fake, 'index.html');
    const last = dashboard?.webContents.sent.at(-1);
    expect(last?.channel).toBe(eventChannel('status'));
    expect(last?.args[0]).toMatchObject({ engine: 'ready', modelLoadMs: 700 });
    expect(trayItems(fake)[0]?.label).toBe('Mood: — · camera off');
  });

  it('pausing from the tray pauses the app', async () => {
    const fake = await boot();
    trayItems(fake)
      .find((i) => i.label === 'Pause for 15 minutes')
      ?.click?.();
    expect(trayItems(fake)[0]?.label).toBe('Paused');
    expect(fake.Tray.instances[0]?.tooltip).toBe('Attune — paused');
  });

  it('pausing from the tray tells the capture page, which releases the camera, and greys the icon', async () => {
    const fake = await boot();
    engineReady(fake);
    const capture = windowLoading(fake, 'capture.html');
    trayItems(fake)
      .find((i) => i.label === 'Pause for 1 hour')
      ?.click?.();
    const statuses = capture?.webContents.sent.filter((m) => m.channel === eventChannel('status')) ?? [];
    expect(statuses.at(-1)?.args[0]).toMatchObject({ paused: true, camera: 'paused' });
    expect(trayIcon(fake)).toBe('paused');
    trayItems(fake)
      .find((i) => i.label === 'Resume')
      ?.click?.();
    expect(capture?.webContents.sent.at(-1)?.args[0]).toMatchObject({ paused: false });
    expect(trayIcon(fake)).toBe('unknown');
  });

  it('the tray icon follows the mood, and shows off when every sensor is switched off', async () => {
    const fake = await boot();
    // Starting: nothing to show yet.
    expect(trayIcon(fake)).toBe('unknown');
    engineReady(fake);
    const mood: AttuneEvents['mood'] = {
      t: 1,
      label: 'sad',
      probs: { neutral: 0, happy: 0, sad: 1, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
      valence: -0.6,
      arousal: -0.2,
      confidence: 0.8,
      modalities: {
        face: { share: 1, probs: null, lastAt: null },
        voice: { share: 0, probs: null, lastAt: null },
        text: { share: 0, probs: null, lastAt: null },
      },
    };
    fromEngine(fake, { type: 'event', seq: 2, name: 'mood', payload: mood });
    expect(trayIcon(fake)).toBe('low');
    // Once ready, main reads the sensor settings for the tray.
    answer(fake, 'getSensorSettings', { camera: false, microphone: false, frameRate: 2 });
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(trayIcon(fake)).toBe('off');
    expect(trayItems(fake)[0]?.label).toBe('Sensors off');
  });

  it('closing every window keeps the app running in the tray', async () => {
    const fake = await boot();
    const dashboard = windowLoading(fake, 'index.html');
    dashboard?.close();
    fake.app.emit('window-all-closed');
    expect(fake.app.quits).toBe(0);
    expect(fake.Tray.instances[0]?.destroyed).toBe(false);
  });

  it('on macOS, being opened as a login item starts in the tray only', async () => {
    const fake = await boot({ platform: 'darwin', openedAtLogin: true });
    expect(windowLoading(fake, 'index.html')).toBeUndefined();
    expect(fake.Tray.instances).toHaveLength(1);
  });

  it('switches start at login on and off (an XDG autostart entry on Linux)', async () => {
    const appData = mkdtempSync(join(tmpdir(), 'attune-main-'));
    try {
      const fake = await boot({ platform: 'linux', paths: { appData } });
      expect(await callApi(fake, 'getDesktopSettings')).toEqual({ ok: true, value: { startAtLogin: false } });
      expect(await callApi(fake, 'setDesktopSettings', { startAtLogin: true })).toEqual({
        ok: true,
        value: { startAtLogin: true },
      });
      const entry = readFileSync(join(appData, 'autostart', 'attune.desktop'), 'utf8');
      // A development run: Electron, then the app folder, then --hidden.
      expect(entry).toMatch(/^Exec=.+ \/repo --hidden$/m);
      expect(await callApi(fake, 'setDesktopSettings', { startAtLogin: false })).toMatchObject({
        value: { startAtLogin: false },
      });
    } finally {
      rmSync(appData, { recursive: true, force: true });
    }
  });

  it('uses login items on Windows', async () => {
    const fake = await boot({ platform: 'win32' });
    await callApi(fake, 'setDesktopSettings', { startAtLogin: true });
    expect(fake.app.loginItem).toEqual({
      openAtLogin: true,
      path: process.execPath,
      args: ['/repo', '--hidden'],
    });
    expect(await callApi(fake, 'getDesktopSettings')).toEqual({ ok: true, value: { startAtLogin: true } });
  });

  it('exports through a save dialog on the dashboard; the engine writes the file', async () => {
    const fake = await boot({ paths: { documents: '/home/ada/Documents' } });
    engineReady(fake);
    fake.dialog.answer = { canceled: false, filePath: '/home/ada/Documents/mood.json' };
    const result = callApi(fake, 'exportHistory', 'json', { from: 1, to: 2 });
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(fake.dialog.shown[0]?.parent).toBe(windowLoading(fake, 'index.html'));
    expect(fake.dialog.shown[0]?.options.defaultPath).toMatch(
      /^\/home\/ada\/Documents\/attune-history-\d{4}-\d\d-\d\d\.json$/,
    );
    expect(posted(fake).at(-1)).toMatchObject({
      type: 'request',
      method: 'writeExport',
      args: ['json', { from: 1, to: 2 }, '/home/ada/Documents/mood.json'],
    });
    answer(fake, 'writeExport', { bytes: 321 });
    expect(await result).toEqual({
      ok: true,
      value: { kind: 'saved', path: '/home/ada/Documents/mood.json', bytes: 321 },
    });
  });

  it('a cancelled export dialog writes nothing', async () => {
    const fake = await boot();
    engineReady(fake);
    expect(await callApi(fake, 'exportHistory', 'csv')).toEqual({ ok: true, value: { kind: 'cancelled' } });
    expect(posted(fake).some((m) => m.type === 'request' && m.method === 'writeExport')).toBe(false);
  });

  it('closing the dashboard hides it; a second launch shows it again', async () => {
    const fake = await boot();
    const dashboard = windowLoading(fake, 'index.html');
    dashboard?.show();
    dashboard?.close();
    expect(dashboard?.destroyed).toBe(false);
    expect(dashboard?.visible).toBe(false);
    fake.app.emit('second-instance', fakeEventLike, ['attune']);
    expect(dashboard?.visible).toBe(true);
  });

  it('a second launch from the login item (--hidden) leaves the dashboard closed', async () => {
    const fake = await boot({ argv: ['--hidden'] });
    fake.app.emit('second-instance', fakeEventLike, ['attune', '--hidden']);
    expect(windowLoading(fake, 'index.html')).toBeUndefined();
    fake.app.emit('second-instance', fakeEventLike, ['attune']);
    expect(windowLoading(fake, 'index.html')).toBeDefined();
  });

  it('on macOS, a second launch shows the dashboard even though this instance was opened at login', async () => {
    const fake = await boot({ platform: 'darwin', openedAtLogin: true });
    expect(windowLoading(fake, 'index.html')).toBeUndefined();
    fake.app.emit('second-instance', fakeEventLike, ['Attune']);
    expect(windowLoading(fake, 'index.html')).toBeDefined();
  });

  it('quit from the tray stops the engine, then exits', async () => {
    const fake = await boot();
    trayItems(fake)
      .find((i) => i.label === 'Quit Attune')
      ?.click?.();
    expect(posted(fake).at(-1)?.type).toBe('shutdown');
    expect(fake.app.quits).toBe(0);
    fake.forks[0]?.emit('exit', 0);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(fake.app.quits).toBe(1);
    expect(fake.Tray.instances[0]?.destroyed).toBe(true);
  });

  it('a quit from elsewhere (Cmd+Q) also waits for the engine', async () => {
    const fake = await boot();
    fake.app.quit();
    expect(fake.app.quits).toBe(0);
    expect(posted(fake).at(-1)?.type).toBe('shutdown');
    fake.forks[0]?.emit('exit', 0);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(fake.app.quits).toBe(1);
  });

  it('shows the prompt window for a new prompt without focus, and hides it once answered', async () => {
    const fake = await boot({ argv: ['--hidden'] });
    engineReady(fake);
    expect(windowLoading(fake, 'prompt.html')).toBeUndefined();
    fromEngine(fake, { type: 'event', seq: 2, name: 'prompt', payload: prompt(null) });
    const win = windowLoading(fake, 'prompt.html');
    win?.emit('ready-to-show');
    expect(win?.visible).toBe(true);
    expect(win?.focused).toBe(false);
    // Its page missed the event that opened it: it gets the prompt once loaded.
    win?.webContents.emit('did-finish-load');
    expect(win?.webContents.sent.at(-1)).toEqual({ channel: eventChannel('prompt'), args: [prompt(null)] });
    fromEngine(fake, { type: 'event', seq: 3, name: 'prompt', payload: prompt('breathe') });
    expect(win?.visible).toBe(false);
    fromEngine(fake, { type: 'event', seq: 4, name: 'prompt', payload: prompt(null) });
    expect(win?.visible).toBe(true);
    expect(fake.BrowserWindow.all.filter((w) => w.loaded[0]?.endsWith('prompt.html'))).toHaveLength(1);
  });

  it('tells the engine when the screen locks, the person is idle, or another app holds the camera', async () => {
    const fake = await boot();
    engineReady(fake);
    expect(environments(fake)).toEqual([QUIET]);
    fake.powerMonitor.emit('lock-screen');
    fake.powerMonitor.emit('unlock-screen');
    fromEngine(fake, { type: 'event', seq: 2, name: 'camera', payload: 'busy' });
    fromEngine(fake, { type: 'event', seq: 3, name: 'camera', payload: 'on' });
    fake.powerMonitor.idleSeconds = 600;
    fake.powerMonitor.emit('resume');
    expect(environments(fake)).toEqual([
      QUIET,
      { ...QUIET, locked: true },
      QUIET,
      { ...QUIET, meeting: true },
      QUIET,
      { ...QUIET, idle: true },
    ]);
  });

  it('stops watching the environment on quit', async () => {
    const fake = await boot();
    engineReady(fake);
    expect(fake.powerMonitor.listenerCount('lock-screen')).toBe(1);
    fake.app.quit();
    fake.forks[0]?.emit('exit', 0);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(fake.powerMonitor.listenerCount('lock-screen')).toBe(0);
  });

  it("an older prompt's late outcome does not hide the prompt on screen", async () => {
    const fake = await boot({ argv: ['--hidden'] });
    engineReady(fake);
    fromEngine(fake, { type: 'event', seq: 2, name: 'prompt', payload: prompt(null, 8) });
    const win = windowLoading(fake, 'prompt.html');
    win?.emit('ready-to-show');
    fromEngine(fake, { type: 'event', seq: 3, name: 'prompt', payload: { ...prompt('breathe', 7), recovered: true } });
    expect(win?.visible).toBe(true);
    win?.webContents.emit('did-finish-load');
    expect(win?.webContents.sent.at(-1)?.args).toEqual([prompt(null, 8)]);
    fromEngine(fake, { type: 'event', seq: 4, name: 'prompt', payload: prompt('not-now', 8) });
    expect(win?.visible).toBe(false);
  });
});
