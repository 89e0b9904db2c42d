import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CAPTURE_PORT_CHANNEL } from '../shared/capture-port';
import type { EngineConfig, FromEngine } from '../shared/engine-protocol';
import { EngineProcessHost } from './engine-process';
import { createLogger } from './logger';
import { FakeMessagePortMain, FakeWebContents, forks, resetElectronFake } from './test-support/electron-fake';

vi.mock('electron', () => import('./test-support/electron-fake'));

const config: EngineConfig = {
  modelsDir: '/m',
  dbFile: ':memory:',
  captureSocket: null,
  threads: 1,
  sqliteBinding: null,
};

function setup(page: FakeWebContents | null = new FakeWebContents()) {
  const lines: string[] = [];
  const host = new EngineProcessHost({
    modulePath: '/app/out/main/engine.js',
    logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }),
    captureContents: () => page as unknown as WebContents | null,
  });
  const proc = () => {
    const p = forks.at(-1);
    if (!p) throw new Error('nothing forked');
    return p;
  };
  return { host, lines, page, proc };
}

beforeEach(() => resetElectronFake());

describe('EngineProcessHost.spawn', () => {
  it('forks the engine as a named utility process with piped output', () => {
    const t = setup();
    t.host.spawn();
    expect(forks).toHaveLength(1);
    expect(t.proc().modulePath).toBe('/app/out/main/engine.js');
    expect(t.proc().args).toEqual([]);
    expect(t.proc().options).toEqual({ serviceName: 'Attune engine', stdio: 'pipe' });
  });

  it('sends messages and, after init, one end of a fresh channel to each side', () => {
    const t = setup();
    const child = t.host.spawn();
    child.send({ type: 'init', seq: 1, config });
    const [init, capture] = t.proc().posted;
    expect(init).toEqual({ message: { type: 'init', seq: 1, config }, transfer: [] });
    expect(capture?.message).toEqual({ type: 'capture-port' });
    expect(capture?.transfer).toHaveLength(1);
    const enginePort = capture?.transfer[0];
    expect(enginePort).toBeInstanceOf(FakeMessagePortMain);
    expect(t.page?.posted).toHaveLength(1);
    const pagePost = t.page?.posted[0];
    expect(pagePost?.channel).toBe(CAPTURE_PORT_CHANNEL);
    expect(pagePost?.message).toBeNull();
    expect(pagePost?.transfer).toHaveLength(1);
    // The two ends of one channel: port1 to the engine, port2 to the page.
    expect((enginePort as FakeMessagePortMain).name).toBe('port1#1');
    expect((pagePost?.transfer[0] as FakeMessagePortMain).name).toBe('port2#1');
    // Requests do not create channels.
    child.send({ type: 'request', seq: 2, method: 'countSamples', args: [] });
    expect(t.proc().posted).toHaveLength(3);
    expect(t.page?.posted).toHaveLength(1);
  });

  it('gives every new engine a new channel', () => {
    const t = setup();
    t.host.spawn().send({ type: 'init', seq: 1, config });
    t.proc().emit('exit', 1);
    t.host.spawn().send({ type: 'init', seq: 1, config });
    expect(t.page?.posted.map((p) => (p.transfer[0] as FakeMessagePortMain).name)).toEqual(['port2#1', 'port2#2']);
  });

  it('relays engine messages and drops malformed ones', () => {
    const t = setup();
    const child = t.host.spawn();
    const received: FromEngine[] = [];
    child.onMessage((m) => received.push(m));
    const ready: FromEngine = { type: 'ready', seq: 1, modelLoadMs: 5, capturePort: null, ingestPort: null };
    t.proc().emit('message', ready);
    t.proc().emit('message', 'garbage');
    t.proc().emit('message', null);
    expect(received).toEqual([ready]);
    expect(t.lines.some((l) => l.includes('malformed'))).toBe(true);
  });

  it('maps the process exit code to the exit listener', () => {
    const t = setup();
    const child = t.host.spawn();
    const exits: (number | null)[] = [];
    child.onExit((code) => exits.push(code));
    t.proc().emit('exit', 3);
    expect(exits).toEqual([3]);
  });

  it('kills the process', () => {
    const t = setup();
    t.host.spawn().kill();
    expect(t.proc().kills).toBe(1);
  });

  it("sends the engine's stdout and stderr to main's logger, line by line", async () => {
    const t = setup();
    t.host.spawn();
    t.proc().stdout.write('loading models\nsecond line\n');
    t.proc().stderr.write('onnx warning\n');
    await new Promise<void>((resolve) => setImmediate(resolve));
    const engineLines = t.lines.filter((l) => !l.includes('engine process'));
    expect(engineLines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'INFO loading models\n',
      'INFO second line\n',
      'WARN onnx warning\n',
    ]);
  });
});

