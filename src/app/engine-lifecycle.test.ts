import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock';
import { EngineLifecycle, type EngineChild, type LifecycleInfo, type LifecycleOptions } from './engine-lifecycle';
import type { EngineConfig, EngineEvent, FromEngine, LogLevel, ToEngine } from '../shared/engine-protocol';
import type { EngineState } from '../shared/mood';

class FakeChild implements EngineChild {
  readonly sent: ToEngine[] = [];
  kills = 0;
  /** When true, kill() makes the process exit, as a real one does. */
  exitOnKill = true;
  private messageListeners: ((message: FromEngine) => void)[] = [];
  private exitListeners: ((code: number | null) => void)[] = [];

  send(message: ToEngine): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: FromEngine) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    this.kills += 1;
    if (this.exitOnKill) this.exit(null);
  }
  emit(message: FromEngine): void {
    for (const listener of this.messageListeners) listener(message);
  }
  exit(code: number | null): void {
    for (const listener of this.exitListeners) listener(code);
  }
  ready(modelLoadMs = 120): void {
    this.emit({ type: 'ready', seq: 1, modelLoadMs, capturePort: null, ingestPort: null });
  }
}

const config: EngineConfig = {
  modelsDir: '/models',
  dbFile: ':memory:',
  captureSocket: null,
  threads: 1,
  sqliteBinding: null,
};

function setup(options: Partial<LifecycleOptions> = {}) {
  const clock = new ManualClock(1_000);
  const children: FakeChild[] = [];
  const states: { state: EngineState; info: LifecycleInfo }[] = [];
  const events: EngineEvent[] = [];
  const logs: { level: LogLevel; message: string }[] = [];
  const lifecycle = new EngineLifecycle({
    spawn: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    config,
    clock,
    onEvent: (event) => events.push(event),
    onState: (state, info) => states.push({ state, info }),
    onLog: (level, message) => logs.push({ level, message }),
    ...options,
  });
  const child = (i: number): FakeChild => {
    const c = children[i];
    if (!c) throw new Error(`no child #${i}`);
    return c;
  };
  const last = (): FakeChild => child(children.length - 1);
  return { clock, children, states, events, logs, lifecycle, child, last };
}

describe('EngineLifecycle start', () => {
  it('sends init with the config as the first message', () => {
    const t = setup();
    t.lifecycle.start();
    expect(t.children).toHaveLength(1);
    expect(t.child(0).sent[0]).toEqual({ type: 'init', seq: expect.any(Number) as number, config });
    expect(t.states.map((s) => s.state)).toEqual(['starting']);
  });

  it('is ready when the engine says so, with its model load time', () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).emit({ type: 'ready', seq: 1, modelLoadMs: 842, capturePort: 5123, ingestPort: 5124 });
    expect(t.lifecycle.state).toBe('ready');
    expect(t.states.at(-1)).toEqual({
      state: 'ready',
      info: { modelLoadMs: 842, capturePort: 5123, ingestPort: 5124 },
    });
  });

  it('starting twice spawns one engine', () => {
    const t = setup();
    t.lifecycle.start();
    t.lifecycle.start();
    expect(t.children).toHaveLength(1);
  });

  it('forwards events without their envelope fields, and engine logs', () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).emit({ type: 'event', seq: 7, name: 'camera', payload: 'busy' });
    t.child(0).emit({ type: 'log', seq: 8, level: 'warn', message: 'slow disk' });
    expect(t.events).toEqual([{ name: 'camera', payload: 'busy' }]);
    expect(t.logs).toEqual([{ level: 'warn', message: 'slow disk' }]);
  });
});

