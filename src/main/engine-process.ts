/**
 * The engine as an Electron utility process, wrapped as the lifecycle's EngineChild. It also brokers the
 * capture channel: each engine gets one end of a fresh MessageChannelMain and the capture page the
 * other, so frames flow page → engine without touching main's event loop. A warm spare (`spawnSpare`) is the same
 * process started with its models preloaded; it gets the capture channel only once it takes over (its `init`).
 */
import { createInterface } from 'node:readline';
import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { CAPTURE_PORT_CHANNEL } from '../shared/capture-port';
import type { EngineChild, SparePreload } from '../app/engine-lifecycle';
import { preloadArgs } from '../engine/process/engine-init';
import type { FromEngine } from '../shared/engine-protocol';
import type { Logger } from './logger';

export interface EngineProcessOptions {
  /** Absolute path of the built engine entry (out/main/engine.js). */
  modulePath: string;
  logger: Logger;
  /** The capture page once it has loaded, else null (windows.ts captureContents). */
  captureContents: () => WebContents | null;
  /**
   * Keep a warm spare engine (models loaded, idle, no database) that takes over within milliseconds of a crash;
   * it costs a second engine's memory. Default true, unless the environment has ATTUNE_SPARE_ENGINE=0.
   */
  spare?: boolean;
}

export class EngineProcessHost {
  private current: UtilityProcess | null = null;

  constructor(private readonly opts: EngineProcessOptions) {
    this.spawnSpare =
      (opts.spare ?? process.env.ATTUNE_SPARE_ENGINE !== '0')
        ? (preload) => this.fork(preloadArgs(preload.modelsDir, preload.threads))
        : undefined;
  }

  /** Starts an engine process; hand this to EngineLifecycle as `spawn`. */
  readonly spawn = (): EngineChild => this.fork([]);

  /**
   * Starts a warm spare that loads `preload`'s models and waits for `init`; EngineLifecycle's `spawnSpare`.
   * Undefined where no spare is wanted (`spare`).
   */
  readonly spawnSpare: ((preload: SparePreload) => EngineChild) | undefined;

  private fork(args: string[]): EngineChild {
    const log = this.opts.logger;
    const proc = utilityProcess.fork(this.opts.modulePath, args, { serviceName: 'Attune engine', stdio: 'pipe' });
    forwardLines(proc.stdout, (line) => log.info(line));
    forwardLines(proc.stderr, (line) => log.warn(line));
    proc.on('spawn', () => log.info(`engine process started (pid ${String(proc.pid)})`));
    proc.on('error', (type, location) => log.error(`engine process ${type} at ${location}`));
    proc.on('exit', (code) => {
      log.info(`engine process exited (code ${code})`);
      if (this.current === proc) this.current = null;
    });
    return {
      send: (message) => {
        proc.postMessage(message);
        // The engine that gets `init` is the one serving (a spare idles until then): it learns its config
        // first, then gets its capture port.
        if (message.type === 'init') {
          this.current = proc;
          this.linkCapture();
        }
      },
      onMessage: (listener) =>
        proc.on('message', (message: unknown) => {
          if (isFromEngine(message)) listener(message);
          else log.warn('engine sent a malformed message; ignored');
        }),
      onExit: (listener) => proc.on('exit', (code) => listener(code)),
      kill: () => {
        proc.kill();
      },
    };
  }

  /**
   * Gives the running engine and the loaded capture page a fresh channel. Called after each engine's
   * `init` and each time the capture page (re)loads; does nothing unless both are there.
   */
  linkCapture(): boolean {
    const proc = this.current;
    const page = this.opts.captureContents();
    if (!proc || !page || page.isDestroyed()) return false;
    const { port1, port2 } = new MessageChannelMain();
    proc.postMessage({ type: 'capture-port' }, [port1]);
    page.postMessage(CAPTURE_PORT_CHANNEL, null, [port2]);
    return true;
  }
}

function forwardLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (line.trim() !== '') write(line);
  });
}

function isFromEngine(message: unknown): message is FromEngine {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}
