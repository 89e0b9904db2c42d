/**
 * Ctrl+C reaches every process of the terminal's group, the forked engine included (issue 15). The engine must
 * outlive that SIGINT so the host's own shutdown closes its database cleanly (no WAL left to replay).
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FromEngine } from '../shared/engine-protocol';
import { DEFAULT_MODELS_DIR } from './host';
import { forkEngine } from './node-engine';

describe('engine process and signals', () => {
  it(
    'ignores SIGINT and closes the database cleanly when the host then shuts it down',
    { timeout: 90_000 },
    async () => {
      const dbFile = join(mkdtempSync(join(tmpdir(), 'attune-sigint-')), 'attune.sqlite');
      const child = forkEngine();
      const messages: FromEngine[] = [];
      let notify = (): void => undefined;
      child.onMessage((m) => {
        messages.push(m);
        notify();
      });
      const waitFor = (test: (m: FromEngine) => boolean): Promise<FromEngine> =>
        new Promise((resolve) => {
          const check = (): void => {
            const found = messages.find(test);
            if (found) resolve(found);
          };
          notify = check;
          check();
        });
      const exited = new Promise<number | null>((resolve) => child.onExit(resolve));

      child.send({
        type: 'init',
        seq: 1,
        config: { modelsDir: DEFAULT_MODELS_DIR, dbFile, captureSocket: null, threads: 1, sqliteBinding: null },
      });
      expect((await waitFor((m) => m.type === 'ready' || m.type === 'fatal')).type).toBe('ready');
      child.send({ type: 'request', seq: 2, method: 'addTexts', args: [[{ text: 'A calm evening.' }]] });
      await waitFor((m) => m.type === 'response' && m.replyTo === 2);
      expect(existsSync(`${dbFile}-wal`)).toBe(true);

      process.kill(child.pid ?? 0, 'SIGINT');
      // Still alive and answering after the signal: the host decides when it stops.
      child.send({ type: 'request', seq: 3, method: 'countSamples', args: [] });
      const count = await Promise.race([
        waitFor((m) => m.type === 'response' && m.replyTo === 3),
        exited.then((code) => ({ type: 'exited', code }) as const),
      ]);
      expect(count.type === 'response' && count.result.ok).toBe(true);

      child.send({ type: 'shutdown', seq: 4 });
      expect(await exited).toBe(0);
      // The last connection's close checkpoints the WAL into the database and removes it.
      expect(existsSync(`${dbFile}-wal`)).toBe(false);
      expect(statSync(dbFile).size).toBeGreaterThan(0);
    },
  );
});
