import { describe, expect, it } from 'vitest';
import { API_METHODS, type AttuneEvents } from '../shared/api';
import { QUIET_ENVIRONMENT } from '../shared/prompts';
import { AppService, type EngineRequester } from './app-service';
import { fail, ok, type Envelope } from '../shared/envelope';

function setup(answer: (method: string, args: unknown[]) => Envelope<unknown> = () => ok(null)) {
  const calls: [string, unknown[]][] = [];
  const events: [keyof AttuneEvents, unknown][] = [];
  const engine: EngineRequester = {
    request: (method, ...args) => {
      calls.push([method, args]);
      return Promise.resolve(answer(method, args) as never);
    },
  };
  const service = new AppService({
    engine,
    captureTarget: () => ({ kind: 'message-port' }),
    emit: (event, payload) => events.push([event, payload]),
  });
  return { service, api: service.handlers(), calls, events };
}

describe('AppService', () => {
  it('forwards pause to the engine and announces the new status', async () => {
    const { service, calls, events } = setup();
    const status = await service.setPaused(true);
    expect(status.paused).toBe(true);
    expect(status.camera).toBe('paused');
    expect(calls).toEqual([['setSensingPaused', [true]]]);
    expect(events.at(-1)?.[0]).toBe('status');
  });

  it('turns an engine failure into a typed error', async () => {
    const { api } = setup(() => fail('database-unreadable', 'disk gone'));
    await expect(api.getSamples({ from: 0, to: 1 })).rejects.toMatchObject({ kind: 'database-unreadable' });
  });

  it('tracks the engine state and re-sends pause after a restart', () => {
    const { service, calls } = setup();
    void service.setPaused(true);
    calls.length = 0;
    service.engineStateChanged('restarting', { problem: 'crashed' });
    expect(service.getStatus()).toMatchObject({ engine: 'restarting', problem: 'crashed' });
    service.engineStateChanged('ready', { modelLoadMs: 80 });
    expect(service.getStatus()).toMatchObject({ engine: 'ready', problem: null, modelLoadMs: 80 });
    // A restarted engine also hears what the desktop last told (lock, idle, meeting).
    expect(calls).toEqual([
      ['setSensingPaused', [true]],
      ['setEnvironment', [QUIET_ENVIRONMENT]],
    ]);
  });

  it("shows the engine's problems in the status until a new engine starts", () => {
    const { service, events } = setup();
    service.engineStateChanged('starting', {});
    const problem = { part: 'database', kind: 'database-unreadable', detail: 'the file is damaged' } as const;
    service.engineEvent({ name: 'problems', payload: [problem] });
    service.engineStateChanged('ready', { modelLoadMs: 80 });
    expect(service.getStatus().problems).toEqual([problem]);
    expect(events.at(-1)).toEqual(['status', expect.objectContaining({ problems: [problem] })]);
    service.engineStateChanged('restarting', { problem: 'crashed' });
    expect(service.getStatus().problems).toEqual([]);
  });

  it('passes the desktop environment on, and relays prompts and calibration steps to the pages', () => {
    const { service, calls, events } = setup();
    const environment = { ...QUIET_ENVIRONMENT, locked: true };
    service.setEnvironment(environment);
    expect(calls).toEqual([['setEnvironment', [environment]]]);
    service.engineEvent({ name: 'prompt', payload: { id: 1 } as never });
    service.engineEvent({ name: 'expression', payload: { phase: 'idle' } });
    expect(events).toEqual([
      ['prompt', { id: 1 }],
      ['expression', { phase: 'idle' }],
    ]);
  });

  it('relays face and mood events and remembers the last frame time', () => {
    const { service, events } = setup();
    service.engineEvent({ name: 'face', payload: { t: 42 } as never });
    expect(service.getStatus().lastFrameAt).toBe(42);
    expect(events.map((e) => e[0])).toEqual(['face']);
  });

  it('relays voice readings to the pages', () => {
    const { service, events } = setup();
    service.engineEvent({ name: 'voice', payload: { startMs: 1, endMs: 2 } as never });
    expect(events).toEqual([['voice', { startMs: 1, endMs: 2 }]]);
  });

  it('caches the endpoint settings, updates them on a toggle and forgets them when the engine restarts', async () => {
    let enabled = false;
    const { service, calls } = setup((method, args) => {
      if (method === 'setIngestSwitch') enabled = args[0] as boolean;
      return ok({ token: 'tok', enabled });
    });
    expect(await service.getIngestInfo()).toEqual({ url: null, token: 'tok', enabled: false });
    expect(await service.ingestSettings()).toEqual(ok({ token: 'tok', enabled: false }));
    expect(calls.map((c) => c[0])).toEqual(['getIngestSettings']);
    expect((await service.setIngestEnabled(true)).enabled).toBe(true);
    expect(await service.ingestSettings()).toEqual(ok({ token: 'tok', enabled: true }));
    service.engineStateChanged('restarting', {});
    await service.ingestSettings();
    expect(calls.map((c) => c[0])).toEqual(['getIngestSettings', 'setIngestSwitch', 'getIngestSettings']);
  });

  it('forwards check-ins to the engine', async () => {
    const { api, calls } = setup(() => ok([]));
    await api.getCheckIns({ from: 0, to: 5 });
    expect(calls).toEqual([['getCheckIns', [{ from: 0, to: 5 }]]]);
  });

  it('answers every call of the contract through its handlers, its own ones with their own logic', async () => {
    const { api, calls, events } = setup((method) => ok(method === 'answerPrompt' ? { id: 3 } : null));
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    expect((await api.setPaused(true)).paused).toBe(true);
    expect((await api.getStatus()).paused).toBe(true);
    // An absent `felt` is not sent at all: JSON would turn it into null.
    await api.answerPrompt(3, 'not-now');
    await api.answerPrompt(3, 'wrong', 'sad');
    expect(calls).toEqual([
      ['setSensingPaused', [true]],
      ['answerPrompt', [3, 'not-now']],
      ['answerPrompt', [3, 'wrong', 'sad']],
    ]);
    expect(events.map((e) => e[0])).toEqual(['status']);
  });
});

