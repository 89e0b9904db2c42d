import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, apiChannel, eventChannel, type ApiHandlers } from '../shared/api';
import type { Envelope } from '../shared/envelope';
import type { AppStatus } from '../shared/mood';
import { handlersFromSpec } from '../app/api-handlers.test-support';
import { createBroadcaster, registerIpc } from './ipc';
import { createLogger } from './logger';
import { resolvePages } from './paths';
import { BrowserWindow, FakeWebContents, ipcMain, resetElectronFake } from './test-support/electron-fake';

vi.mock('electron', () => import('./test-support/electron-fake'));

const pages = resolvePages();
const status: AppStatus = {
  engine: 'ready',
  paused: false,
  camera: 'on',
  modelLoadMs: 10,
  lastFrameAt: null,
  problem: null,
};

function service(): ApiHandlers {
  // The break-prompt, baseline, history, settings, first-run and feed calls go through the same handlers; these
  // tests do not call them (handlersFromSpec makes them throw).
  return handlersFromSpec({
    getStatus: vi.fn(() => status),
    getSamples: vi.fn(() => []),
    getLiveMood: vi.fn(() => null),
    setPaused: vi.fn((paused: boolean) => ({ ...status, paused })),
    reportCamera: vi.fn(() => status),
    getCaptureTarget: vi.fn(() => ({ kind: 'message-port' as const })),
    checkIn: vi.fn(() => {
      throw new Error('not used');
    }),
    getCheckIns: vi.fn(() => []),
    getTextSettings: vi.fn(() => ({ storeText: false })),
    setStoreText: vi.fn((storeText: boolean) => ({ storeText })),
    getIngestInfo: vi.fn(() => ({ url: null, token: 't', enabled: false })),
    setIngestEnabled: vi.fn((enabled: boolean) => ({ url: null, token: 't', enabled })),
  });
}

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

function invoke(method: string, event: unknown, ...args: unknown[]): Promise<Envelope<unknown>> {
  const handler = ipcMain.handlers.get(`attune:api:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(event, ...args) as Promise<Envelope<unknown>>;
}

beforeEach(() => resetElectronFake());

describe('registerIpc', () => {
  const quiet = createLogger({ write: () => undefined });

  it('registers exactly one handler per contract method', () => {
    registerIpc(service(), pages.isOurPage, quiet);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(apiChannel).sort());
  });

  it('dispatches valid calls to the service and answers with an envelope', async () => {
    const s = service();
    registerIpc(s, pages.isOurPage, quiet);
    await expect(invoke('setPaused', frame(pages.dashboard), true)).resolves.toEqual({
      ok: true,
      value: { ...status, paused: true },
    });
    expect(s.setPaused).toHaveBeenCalledWith(true);
    await expect(invoke('getStatus', frame(`${pages.capture}#x`))).resolves.toEqual({ ok: true, value: status });
  });

  it('rejects malformed arguments before the service sees them', async () => {
    const s = service();
    registerIpc(s, pages.isOurPage, quiet);
    await expect(invoke('setPaused', frame(pages.dashboard), 'yes')).resolves.toMatchObject({
      ok: false,
      error: { kind: 'bad-input' },
    });
    await expect(invoke('getSamples', frame(pages.dashboard), { from: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'bad-input' },
    });
    expect(s.setPaused).not.toHaveBeenCalled();
    expect(s.getSamples).not.toHaveBeenCalled();
  });

  it('refuses callers that are not the top frame of one of our pages', async () => {
    const s = service();
    registerIpc(s, pages.isOurPage, quiet);
    const unauthorized = { ok: false, error: { kind: 'unauthorized' } };
    await expect(invoke('getStatus', frame('https://evil.example/'))).resolves.toMatchObject(unauthorized);
    await expect(invoke('getStatus', frame(pages.dashboard, { url: 'x' }))).resolves.toMatchObject(unauthorized);
    await expect(invoke('getStatus', { senderFrame: null })).resolves.toMatchObject(unauthorized);
    expect(s.getStatus).not.toHaveBeenCalled();
  });

  it('can be unregistered', () => {
    const off = registerIpc(service(), pages.isOurPage, quiet);
    off();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('createBroadcaster', () => {
  it('sends an event to every live window', () => {
    const a = new BrowserWindow({});
    const b = new BrowserWindow({});
    const gone = new BrowserWindow({});
    gone.destroyed = true;
    createBroadcaster()('status', status);
    expect(a.webContents.sent).toEqual([{ channel: eventChannel('status'), args: [status] }]);
    expect(b.webContents.sent).toHaveLength(1);
    expect(gone.webContents.sent).toHaveLength(0);
  });

  it('sends to the given targets, skipping destroyed ones', () => {
    const live = new FakeWebContents();
    const dead = new FakeWebContents();
    dead.destroyed = true;
    const emit = createBroadcaster(() => [live, dead] as unknown as Electron.WebContents[]);
    emit('face', { t: 1 } as never);
    expect(live.sent).toEqual([{ channel: 'attune:event:face', args: [{ t: 1 }] }]);
    expect(dead.sent).toEqual([]);
  });
});
