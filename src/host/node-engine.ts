/** The engine as a Node child process (the headless host's stand-in for Electron's utilityProcess). */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromEngine, ToEngine } from '../shared/engine-protocol';
import type { EngineChild, SparePreload } from '../app/engine-lifecycle';
import { preloadArgs } from '../engine/process/engine-init';

const ENGINE_ENTRY = fileURLToPath(new URL('../engine/process/entry.ts', import.meta.url));

/**
 * Forks src/engine/process/entry.ts with tsx's loader, so the engine runs from source exactly as tests run it.
 * `args` go to the engine (engine-init.ts's `preloadArgs` make it a warm spare). It has an IPC channel to this
 * process, so it closes and exits when this process goes, however that goes (entry.ts's `disconnect`).
 */
export function forkEngine(args: readonly string[] = []): EngineChild & { readonly pid: number | undefined } {
  const child = fork(ENGINE_ENTRY, [...args], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return {
    pid: child.pid,
    send: (message: ToEngine) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as FromEngine)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}

/** Forks a warm spare: an engine that loads `preload`'s models at once, then waits for `init` (EngineLifecycle). */
export function forkSpareEngine(preload: SparePreload): EngineChild & { readonly pid: number | undefined } {
  return forkEngine(preloadArgs(preload.modelsDir, preload.threads));
}
