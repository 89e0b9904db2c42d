/**
 * The engine process's protocol in-process, with a fake parent link, a manual clock and a stand-in starter:
 * init first, numbered messages, one response per request, the beat, one clean close, fatal exits.
 * (engine-assembler.test.ts runs the real assembly; src/host/engine-*.test.ts fork the real entry.)
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { ok, type Envelope } from '../../shared/envelope';
import type { EngineConfig, EngineRequest } from '../../shared/engine-protocol';
import type { CaptureInput } from '../capture/capture-input';
import { TICK_MS, type EngineHooks, type EngineStarter, type RunningEngine } from './engine-assembler';
import { engineInit } from './engine-init';
import { EngineProcess, SHUTDOWN_DEADLINE_MS } from './engine-process';
import { FakeLink } from './fake-link.test-support';

/** A started engine that counts samples, records what it was given, and closes as told. */
class FakeEngine implements RunningEngine {
  readonly modelLoadMs = 12.4;
  readonly capturePort = 4100;
  readonly ingestPort = null;
  samples = 0;
  ticks = 0;
  closes = 0;
  readonly captured: CaptureInput[] = [];
  readonly answeredMethods: string[] = [];
  closeWith: () => Promise<void> = () => Promise.resolve();

  constructor(private readonly hooks: EngineHooks) {}

  handle(request: EngineRequest): Promise<Envelope<unknown>> {
    if (request.method === 'addText') this.samples += 1;
    return Promise.resolve(ok(this.samples));
  }
  answered(request: EngineRequest): void {
    this.answeredMethods.push(request.method);
  }
  capture(input: CaptureInput): void {
    this.captured.push(input);
  }
  tick(): void {
    this.ticks += 1;
    this.hooks.emit({ name: 'camera', payload: 'on' });
  }
  close(): Promise<void> {
    this.closes += 1;
    return this.closeWith();
  }
}

class FakeStarter implements EngineStarter {
  engine: FakeEngine | null = null;
  configs: EngineConfig[] = [];
  failWith: Error | null = null;

  start(config: EngineConfig, hooks: EngineHooks): Promise<RunningEngine> {
    this.configs.push(config);
    if (this.failWith) return Promise.reject(this.failWith);
    hooks.log('debug', 'starting');
    this.engine = new FakeEngine(hooks);
    return Promise.resolve(this.engine);
  }
}

function setUp(): {
  link: FakeLink;
  starter: FakeStarter;
  clock: ManualClock;
  exits: number[];
  process: EngineProcess;
} {
  const link = new FakeLink();
  const starter = new FakeStarter();
  const clock = new ManualClock();
  const exits: number[] = [];
  const process = new EngineProcess({ link, starter, timers: clock, exit: (code) => exits.push(code) });
  process.listen();
  return { link, starter, clock, exits, process };
}

