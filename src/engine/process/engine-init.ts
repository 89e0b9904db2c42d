/** The `init` message, built in one place for everything that starts an engine process by hand (bench, tests). */
import type { EngineConfig, ToEngine } from '../../shared/engine-protocol';

export type EngineInit = Extract<ToEngine, { type: 'init' }>;

/** What a caller must say; the rest defaults as the headless host's plain engine has it. */
export type EngineInitOptions = Pick<EngineConfig, 'modelsDir' | 'dbFile'> & Partial<EngineConfig>;

/**
 * An `init` with no capture socket, one ONNX thread and the Node build of better-sqlite3 unless told otherwise.
 * `seq` is 1: init is the first message an engine gets.
 */
export function engineInit(options: EngineInitOptions, seq = 1): EngineInit {
  return { type: 'init', seq, config: { captureSocket: null, threads: 1, sqliteBinding: null, ...options } };
}

/** Flag asking a freshly started engine to load its models before `init` (a warm spare): `--preload-models=DIR`. */
export const PRELOAD_MODELS_FLAG = '--preload-models=';
/** ONNX threads for the preload (default 1); an `init` with another count loads afresh. */
export const PRELOAD_THREADS_FLAG = '--preload-threads=';

/** The process arguments that ask for models to be loaded before `init`, for EngineAssembler.preload. */
export function preloadFromArgs(args: readonly string[]): { modelsDir: string; threads: number } | null {
  const modelsDir = args.find((a) => a.startsWith(PRELOAD_MODELS_FLAG))?.slice(PRELOAD_MODELS_FLAG.length);
  if (!modelsDir) return null;
  const threads = Number(args.find((a) => a.startsWith(PRELOAD_THREADS_FLAG))?.slice(PRELOAD_THREADS_FLAG.length) ?? 1);
  return { modelsDir, threads: Number.isInteger(threads) && threads > 0 ? threads : 1 };
}

/** The arguments `preloadFromArgs` reads, for whoever starts the engine. */
export function preloadArgs(modelsDir: string, threads = 1): string[] {
  return [`${PRELOAD_MODELS_FLAG}${modelsDir}`, `${PRELOAD_THREADS_FLAG}${threads}`];
}
