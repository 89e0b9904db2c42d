import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock';
import {
  EngineLifecycle,
  type EngineChild,
  type LifecycleInfo,
  type LifecycleOptions,
  type SparePreload,
} from './engine-lifecycle';
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
    // Counted as a first crash again, and one that ended a healthy run: restarted at once, not after 1000 ms.
    expect(t.children).toHaveLength(3);
  });

  it('restarts at once after a healthy run, then backs off if the new engine keeps crashing: 0, 500, 1000 ms', () => {
    const t = setup({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(10_000);
    t.child(0).exit(null);
    expect(t.children).toHaveLength(2);
    expect(t.last().sent[0]?.type).toBe('init');
    expect(t.logs.at(-1)?.message).toContain('restarting in 0 ms');
    for (const [i, delay] of [500, 1_000].entries()) {
      t.child(i + 1).exit(1);
      t.clock.advance(delay - 1);
      expect(t.children).toHaveLength(i + 2);
      t.clock.advance(1);
      expect(t.children).toHaveLength(i + 3);
    }
  });

  it('backs off from the first restart when the engine never ran healthy (crashing during start)', () => {
    const t = setup({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(9_999);
    t.child(0).exit(1);
    t.clock.advance(499);
    expect(t.children).toHaveLength(1);
    t.clock.advance(1);
    expect(t.children).toHaveLength(2);
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
  it('restarts an engine killed every 20 s after serving, each time at once, never giving up', () => {
    // Defaults only: the soak's `--kill-engine-every 20s` relies on them (issue 15).
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    for (let kill = 1; kill <= 12; kill++) {
      t.clock.advance(20_000);
      t.last().exit(null);
      expect(t.children).toHaveLength(kill + 1);
      expect(t.last().sent[0]?.type).toBe('init');
      t.last().ready();
    }
    expect(t.lifecycle.state).toBe('ready');
  });
});

/** A lifecycle that keeps a warm spare; `spares` are the spare processes in the order they were started. */
function setupWithSpare(options: Partial<LifecycleOptions> = {}) {
  const spares: FakeChild[] = [];
  const preloads: SparePreload[] = [];
  const t = setup({
    spawnSpare: (preload) => {
      const spare = new FakeChild();
      spares.push(spare);
      preloads.push(preload);
      return spare;
    },
    ...options,
  });
  const spare = (i: number): FakeChild => {
    const s = spares[i];
    if (!s) throw new Error(`no spare #${i}`);
    return s;
  };
  return { ...t, spares, preloads, spare };
}

describe('EngineLifecycle warm spare', () => {
  it('starts no spare unless asked (the default)', () => {
    const t = setup();
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(60_000);
    expect(t.children).toHaveLength(1);
  });

  it('starts one spare once the engine is ready, loading the config’s models, with no init', () => {
    const t = setupWithSpare({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    expect(t.spares).toHaveLength(0);
    t.child(0).ready();
    expect(t.lifecycle.state).toBe('ready');
    expect(t.spares).toHaveLength(1);
    expect(t.preloads).toEqual([{ modelsDir: '/models', threads: 1 }]);
    t.clock.advance(600_000);
    expect(t.spares).toHaveLength(1);
    // Never told to init, so it never opens the database while the serving engine has it.
    expect(t.spare(0).sent).toEqual([]);
    expect(t.children).toHaveLength(1);
  });

  it('hands the spare init at once when the engine crashes, and starts the next spare once that one is ready', () => {
    const t = setupWithSpare({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(10_000);
    t.child(0).exit(null);
    // No new process was booted: the spare took over, with the same init an engine gets.
    expect(t.children).toHaveLength(1);
    expect(t.spare(0).sent).toEqual([{ type: 'init', seq: expect.any(Number) as number, config }]);
    expect(t.lifecycle.state).toBe('restarting');
    t.spare(0).ready(3);
    expect(t.lifecycle.state).toBe('ready');
    expect(t.states.at(-1)?.info.modelLoadMs).toBe(3);
    expect(t.spares).toHaveLength(2);
    expect(t.spare(1).sent).toEqual([]);
  });

  it('routes requests, events and exits of a spare that took over as the engine’s', async () => {
    const t = setupWithSpare({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(10_000);
    t.child(0).exit(null);
    t.spare(0).ready();
    const count = t.lifecycle.request('countSamples');
    const request = t.spare(0).sent.at(-1);
    if (request?.type !== 'request') throw new Error('no request sent to the spare');
    t.spare(0).emit({ type: 'response', seq: 2, replyTo: request.seq, result: { ok: true, value: 7 } });
    await expect(count).resolves.toEqual({ ok: true, value: 7 });
    t.spare(0).emit({ type: 'event', seq: 3, name: 'camera', payload: 'busy' });
    expect(t.events).toEqual([{ name: 'camera', payload: 'busy' }]);
    // Crashing soon after taking over is a crash loop: back-off, then the next spare takes over.
    t.spare(0).exit(1);
    expect(t.lifecycle.state).toBe('restarting');
    t.clock.advance(499);
    expect(t.spare(1).sent).toEqual([]);
    t.clock.advance(1);
    expect(t.spare(1).sent[0]?.type).toBe('init');
    expect(t.children).toHaveLength(1);
  });

  it('boots a fresh engine when a crash comes before there is a spare', () => {
    const t = setupWithSpare({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).exit(1);
    t.clock.advance(500);
    expect(t.children).toHaveLength(2);
    expect(t.spares).toHaveLength(0);
  });

  it('passes a spare’s logs on, marked as the spare’s', () => {
    const t = setupWithSpare({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(10_000);
    t.spare(0).emit({ type: 'log', seq: 1, level: 'warn', message: 'voice model not loaded' });
    expect(t.logs.at(-1)).toEqual({ level: 'warn', message: 'spare: voice model not loaded' });
  });

  it('replaces a spare that dies idle after a back-off, and gives up on spares after maxRestarts in a row', () => {
    const t = setupWithSpare({ stableAfterMs: 10_000, maxRestarts: 2 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(10_000);
    t.spare(0).exit(null);
    expect(t.lifecycle.state).toBe('ready');
    expect(t.logs.at(-1)?.message).toContain('starting another in 500 ms');
    t.clock.advance(499);
    expect(t.spares).toHaveLength(1);
    t.clock.advance(1);
    expect(t.spares).toHaveLength(2);
    t.spare(1).exit(null);
    t.clock.advance(1_000);
    expect(t.spares).toHaveLength(3);
    t.spare(2).exit(null);
    expect(t.logs.at(-1)).toEqual({
      level: 'error',
      message: 'the spare engine keeps stopping (exit code null); restarts will start a fresh engine',
    });
    t.clock.advance(600_000);
    expect(t.spares).toHaveLength(3);
    // Without a spare, a crash boots a fresh engine, still at once after this healthy run.
    t.child(0).exit(null);
    expect(t.children).toHaveLength(2);
    expect(t.lifecycle.state).toBe('restarting');
  });

  it('treats a spare that cannot be started like one that died', () => {
    let tries = 0;
    const t = setup({
      stableAfterMs: 10_000,
      spawnSpare: () => {
        tries += 1;
        throw new Error('no such file: engine.js');
      },
    });
    t.lifecycle.start();
    t.child(0).ready();
    expect(tries).toBe(1);
    expect(t.logs.at(-1)?.message).toBe(
      'the spare engine stopped (no such file: engine.js); starting another in 500 ms',
    );
    t.clock.advance(500);
    expect(tries).toBe(2);
    expect(t.lifecycle.state).toBe('ready');
  });

  it('kills the spare on shutdown and starts no other', async () => {
    const t = setupWithSpare({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(10_000);
    const stopped = t.lifecycle.stop();
    expect(t.spare(0).kills).toBe(1);
    expect(t.spare(0).sent).toEqual([]);
    t.child(0).exit(0);
    await stopped;
    expect(t.lifecycle.state).toBe('stopped');
    t.clock.advance(600_000);
    expect(t.spares).toHaveLength(1);
    expect(t.children).toHaveLength(1);
  });

  it('cancels a pending spare replacement on shutdown', async () => {
    const t = setupWithSpare({ stableAfterMs: 10_000 });
    t.lifecycle.start();
    t.child(0).ready();
    t.clock.advance(10_000);
    t.spare(0).exit(null);
    const stopped = t.lifecycle.stop();
    t.child(0).exit(0);
    await stopped;
    t.clock.advance(600_000);
    expect(t.spares).toHaveLength(1);
  });

  it('under a kill every 20 s, every restart is a spare taking over at once', () => {
    const t = setupWithSpare();
    t.lifecycle.start();
    t.child(0).ready();
    for (let kill = 0; kill < 12; kill++) {
      t.clock.advance(20_000);
      (kill === 0 ? t.child(0) : t.spare(kill - 1)).exit(null);
      expect(t.spare(kill).sent[0]?.type).toBe('init');
      t.spare(kill).ready();
    }
    expect(t.children).toHaveLength(1);
    // Twelve took over; the thirteenth waits for the next crash.
    expect(t.spares).toHaveLength(13);
    expect(t.spare(12).sent).toEqual([]);
    expect(t.lifecycle.state).toBe('ready');
  });
});
