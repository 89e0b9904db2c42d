/** Runs the headless host as a user would (`node --import tsx src/host/main.ts`) and reads its address. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostProcess {
  url: string;
  dataDir: string;
  dbFile: string;
  stop(): Promise<void>;
}

export function startHostProcess(): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/host/main.ts', '--data-dir', dataDir], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
          stop: () =>
            new Promise((done) => {
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
