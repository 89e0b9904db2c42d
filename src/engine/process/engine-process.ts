/**
 * The engine process's protocol, as a class with its ports injected (habit 13), so it runs in a test as it runs
 * forked: `init` first (requests before it are answered `engine-unavailable`), every outgoing message numbered
 * from 1, a response per request, a beat once the engine is ready, and one clean close on `shutdown`.
 * entry.ts wires it to the real parent link, timers and process; EngineAssembler does the loading and I/O.
 */
import type { Clock, TimerHandle } from '../../shared/clock';
import { fail, toFailure, type Envelope } from '../../shared/envelope';
import type { EngineConfig, EngineRequest, FromEngine, LogLevel, ToEngine } from '../../shared/engine-protocol';
import { fromPortMessage, type CaptureInput } from '../capture/capture-input';
import { TICK_MS, routeCapture, type EngineStarter, type RunningEngine } from './engine-assembler';
import type { ParentLink } from './parent-link';

export interface EngineProcessPorts {
  /** The way to the app: Electron's parentPort or Node's IPC channel (parent-link.ts), or a test's. */
  link: ParentLink;
  /** Starts the engine from `init`'s config (EngineAssembler). */
  starter: EngineStarter;
  /** Timers for the beat and the exit deadlines. */
  timers: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Ends the process (process.exit); a test records the code. */
  exit: (code: number) => void;
}

/** However a close hangs (an analysis that never returns), the process still goes after this long, ms. */
export const SHUTDOWN_DEADLINE_MS = 5_000;
/** After a fatal error, time for the message to flush before exiting, ms. */
const FATAL_FLUSH_MS = 50;

export class EngineProcess {
  private seq = 0;
  private running: RunningEngine | null = null;
  private initialised = false;
  private beat: TimerHandle | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly ports: EngineProcessPorts) {}

  /** Serves what the link delivers: control messages and, in Electron, the capture page's port. */
  listen(): void {
    this.ports.link.onMessage((message) => this.receive(message));
    this.ports.link.onCapturePort((port) => {
      port.on('message', (event) => this.capture(fromPortMessage(event.data)));
      port.start();
    });
  }

  receive(message: ToEngine): void {
    switch (message.type) {
      case 'init':
        void this.init(message.config);
        return;
      case 'request':
        void this.handle(message);
        return;
      case 'shutdown':
        void this.shutdown('requested');
        return;
    }
  }

  /**
   * Loads the models and the store, then says `ready`; a failure is fatal (exit 2: the lifecycle restarts the
   * engine with back-off). Resolves true once ready. A second `init` is refused: the engine is already started.
   */
  async init(config: EngineConfig): Promise<boolean> {
    if (this.initialised) {
      this.log('warn', 'a second init ignored: the engine is already started');
      return false;
    }
    this.initialised = true;
    try {
      const running = await this.ports.starter.start(config, {
        emit: (event) => this.send({ type: 'event', seq: this.next(), ...event }),
        log: (level, message) => this.log(level, message),
      });
      this.running = running;
      this.scheduleBeat();
      this.log('info', `models loaded in ${running.modelLoadMs.toFixed(0)} ms`);
      this.send({
        type: 'ready',
        seq: this.next(),
        modelLoadMs: running.modelLoadMs,
        capturePort: running.capturePort,
        ingestPort: running.ingestPort,
      });
      return true;
    } catch (err) {
      this.fatal(err, 2);
      return false;
    }
  }

  /** Answers one request with a `response` (an envelope, never a throw); resolves with what was sent. */
  async handle(request: EngineRequest): Promise<Envelope<unknown>> {
    const running = this.running;
    const result = running
      ? await running.handle(request)
      : fail('engine-unavailable', 'The engine has not finished starting.');
    this.send({ type: 'response', seq: this.next(), replyTo: request.seq, result });
    running?.answered(request);
    return result;
  }

  /** Frames, audio and camera states; before `init` there is no engine to take them, so they are dropped. */
  capture(input: CaptureInput): void {
    if (this.running) this.running.capture(input);
    else routeCapture(null, input, (level, message) => this.log(level, message));
  }

  /**
   * Stops the beat, closes the engine once (servers, models, database) and exits 0, whatever the close did;
   * a close that hangs is cut short after SHUTDOWN_DEADLINE_MS. Later calls share the first one's close.
   */
  shutdown(why: string): Promise<void> {
    this.closing ??= this.close(why);
    return this.closing;
  }

  /** Reports `err` as a `fatal` message and exits with `code` once it has had time to flush. */
  fatal(err: unknown, code: number): void {
    const failure = toFailure(err);
    if (!failure.ok) this.send({ type: 'fatal', seq: this.next(), error: failure.error });
    this.ports.timers.setTimeout(() => this.ports.exit(code), FATAL_FLUSH_MS);
  }

  log(level: LogLevel, message: string): void {
    this.send({ type: 'log', seq: this.next(), level, message });
  }

  private async close(why: string): Promise<void> {
    this.ports.timers.setTimeout(() => this.ports.exit(0), SHUTDOWN_DEADLINE_MS);
    if (this.beat) this.ports.timers.clearTimeout(this.beat);
    this.beat = null;
    try {
      await this.running?.close();
    } catch (err) {
      this.log('error', `shutdown (${why}): ${String(err)}`);
    } finally {
      this.ports.exit(0);
    }
  }

  private scheduleBeat(): void {
    this.beat = this.ports.timers.setTimeout(() => {
      if (this.closing) return;
      this.running?.tick();
      this.scheduleBeat();
    }, TICK_MS);
  }

  /** Every outgoing message takes the next number, from 1. */
  private next(): number {
    this.seq += 1;
    return this.seq;
  }

  private send(message: FromEngine): void {
    this.ports.link.send(message);
  }
}
