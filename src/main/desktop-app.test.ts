/**
 * DesktopApp on Electron's ports over the fake Electron, with a manual clock and a logger that records: what it
 * builds when, the engine's timers and the idle poll on the injected clock, the engine's logs in main's logger, and
 * one ordered stop. (index.test.ts drives the same app through the real entry.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../shared/clock';
import type { FromEngine, ToEngine } from '../shared/engine-protocol';
import type { Environment } from '../shared/prompts';
import { DesktopApp } from './desktop-app';
import { electronPorts } from './desktop-deps';
import { DEFAULT_POLL_MS } from './environment-watcher';
import { createLogger } from './logger';
import * as fake from './test-support/electron-fake';

vi.mock('electron', () => import('./test-support/electron-fake'));

const START = Date.UTC(2026, 0, 5, 9);

function desktop(): { app: DesktopApp; clock: ManualClock; lines: string[] } {
  const clock = new ManualClock(START);
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', clock, write: (line) => lines.push(line) });
  const app = new DesktopApp(electronPorts('/repo/out/main'), { clock, logger });
  return { app, clock, lines };
}

const posted = (index = 0): ToEngine[] => (fake.forks[index]?.posted ?? []).map((p) => p.message as ToEngine);
const fromEngine = (message: FromEngine, index = 0): void => fake.forks[index]?.emit('message', message);
const ready = (): void => fromEngine({ type: 'ready', seq: 1, modelLoadMs: 5, capturePort: null, ingestPort: null });
const environments = (): Environment[] =>
  posted().flatMap((m) => (m.type === 'request' && m.method === 'setEnvironment' ? [m.args[0]] : []));
const page = (name: string) => fake.BrowserWindow.all.find((w) => w.loaded[0]?.endsWith(name));
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => fake.resetElectronFake());
afterEach(() => vi.restoreAllMocks());

describe('DesktopApp', () => {
  it('builds its parts without touching Electron; start opens the capture page, dashboard, tray and engine', () => {
    const { app } = desktop();
    expect(fake.forks).toHaveLength(0);
    expect(fake.BrowserWindow.all).toHaveLength(0);
    expect(fake.Tray.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);

    app.start();
    expect(fake.protocol.handlers.has('attune')).toBe(true);
    expect(fake.app.listenerCount('web-contents-created')).toBe(1);
    expect(fake.forks.map((f) => f.modulePath)).toEqual(['/repo/out/main/engine.js']);
    expect(posted()[0]).toMatchObject({ type: 'init', config: { modelsDir: '/repo/resources/models' } });
    expect(page('capture.html')?.options.show).toBe(false);
    expect(page('index.html')).toBeDefined();
    expect(fake.Tray.instances).toHaveLength(1);
    expect(fake.ipcMain.handlers.size).toBeGreaterThan(0);
  });

  it('polls idle time on the injected clock and tells the engine', () => {
    const { app, clock } = desktop();
    app.start();
    ready();
    expect(environments()).toEqual([{ locked: false, idle: false, meeting: false, fullscreen: false }]);
    fake.powerMonitor.idleSeconds = 600;
    clock.advance(DEFAULT_POLL_MS);
    expect(environments().at(-1)).toEqual({ locked: false, idle: true, meeting: false, fullscreen: false });
  });

  it("restarts an engine that never becomes ready, on the injected clock's time", () => {
    const { app, clock, lines } = desktop();
    app.start();
    clock.advance(29_999);
    expect(fake.forks[0]?.kills).toBe(0);
    clock.advance(1);
    expect(fake.forks[0]?.kills).toBe(1);
    expect(lines.some((l) => l.includes('ERROR [engine] The engine did not become ready in time'))).toBe(true);
  });

  it("writes the engine's log lines to main's logger, scoped and timed by the injected clock", () => {
    const { app, lines } = desktop();
    app.start();
    fromEngine({ type: 'log', seq: 2, level: 'warn', message: 'voice model not loaded' });
    expect(lines).toContain(`${new Date(START).toISOString()} WARN [engine] voice model not loaded\n`);
  });

  it('stops once: the engine first, then the tray, then Electron quits', async () => {
    const { app } = desktop();
    app.start();
    ready();
    const first = app.stop();
    expect(app.stop()).toBe(first);
    expect(posted().at(-1)?.type).toBe('shutdown');
    expect(posted().filter((m) => m.type === 'shutdown')).toHaveLength(1);
    expect(fake.powerMonitor.listenerCount('lock-screen')).toBe(0);
    expect(fake.Tray.instances[0]?.destroyed).toBe(false);
    fake.forks[0]?.emit('exit', 0);
    await first;
    expect(fake.Tray.instances[0]?.destroyed).toBe(true);
    expect(fake.app.quits).toBe(1);
  });

  it('a second launch shows the dashboard unless it is the login item', () => {
    const { app } = desktop();
    vi.spyOn(process, 'argv', 'get').mockReturnValue(['electron', '/repo', '--hidden']);
    app.start();
    expect(page('index.html')).toBeUndefined();
    app.secondLaunch(['attune', '--hidden']);
    expect(page('index.html')).toBeUndefined();
    app.secondLaunch(['attune']);
    expect(page('index.html')).toBeDefined();
  });

  it('hands the engine a capture port once the capture page has loaded', async () => {
    const { app } = desktop();
    app.start();
    page('capture.html')?.webContents.emit('did-finish-load');
    await settle();
    expect(posted().map((m) => (m as { type: string }).type)).toEqual(['init', 'capture-port']);
  });
});
