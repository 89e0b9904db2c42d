/** The real host process for the soak, and what the soak reads of it and its engine (pid, resident memory). */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AttuneError } from '../../shared/envelope';

const HOST_MAIN = fileURLToPath(new URL('../../host/main.ts', import.meta.url));

export interface HostProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  token: string;
  /** Resolves with the exit code once the host has exited. */
  exited: Promise<number | null>;
}

/** Starts `src/host/main.ts` (as `npm run host` does) on the engine's test clock; resolves once it prints its URL. */
export function startHostProcess(dataDir: string, rendererDir: string): Promise<HostProcess> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), HOST_MAIN, '--data-dir', dataDir, '--renderer-dir', rendererDir],
    { env: { ...process.env, ATTUNE_TEST_CLOCK: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // The host logs engine warnings here; kept short, for a failure message.
    errors = (errors + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w%-]+)/.exec(out);
      if (match && child.pid !== undefined) {
        resolve({ child, pid: child.pid, port: Number(match[1]), token: decodeURIComponent(match[2] ?? ''), exited });
      }
    });
    void exited.then((code) =>
      reject(new AttuneError('internal', `the host exited (code ${String(code)}) before serving: ${errors}`)),
    );
  });
}

/**
 * The serving engine: the host's oldest child running engine/entry (Linux and macOS `pgrep`). Matched by its command
 * line: the host has other children (tsx's esbuild service), and taking the first child measured and killed that
 * instead. The oldest, because a warm spare is always started after the engine it stands in for and takes over
 * only once that one is gone.
 */
export function enginePid(hostPid: number): number | null {
  return engineChildren(hostPid, ['-o'])[0] ?? null;
}

/** Every engine process of the host: the serving one and its warm spare, if it keeps one. */
export function enginePids(hostPid: number): number[] {
  return engineChildren(hostPid, []);
}

function engineChildren(hostPid: number, flags: string[]): number[] {
  try {
    const out = execFileSync('pgrep', [...flags, '-P', String(hostPid), '-f', 'engine/process/entry'], {
      encoding: 'utf8',
    });
    return out
      .trim()
      .split('\n')
      .map(Number)
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    return []; // pgrep exits 1 when there is no child (the engine is being restarted)
  }
}

/** Resident memory of `pid`, MB: /proc where there is one, else `ps`; 0 when the process is gone. */
export function rssMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    try {
      return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024 || 0;
    } catch {
      return 0;
    }
  }
}