describe('EngineLifecycle requests', () => {
  it('routes replies to their requests by sequence number', async () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    const count = t.lifecycle.request('countSamples');
    const mood = t.lifecycle.request('getLiveMood');
    const [first, second] = t.child(0).sent.slice(1);
    expect(first).toMatchObject({ type: 'request', method: 'countSamples', args: [] });
    expect(second).toMatchObject({ type: 'request', method: 'getLiveMood', args: [] });
    if (first?.type !== 'request' || second?.type !== 'request') throw new Error('requests not sent');
    expect(first.seq).not.toBe(second.seq);
    // Answered out of order.
    t.child(0).emit({ type: 'response', seq: 20, replyTo: second.seq, result: { ok: true, value: null } });
    t.child(0).emit({ type: 'response', seq: 21, replyTo: first.seq, result: { ok: true, value: 42 } });
    await expect(count).resolves.toEqual({ ok: true, value: 42 });
    await expect(mood).resolves.toEqual({ ok: true, value: null });
  });

  it('passes the arguments through', () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    void t.lifecycle.request('getSamples', { from: 10, to: 20 }, 'face');
    expect(t.child(0).sent[1]).toMatchObject({ method: 'getSamples', args: [{ from: 10, to: 20 }, 'face'] });
  });

  it('answers engine-unavailable while not ready, without sending anything', async () => {
    const t = setup();
    await expect(t.lifecycle.request('countSamples')).resolves.toMatchObject({
      ok: false,
      error: { kind: 'engine-unavailable' },
    });
    t.lifecycle.start();
    await expect(t.lifecycle.request('countSamples')).resolves.toMatchObject({
      ok: false,
      error: { kind: 'engine-unavailable', message: 'The analysis engine is starting.' },
    });
    expect(t.child(0).sent.map((m) => m.type)).toEqual(['init']);
  });

  it('fails a request the engine does not answer in time', async () => {
    const t = setup({ requestTimeoutMs: 2_000 });
    t.lifecycle.start();
    t.child(0).ready();
    let settled = false;
    const reply = t.lifecycle.request('countSamples').finally(() => (settled = true));
    t.clock.advance(1_999);
    await Promise.resolve();
    expect(settled).toBe(false);
    t.clock.advance(1);
    await expect(reply).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
  });

  it('fails pending requests when the engine exits', async () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    const reply = t.lifecycle.request('countSamples');
    t.child(0).exit(1);
    await expect(reply).resolves.toMatchObject({ ok: false, error: { kind: 'engine-unavailable' } });
  });
});

