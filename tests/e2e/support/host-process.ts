/** Runs the headless host as a user would (`node --import tsx src/host/main.ts`) and reads its address. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostProcess {
  url: string;
  dataDir: string;
  dbFile: string;
  /** Everything the host printed so far (its engine's log lines included). */
  output(): string;
  stop(): Promise<void>;
}

export interface HostProcessOptions {
  /** Extra environment for the host, e.g. ATTUNE_TEST_CLOCK=1. */
  env?: Record<string, string>;
  /**
   * Fills the database before the host opens it (e.g. `(db) => seedHistory(db, { days: 365 })`): called with the
   * database file once the data folder exists. Default: none, a fresh history.
   */
  seed?: (dbFile: string) => void;
  /** Extra arguments for the host, e.g. `['--models-dir', dir]`. */
  args?: string[];
}

export function startHostProcess(options: HostProcessOptions = {}): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
  options.seed?.(join(dataDir, 'attune.sqlite'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/host/main.ts', '--data-dir', dataDir, ...(options.args ?? [])],
    {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    },
  );
  let log = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(log);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        resolve({
          url: match[1],
          dataDir,
          dbFile: join(dataDir, 'attune.sqlite'),
          output: () => log,
          // Safe to call twice: a test may stop the host itself before the fixture does.
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`host exited (${String(code)}) before serving:\n${log}`)));
  });
}
