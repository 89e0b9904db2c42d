/**
 * Owns the engine process: starts it, sends `init`, routes requests and replies, restarts it with back-off
 * when it crashes, and stops it by asking first and killing after a grace period. Pure: the process is
 * reached through an injected {@link EngineChild}, time through a {@link Clock}.
 */
import type { Clock, TimerHandle } from '../shared/clock';
import { fail, type Envelope } from '../shared/envelope';
import type {
  EngineApi,
  EngineConfig,
  EngineEvent,
  EngineMethod,
  FromEngine,
  LogLevel,
  ToEngine,
} from '../shared/engine-protocol';
import type { EngineState } from '../shared/mood';

/** The running engine, as seen by the lifecycle: Electron's utilityProcess or a Node child process. */
export interface EngineChild {
  send(message: ToEngine): void;
  onMessage(listener: (message: FromEngine) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** Why the engine stopped. */
export type ExitReason = 'requested' | 'crashed' | 'init-failed' | 'unresponsive';

export interface LifecycleInfo {
  reason?: ExitReason;
  problem?: string;
  modelLoadMs?: number;
  capturePort?: number | null;
  /** Electron: the port of the engine's local text endpoint, when it serves one. */
  ingestPort?: number | null;
}

/**
 * Calls that may rightly take long, and how long they get, ms: an export streams up to a year of history into a
 * file (10 minutes). Every other call gets `requestTimeoutMs`.
 */
const SLOW_REQUESTS: Partial<Record<EngineMethod, number>> = { writeExport: 600_000 };

export interface LifecycleOptions {
  spawn: () => EngineChild;
  config: EngineConfig;
  clock: Clock;
  onEvent: (event: EngineEvent) => void;
  onState: (state: EngineState, info: LifecycleInfo) => void;
  onLog: (level: LogLevel, message: string) => void;
  /** Delay before the first restart, ms (default 500); doubles per consecutive crash. */
  restartDelayMs?: number;
  /** Upper bound of the restart delay, ms (default 30 000). */
  maxRestartDelayMs?: number;
  /** Consecutive crashes after which the lifecycle gives up and reports `failed` (default 5). */
  maxRestarts?: number;
  /**
   * An engine that stays up this long resets the crash count, ms (default 10 000). Back-off is for crash loops
   * (a bad model, a broken database, dying during init); an engine that served for ten seconds and was then killed
   * (out of memory, a user's `kill`) restarts at once, however often that happens.
   */
  stableAfterMs?: number;
  /** Time allowed between spawn and `ready`, ms (default 30 000: model loading on a slow disk). */
  readyTimeoutMs?: number;
  /** Time a request may take before it fails, ms (default 10 000; an export gets 10 minutes). */
  requestTimeoutMs?: number;
  /** Grace period after `shutdown` before the process is killed, ms (default 3 000). */
  stopTimeoutMs?: number;
}

type Pending = { resolve: (result: Envelope<unknown>) => void; timer: TimerHandle };

export class EngineLifecycle {
  private child: EngineChild | null = null;
  private currentState: EngineState = 'stopped';
  private seq = 0;
  private crashes = 0;
  private pending = new Map<number, Pending>();
  private timers = new Set<TimerHandle>();
  private stopping: (() => void) | null = null;
  private stopRequest: Promise<void> | null = null;
  private readyTimer: TimerHandle | null = null;
  /** The last `fatal` the engine reported, kept to explain its exit. */
  private lastProblem: string | null = null;

  constructor(private readonly opts: LifecycleOptions) {}

  get state(): EngineState {
    return this.currentState;
  }

  start(): void {
    // A restart already scheduled will spawn the engine; a second one would run two engines.
    if (this.child || this.currentState === 'restarting') return;
    this.spawnChild(this.crashes > 0 ? 'restarting' : 'starting');
  }

  request<M extends EngineMethod>(
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): Promise<Envelope<Awaited<ReturnType<EngineApi[M]>>>> {
    const child = this.child;
    if (!child || this.currentState !== 'ready') {
      return Promise.resolve(fail('engine-unavailable', `The analysis engine is ${this.currentState}.`));
    }
    const seq = this.nextSeq();
    return new Promise((resolve) => {
      const timer = this.opts.clock.setTimeout(
        () => {
          this.pending.delete(seq);
          resolve(fail('engine-unavailable', `The analysis engine did not answer ${method} in time.`));
        },
        SLOW_REQUESTS[method] ?? this.opts.requestTimeoutMs ?? 10_000,
      );
      this.pending.set(seq, { resolve: resolve as (r: Envelope<unknown>) => void, timer });
      child.send({ type: 'request', seq, method, args } as ToEngine);
    });
  }

  /** Asks the engine to shut down; kills it if it has not exited within the grace period. */
  stop(): Promise<void> {
    // A second caller (tray quit, then before-quit) waits for the same shutdown.
    if (this.stopRequest) return this.stopRequest;
    this.clearTimers();
    const child = this.child;
    if (!child) {
      this.setState('stopped', { reason: 'requested' });
      return Promise.resolve();
    }
    this.stopRequest = new Promise((resolve) => {
      this.stopping = () => {
        this.stopRequest = null;
        resolve();
      };
      child.send({ type: 'shutdown', seq: this.nextSeq() });
      this.schedule(() => child.kill(), this.opts.stopTimeoutMs ?? 3_000);
    });
    return this.stopRequest;
  }

  private spawnChild(state: EngineState, info: LifecycleInfo = {}): void {
    this.setState(state, info);
    let child: EngineChild;
    try {
      child = this.opts.spawn();
    } catch (err) {
      this.handleExit(null, 'init-failed', err instanceof Error ? err.message : String(err));
      return;
    }
    this.child = child;
    child.onMessage((message) => {
      if (this.child === child) this.handleMessage(message);
    });
    child.onExit((code) => {
      if (this.child === child) this.handleExit(code, this.stopping ? 'requested' : 'crashed');
    });
    const readyTimer = this.schedule(() => {
      if (this.child === child && this.currentState !== 'ready') {
        this.opts.onLog('error', 'The engine did not become ready in time; restarting it.');
        this.child = null;
        child.kill();
        this.handleExit(null, 'unresponsive');
      }
    }, this.opts.readyTimeoutMs ?? 30_000);
    this.readyTimer = readyTimer;
    child.send({ type: 'init', seq: this.nextSeq(), config: this.opts.config });
  }

  private handleMessage(message: FromEngine): void {
    switch (message.type) {
      case 'ready': {
        if (this.readyTimer) this.cancel(this.readyTimer);
        this.schedule(() => {
          this.crashes = 0;
        }, this.opts.stableAfterMs ?? 10_000);
        this.setState('ready', {
          modelLoadMs: message.modelLoadMs,
          capturePort: message.capturePort,
          ingestPort: message.ingestPort,
        });
        return;
      }
      case 'response': {
        const pending = this.pending.get(message.replyTo);
        if (!pending) return;
        this.pending.delete(message.replyTo);
        this.opts.clock.clearTimeout(pending.timer);
        pending.resolve(message.result);
        return;
      }
      case 'event': {
        // name and payload stay paired: the engine built them from one EngineEvent.
        this.opts.onEvent({ name: message.name, payload: message.payload } as EngineEvent);
        return;
      }
      case 'log':
        this.opts.onLog(message.level, message.message);
        return;
      case 'fatal':
        this.opts.onLog('error', `engine: ${message.error.kind}: ${message.error.message}`);
        this.lastProblem = message.error.message;
        return;
    }
  }

  private handleExit(code: number | null, reason: ExitReason, problem?: string): void {
    this.child = null;
    this.clearTimers();
    for (const [seq, pending] of this.pending) {
      this.opts.clock.clearTimeout(pending.timer);
      pending.resolve(fail('engine-unavailable', 'The analysis engine stopped before answering.'));
      this.pending.delete(seq);
    }
    if (reason === 'requested') {
      this.setState('stopped', { reason });
      const done = this.stopping;
      this.stopping = null;
      done?.();
      return;
    }
    const detail = problem ?? this.lastProblem ?? `exit code ${String(code)}`;
    this.lastProblem = null;
    this.crashes += 1;
    if (this.crashes > (this.opts.maxRestarts ?? 5)) {
      this.setState('failed', { reason, problem: `The analysis engine keeps stopping (${detail}).` });
      return;
    }
    const base = this.opts.restartDelayMs ?? 500;
    const delay = Math.min(base * 2 ** (this.crashes - 1), this.opts.maxRestartDelayMs ?? 30_000);
    this.opts.onLog('warn', `engine stopped (${reason}: ${detail}); restarting in ${delay} ms`);
    this.setState('restarting', { reason, problem: detail });
    this.schedule(() => this.spawnChild('restarting', { reason, problem: detail }), delay);
  }

  private setState(state: EngineState, info: LifecycleInfo): void {
    this.currentState = state;
    this.opts.onState(state, info);
  }

  private nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  private schedule(fn: () => void, ms: number): TimerHandle {
    const handle = this.opts.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  private cancel(handle: TimerHandle): void {
    this.opts.clock.clearTimeout(handle);
    this.timers.delete(handle);
  }

  private clearTimers(): void {
    for (const handle of this.timers) this.opts.clock.clearTimeout(handle);
    this.timers.clear();
    this.readyTimer = null;
  }
}
