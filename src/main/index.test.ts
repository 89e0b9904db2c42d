import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, apiChannel, eventChannel } from '../shared/api';
import type { FromEngine, ToEngine } from '../shared/engine-protocol';
import type { BreakPrompt, Environment } from '../shared/prompts';
import type * as ElectronFake from './test-support/electron-fake';
import type { TrayMenuItem } from './tray-menu';

type Fake = typeof ElectronFake;

/** Loads a fresh main entry against a fresh fake Electron. */
async function boot(options: { lock?: boolean; ready?: boolean; argv?: string[] } = {}): Promise<Fake> {
  vi.resetModules();
  const fake = await import('./test-support/electron-fake');
  // Each boot gets its own fake Electron, the one the fresh entry module will import.
  vi.doMock('electron', () => fake);
  fake.resetElectronFake();
  fake.app.hasLock = options.lock ?? true;
  const argv = process.argv;
  process.argv = [...argv, ...(options.argv ?? [])];
  try {
    await import('./index');
    if (options.ready ?? true) await fake.app.becomeReady();
    // Let the whenReady().then(...) callback run.
    await new Promise<void>((resolve) => setImmediate(resolve));
  } finally {
    process.argv = argv;
  }
  return fake;
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

  it('closing the dashboard hides it; a second launch shows it again', async () => {
    const fake = await boot();
    const dashboard = windowLoading(fake, 'index.html');
    dashboard?.show();
    dashboard?.close();
    expect(dashboard?.destroyed).toBe(false);
    expect(dashboard?.visible).toBe(false);
    fake.app.emit('second-instance');
    expect(dashboard?.visible).toBe(true);
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
