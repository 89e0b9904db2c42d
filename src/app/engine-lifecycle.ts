/**
 * Owns the engine process: starts it, sends `init`, routes requests and replies, restarts it when it crashes (at
 * once after a healthy run, with back-off in a crash loop), and stops it by asking first and killing after a grace
 * period. Optionally keeps a warm spare: a second engine with its models loaded, idle and without a database, that
 * takes over on a crash in milliseconds instead of the seconds a fresh process needs to boot and load its models.
 * Pure: the processes are reached through injected {@link EngineChild}ren, time through a {@link Clock}.
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

/** What a warm spare loads before it is needed: the models of `init`'s config, so `init` finds them ready. */
export interface SparePreload {
  modelsDir: string;
  threads: number;
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
  /**
   * Starts a warm spare: an engine that loads the models in `preload` and then waits, idle, for `init` (it opens
   * the database only then, so it never touches the data while another engine serves). Absent (the default): no
   * spare, and every restart boots a fresh process. A spare costs one more engine's memory (its models). It is
   * started as soon as an engine is ready, so it has a whole run of that engine to load its models in (seconds on
   * a busy machine); in a crash loop it replaces the fresh process a restart would boot, so it adds none.
   */
  spawnSpare?: (preload: SparePreload) => EngineChild;
  /**
   * Delay before a restart in a crash loop, ms (default 500); doubles per consecutive crash. The first restart
   * after a healthy run (an engine up `stableAfterMs`) is immediate.
   */
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
  /** The current engine has stayed up `stableAfterMs`: if it stops now, it restarts at once. */
  private healthy = false;
  /** The crash loop under way began by ending a healthy run: its first restart was immediate, back-off follows. */
  private loopAfterHealthyRun = false;
  private spare: EngineChild | null = null;
  /** Spares that died before they were needed, since one last took over; past `maxRestarts`, no more spares. */
  private spareDeaths = 0;
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
    // The spare has no database open: killing it loses nothing.
    this.dropSpare();
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
    this.healthy = false;
    // A warm spare takes over: its models are loaded, so `init` only opens the database and the capture socket.
    let child: EngineChild | null = this.spare;
    this.spare = null;
    if (child) this.opts.onLog('info', 'the spare engine takes over');
    else {
      try {
        child = this.opts.spawn();
      } catch (err) {
        this.handleExit(null, 'init-failed', err instanceof Error ? err.message : String(err));
        return;
      }
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
          this.healthy = true;
          // Spares that kept dying get another chance with each healthy run.
          this.spareDeaths = 0;
          this.startSpare();
        }, this.opts.stableAfterMs ?? 10_000);
        this.setState('ready', {
          modelLoadMs: message.modelLoadMs,
          capturePort: message.capturePort,
          ingestPort: message.ingestPort,
        });
        // After `ready` is out: forking takes a few ms the app should not wait for.
        this.startSpare();
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
    if (this.crashes === 1) this.loopAfterHealthyRun = this.healthy;
    this.healthy = false;
    if (this.crashes > (this.opts.maxRestarts ?? 5)) {
      this.dropSpare();
      this.setState('failed', { reason, problem: `The analysis engine keeps stopping (${detail}).` });
      return;
    }
    const delay = this.restartDelay();
    this.opts.onLog('warn', `engine stopped (${reason}: ${detail}); restarting in ${delay} ms`);
    this.setState('restarting', { reason, problem: detail });
    if (delay === 0) this.spawnChild('restarting', { reason, problem: detail });
    else this.schedule(() => this.spawnChild('restarting', { reason, problem: detail }), delay);
  }

  /**
   * 0 for the first restart after a healthy run (the engine was killed, not broken); otherwise the back-off of a
   * crash loop: `restartDelayMs`, doubling per consecutive crash, at most `maxRestartDelayMs`.
   */
  private restartDelay(): number {
    const step = this.crashes - (this.loopAfterHealthyRun ? 1 : 0);
    if (step === 0) return 0;
    const base = this.opts.restartDelayMs ?? 500;
    return Math.min(base * 2 ** (step - 1), this.opts.maxRestartDelayMs ?? 30_000);
  }

  /** Starts a warm spare unless there is one, none is wanted, or spares keep dying. */
  private startSpare(): void {
    const spawnSpare = this.opts.spawnSpare;
    if (!spawnSpare || this.spare || this.stopRequest || this.spareDeaths > (this.opts.maxRestarts ?? 5)) return;
    let spare: EngineChild;
    try {
      spare = spawnSpare({ modelsDir: this.opts.config.modelsDir, threads: this.opts.config.threads });
    } catch (err) {
      this.spareDied(err instanceof Error ? err.message : String(err));
      return;
    }
    this.spare = spare;
    // Until it takes over, a spare only loads models: its logs (a model that did not load) are worth passing on.
    spare.onMessage((message) => {
      if (this.spare === spare && message.type === 'log') this.opts.onLog(message.level, `spare: ${message.message}`);
    });
    spare.onExit((code) => {
      if (this.spare !== spare) return;
      this.spare = null;
      this.spareDied(`exit code ${String(code)}`);
    });
  }

  /** A spare that died idle is replaced after a back-off; after `maxRestarts` in a row, restarts boot afresh. */
  private spareDied(detail: string): void {
    this.spareDeaths += 1;
    if (this.spareDeaths > (this.opts.maxRestarts ?? 5)) {
      this.opts.onLog('error', `the spare engine keeps stopping (${detail}); restarts will start a fresh engine`);
      return;
    }
    const base = this.opts.restartDelayMs ?? 500;
    const delay = Math.min(base * 2 ** (this.spareDeaths - 1), this.opts.maxRestartDelayMs ?? 30_000);
    this.opts.onLog('warn', `the spare engine stopped (${detail}); starting another in ${delay} ms`);
    this.schedule(() => this.startSpare(), delay);
  }

  private dropSpare(): void {
    const spare = this.spare;
    this.spare = null;
    spare?.kill();
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