const INIT = engineInit({ modelsDir: '/models', dbFile: ':memory:' });
const request = (seq: number, text = 'hello'): EngineRequest => ({
  type: 'request',
  seq,
  method: 'addText',
  args: [{ text }],
});
/** Lets the promise chains the fakes started settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('EngineProcess', () => {
  it('drives init, a request and shutdown, numbering every message from 1', async () => {
    const { link, starter, exits, process } = setUp();
    expect(await process.init(INIT.config)).toBe(true);
    expect(starter.configs).toEqual([INIT.config]);
    expect(link.of('ready')).toEqual([
      { type: 'ready', seq: 3, modelLoadMs: 12.4, capturePort: 4100, ingestPort: null },
    ]);
    expect(link.of('log').map((m) => m.message)).toEqual(['starting', 'models loaded in 12 ms']);

    expect(await process.handle(request(2))).toEqual({ ok: true, value: 1 });
    expect(link.sent.at(-1)).toEqual({ type: 'response', seq: 4, replyTo: 2, result: { ok: true, value: 1 } });
    expect(starter.engine?.answeredMethods).toEqual(['addText']);

    await process.shutdown('requested');
    expect(starter.engine?.closes).toBe(1);
    expect(exits).toEqual([0]);
    expect(link.sent.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('answers requests before init with engine-unavailable, and starts nothing', async () => {
    const { link, starter } = setUp();
    link.deliver(request(5));
    await settle();
    expect(link.sent).toEqual([
      {
        type: 'response',
        seq: 1,
        replyTo: 5,
        result: { ok: false, error: { kind: 'engine-unavailable', message: 'The engine has not finished starting.' } },
      },
    ]);
    expect(starter.configs).toEqual([]);
  });

  it('serves messages from the link in order: init, requests, shutdown', async () => {
    const { link, starter, exits } = setUp();
    link.deliver(INIT);
    await settle();
    link.deliver(request(2));
    link.deliver(request(3, 'again'));
    await settle();
    expect(link.of('response').map((m) => [m.replyTo, m.result])).toEqual([
      [2, { ok: true, value: 1 }],
      [3, { ok: true, value: 2 }],
    ]);
    link.deliver({ type: 'shutdown', seq: 4 });
    await settle();
    expect(starter.engine?.closes).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('ignores a second init', async () => {
    const { link, starter, process } = setUp();
    await process.init(INIT.config);
    expect(await process.init(INIT.config)).toBe(false);
    expect(starter.configs).toHaveLength(1);
    expect(link.of('ready')).toHaveLength(1);
    expect(link.of('log').at(-1)).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('second init') as string,
    });
  });

  it('beats once a second after ready, and not after shutdown', async () => {
    const { starter, clock, process } = setUp();
    clock.advance(TICK_MS * 3);
    await process.init(INIT.config);
    clock.advance(TICK_MS * 3);
    expect(starter.engine?.ticks).toBe(3);
    await process.shutdown('requested');
    clock.advance(TICK_MS * 3);
    expect(starter.engine?.ticks).toBe(3);
  });

  it('numbers events the engine emits among its other messages', async () => {
    const { link, clock, process } = setUp();
    await process.init(INIT.config);
    clock.advance(TICK_MS);
    expect(link.sent.at(-1)).toEqual({ type: 'event', seq: 4, name: 'camera', payload: 'on' });
  });

  it('closes once however often it is asked, and exits 0 even when the close fails', async () => {
    const { link, starter, exits, process } = setUp();
    await process.init(INIT.config);
    const engine = starter.engine;
    if (!engine) throw new Error('not started');
    engine.closeWith = () => Promise.reject(new Error('disk gone'));
    await Promise.all([process.shutdown('requested'), process.shutdown('SIGTERM'), process.shutdown('host gone')]);
    expect(engine.closes).toBe(1);
    expect(exits).toEqual([0]);
    expect(link.of('log').at(-1)).toMatchObject({ level: 'error', message: 'shutdown (requested): Error: disk gone' });
  });

  it('exits 0 after the deadline when the close hangs', async () => {
    const { starter, clock, exits, process } = setUp();
    await process.init(INIT.config);
    if (starter.engine) starter.engine.closeWith = () => new Promise<void>(() => undefined);
    void process.shutdown('requested');
    await settle();
    clock.advance(SHUTDOWN_DEADLINE_MS - 1);
    expect(exits).toEqual([]);
    clock.advance(1);
    expect(exits).toEqual([0]);
  });

  it('a shutdown before init exits 0 at once', async () => {
    const { exits, process } = setUp();
    await process.shutdown('requested');
    expect(exits).toEqual([0]);
  });

  it('reports a failed init as fatal and exits 2 once the message had time to flush', async () => {
    const { link, starter, clock, exits, process } = setUp();
    starter.failWith = new Error('model file missing');
    expect(await process.init(INIT.config)).toBe(false);
    expect(link.of('fatal')).toEqual([
      { type: 'fatal', seq: 1, error: { kind: 'internal', message: 'model file missing' } },
    ]);
    expect(exits).toEqual([]);
    clock.advance(50);
    expect(exits).toEqual([2]);
  });

  it('routes the capture port to the engine, logging and dropping what is malformed', async () => {
    const { link, starter, process } = setUp();
    let onPortMessage: (event: { data: unknown }) => void = () => undefined;
    let started = false;
    link.givePort({
      on: (_event, listener) => {
        onPortMessage = listener;
      },
      start: () => {
        started = true;
      },
    });
    expect(started).toBe(true);
    // Before init: nothing to take it, only the malformed one is reported.
    onPortMessage({ data: { type: 'camera', state: 'on' } });
    onPortMessage({ data: 'noise' });
    expect(link.of('log').map((m) => m.message)).toEqual(['capture message ignored: not an object']);
    await process.init(INIT.config);
    onPortMessage({ data: { type: 'camera', state: 'busy' } });
    expect(starter.engine?.captured).toEqual([{ kind: 'camera', state: 'busy' }]);
  });
});