describe('EngineLifecycle crashes', () => {
  it('restarts with doubling back-off: 500, 1000, 2000 ms', () => {
    const t = setup();
    t.lifecycle.start();
    for (const [i, delay] of [500, 1_000, 2_000].entries()) {
      t.child(i).exit(1);
      expect(t.lifecycle.state).toBe('restarting');
      t.clock.advance(delay - 1);
      expect(t.children).toHaveLength(i + 1);
      t.clock.advance(1);
      expect(t.children).toHaveLength(i + 2);
      expect(t.last().sent[0]?.type).toBe('init');
    }
    expect(t.states.find((s) => s.info.reason === 'crashed')?.info.problem).toBe('exit code 1');
  });

  it('caps the delay at maxRestartDelayMs', () => {
    const t = setup({ restartDelayMs: 1_000, maxRestartDelayMs: 1_500, maxRestarts: 10 });
    t.lifecycle.start();
    t.child(0).exit(1);
    t.clock.advance(1_000);
    t.child(1).exit(1);
    t.clock.advance(1_499);
    expect(t.children).toHaveLength(2);
    t.clock.advance(1);
    expect(t.children).toHaveLength(3);
  });

  it('gives up after maxRestarts consecutive crashes and reports failed', () => {
    const t = setup({ maxRestarts: 2 });
    t.lifecycle.start();
    t.child(0).exit(1);
    t.clock.advance(500);
    t.child(1).exit(1);
    t.clock.advance(1_000);
    t.child(2).emit({ type: 'fatal', seq: 1, error: { kind: 'model-missing', message: 'face.onnx not found' } });
    t.child(2).exit(2);
    expect(t.lifecycle.state).toBe('failed');
    expect(t.states.at(-1)?.info).toEqual({
      reason: 'crashed',
      problem: 'The analysis engine keeps stopping (face.onnx not found).',
    });
    t.clock.advance(600_000);
    expect(t.children).toHaveLength(3);
  });

  it('resets the crash count once the engine has stayed up stableAfterMs', () => {
    const t = setup({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).exit(1);
    t.clock.advance(500);
    t.child(1).ready();
    t.clock.advance(10_000);
    t.child(1).exit(1);
    // Counted as a first crash again: 500 ms, not 1000.
    t.clock.advance(500);
    expect(t.children).toHaveLength(3);
  });

  it('keeps counting crashes of an engine that was ready for less than stableAfterMs', () => {
    const t = setup({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).exit(1);
    t.clock.advance(500);
    t.child(1).ready();
    t.clock.advance(9_999);
    t.child(1).exit(1);
    t.clock.advance(999);
    expect(t.children).toHaveLength(2);
    t.clock.advance(1);
    expect(t.children).toHaveLength(3);
  });

  it('kills and restarts an engine that is not ready within readyTimeoutMs', () => {
    const t = setup({ readyTimeoutMs: 5_000 });
    t.lifecycle.start();
    t.clock.advance(4_999);
    expect(t.child(0).kills).toBe(0);
    t.clock.advance(1);
    expect(t.child(0).kills).toBe(1);
    expect(t.lifecycle.state).toBe('restarting');
    expect(t.states.at(-1)?.info.reason).toBe('unresponsive');
    t.clock.advance(500);
    expect(t.children).toHaveLength(2);
  });

  it('does not time out an engine that became ready', () => {
    const t = setup({ readyTimeoutMs: 5_000 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(60_000);
    expect(t.child(0).kills).toBe(0);
    expect(t.lifecycle.state).toBe('ready');
  });

  it('treats a spawn that throws as a failed start and retries', () => {
    let attempts = 0;
    const t = setup({
      spawn: () => {
        attempts += 1;
        throw new Error('no such file: engine.js');
      },
      maxRestarts: 1,
    });
    t.lifecycle.start();
    expect(t.states.at(-1)).toEqual({
      state: 'restarting',
      info: { reason: 'init-failed', problem: 'no such file: engine.js' },
    });
    t.clock.advance(500);
    expect(attempts).toBe(2);
    expect(t.lifecycle.state).toBe('failed');
  });
});

describe('EngineLifecycle stop', () => {
  it('asks the engine to shut down and reports stopped when it exits', async () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    const stopped = t.lifecycle.stop();
    expect(t.child(0).sent.at(-1)?.type).toBe('shutdown');
    t.child(0).exit(0);
    await stopped;
    expect(t.lifecycle.state).toBe('stopped');
    expect(t.states.at(-1)?.info.reason).toBe('requested');
    expect(t.child(0).kills).toBe(0);
    t.clock.advance(600_000);
    expect(t.children).toHaveLength(1);
  });

  it('kills an engine that ignores shutdown after the grace period', async () => {
    const t = setup({ stopTimeoutMs: 3_000 });
    t.lifecycle.start();
    t.child(0).ready();
    const stopped = t.lifecycle.stop();
    t.clock.advance(2_999);
    expect(t.child(0).kills).toBe(0);
    t.clock.advance(1);
    expect(t.child(0).kills).toBe(1);
    await stopped;
    expect(t.lifecycle.state).toBe('stopped');
    expect(t.children).toHaveLength(1);
  });

  it('cancels a pending restart', async () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).exit(1);
    await t.lifecycle.stop();
    expect(t.lifecycle.state).toBe('stopped');
    t.clock.advance(60_000);
    expect(t.children).toHaveLength(1);
  });

  it('resolves every caller when stop is called twice', async () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    const first = t.lifecycle.stop();
    const second = t.lifecycle.stop();
    t.child(0).exit(0);
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(t.child(0).sent.filter((m) => m.type === 'shutdown')).toHaveLength(1);
  });
});

describe('EngineLifecycle restart bookkeeping', () => {
  it('does not spawn a second engine when start() is called while a restart is pending', () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    t.child(0).exit(1);
    t.lifecycle.start();
    expect(t.children).toHaveLength(1);
    t.clock.advance(500);
    expect(t.children).toHaveLength(2);
  });

  it('keeps the crash reason visible while restarting', () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    t.child(0).exit(3);
    t.clock.advance(500);
    expect(t.states.at(-1)).toEqual({ state: 'restarting', info: { reason: 'crashed', problem: 'exit code 3' } });
  });
});

describe('EngineLifecycle under repeated kills', () => {
  it('restarts an engine killed every 20 s after serving, each time after the first delay, never giving up', () => {
    // Defaults only: the soak's `--kill-engine-every 20s` relies on them (issue 15).
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    for (let kill = 1; kill <= 12; kill++) {
      t.clock.advance(20_000);
      t.last().exit(null);
      t.clock.advance(499);
      expect(t.children).toHaveLength(kill);
      t.clock.advance(1);
      expect(t.children).toHaveLength(kill + 1);
      t.last().ready();
    }
    expect(t.lifecycle.state).toBe('ready');
  });
});