describe('EngineProcessHost.spawnSpare', () => {
  it('forks a spare with its models preloaded, and links capture to it only once it takes over', () => {
    const t = setup();
    const engine = t.host.spawn();
    engine.send({ type: 'init', seq: 1, config });
    const spare = t.host.spawnSpare?.({ modelsDir: '/m', threads: 2 });
    if (!spare) throw new Error('no spare by default');
    const spareProc = t.proc();
    expect(spareProc.args).toEqual(['--preload-models=/m', '--preload-threads=2']);
    expect(spareProc.options).toEqual({ serviceName: 'Attune engine', stdio: 'pipe' });
    // While the first engine serves, a capture page (re)load links the page to it, not to the idle spare.
    expect(t.host.linkCapture()).toBe(true);
    expect(spareProc.posted).toEqual([]);
    expect(forks[0]?.posted.filter((p) => (p.message as { type: string }).type === 'capture-port')).toHaveLength(2);
    forks[0]?.emit('exit', null);
    spare.send({ type: 'init', seq: 1, config });
    expect(spareProc.posted.map((p) => (p.message as { type: string }).type)).toEqual(['init', 'capture-port']);
    expect(t.page?.posted).toHaveLength(3);
  });

  it('offers no spare when told not to keep one', () => {
    const host = new EngineProcessHost({
      modulePath: '/e.js',
      logger: createLogger({ write: () => undefined }),
      captureContents: () => null,
      spare: false,
    });
    expect(host.spawnSpare).toBeUndefined();
  });
});

describe('EngineProcessHost.linkCapture', () => {
  it('does nothing until both an engine and a loaded capture page exist', () => {
    const noPage = setup(null);
    expect(noPage.host.linkCapture()).toBe(false);
    noPage.host.spawn().send({ type: 'init', seq: 1, config });
    expect(noPage.proc().posted).toHaveLength(1);

    const noEngine = setup();
    expect(noEngine.host.linkCapture()).toBe(false);
    expect(noEngine.page?.posted).toEqual([]);
  });

  it('links a capture page that loads after the engine, and again after a reload', () => {
    let page: FakeWebContents | null = null;
    const host = new EngineProcessHost({
      modulePath: '/e.js',
      logger: createLogger({ write: () => undefined }),
      captureContents: () => page as unknown as WebContents | null,
    });
    host.spawn().send({ type: 'init', seq: 1, config });
    page = new FakeWebContents();
    expect(host.linkCapture()).toBe(true);
    expect(host.linkCapture()).toBe(true);
    expect(page.posted).toHaveLength(2);
    expect(forks[0]?.posted.filter((p) => (p.message as { type: string }).type === 'capture-port')).toHaveLength(2);
  });

  it('stops linking once the engine has exited', () => {
    const t = setup();
    t.host.spawn().send({ type: 'init', seq: 1, config });
    t.proc().emit('exit', 0);
    expect(t.host.linkCapture()).toBe(false);
  });
});