describe('AppService: history, settings and the desktop hooks', () => {
  const sensors = { camera: true, microphone: false, frameRate: 1 };

  it('announces new sensor settings to every page, from settings and from the first run', async () => {
    const { api, calls, events } = setup((method) => ok(method === 'completeFirstRun' ? { completed: true } : sensors));
    expect(await api.setSensorSettings({ microphone: false, frameRate: 1 })).toEqual(sensors);
    expect(await api.completeFirstRun({ camera: true, microphone: false })).toEqual({ completed: true });
    expect(calls.map((c) => c[0])).toEqual(['setSensorSettings', 'completeFirstRun', 'getSensorSettings']);
    expect(events).toEqual([
      ['sensors', sensors],
      ['sensors', sensors],
    ]);
  });

  it('does not announce settings the engine refused', async () => {
    const { service, events } = setup(() => fail('bad-input', 'the camera frame rate must be from 0.5 to 5'));
    await expect(service.setSensorSettings({ frameRate: 9 })).rejects.toMatchObject({ kind: 'bad-input' });
    expect(events).toEqual([]);
  });

  it('forwards the history reads and deletion to the engine', async () => {
    const { api, calls } = setup(() => ok({}));
    const range = { from: 0, to: 10 };
    await api.getDayHistory(range);
    await api.getTrends(range);
    await api.getHeatmap(range);
    await api.explainAt(5);
    await api.deleteHistory({ kind: 'all' });
    await api.setRetention({ rawDays: 7 });
    expect(calls).toEqual([
      ['getDayHistory', [range]],
      ['getTrends', [range]],
      ['getHeatmap', [range]],
      ['explainAt', [5]],
      ['deleteHistory', [{ kind: 'all' }]],
      ['setRetention', [{ rawDays: 7 }]],
    ]);
  });

  it('exports through the save dialog where there is one, else a download, else refuses', async () => {
    const engine: EngineRequester = { request: () => Promise.resolve(ok(null) as never) };
    const base = { engine, captureTarget: () => ({ kind: 'message-port' }) as const, emit: () => undefined };
    const asked: unknown[][] = [];
    const saved = new AppService({
      ...base,
      saveExport: (format, range) => {
        asked.push([format, range]);
        return Promise.resolve({ kind: 'saved', path: '/home/me/a.csv', bytes: 10 });
      },
      downloadExport: () => ({ kind: 'cancelled' }),
    });
    expect(await saved.exportHistory('csv', { from: 0, to: 1 })).toEqual({
      kind: 'saved',
      path: '/home/me/a.csv',
      bytes: 10,
    });
    const host = new AppService({
      ...base,
      downloadExport: (format, range) => {
        asked.push([format, range]);
        return { kind: 'download', url: '/download/x', filename: 'a.json' };
      },
    });
    // JSON over the host's socket turns an absent range into null: the hook sees undefined.
    expect(await host.exportHistory('json', null)).toMatchObject({ kind: 'download' });
    expect(asked).toEqual([
      ['csv', { from: 0, to: 1 }],
      ['json', undefined],
    ]);
    await expect(new AppService(base).exportHistory('csv')).rejects.toMatchObject({ kind: 'internal' });
  });

  it('answers desktop settings through the hook, or null without one', async () => {
    const { service } = setup();
    expect(await service.getDesktopSettings()).toBeNull();
    expect(await service.setDesktopSettings({ startAtLogin: true })).toBeNull();
    let startAtLogin = false;
    const desktop = new AppService({
      engine: { request: () => Promise.resolve(ok(null) as never) },
      captureTarget: () => ({ kind: 'message-port' }),
      emit: () => undefined,
      desktop: {
        get: () => ({ startAtLogin }),
        set: (patch) => {
          startAtLogin = patch.startAtLogin ?? startAtLogin;
          return Promise.resolve({ startAtLogin });
        },
      },
    });
    expect(await desktop.setDesktopSettings({ startAtLogin: true })).toEqual({ startAtLogin: true });
    expect(await desktop.getDesktopSettings()).toEqual({ startAtLogin: true });
  });
});
