/**
 * The warm spare as the headless host forks it: a real engine process started with its models preloaded and no
 * `init`, which then takes over with the serving engine's config: ready, answering, reading texts with the text
 * model it preloaded, storing into the database it opened only at `init`, and shutting down cleanly.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FromEngine } from '../shared/engine-protocol';
import { DEFAULT_MODELS_DIR } from './host';
import { forkSpareEngine } from './node-engine';

describe('warm spare engine process', () => {
  it(
    'takes over with init: ready, serving from its preloaded models, closing cleanly',
    { timeout: 90_000 },
    async () => {
      const dbFile = join(mkdtempSync(join(tmpdir(), 'attune-spare-')), 'attune.sqlite');
      const spare = forkSpareEngine({ modelsDir: DEFAULT_MODELS_DIR, threads: 1 });
      const messages: FromEngine[] = [];
      const waiting: { test: (m: FromEngine) => boolean; resolve: (m: FromEngine) => void }[] = [];
      spare.onMessage((m) => {
        messages.push(m);
        for (const w of waiting.filter((w) => w.test(m))) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(m);
        }
      });
      const waitFor = (test: (m: FromEngine) => boolean): Promise<FromEngine> => {
        const found = messages.find(test);
        return found ? Promise.resolve(found) : new Promise((resolve) => waiting.push({ test, resolve }));
      };
      const exited = new Promise<number | null>((resolve) => spare.onExit(resolve));

      // Idle until init: it knows no database, so none exists yet.
      expect(existsSync(dbFile)).toBe(false);
      spare.send({
        type: 'init',
        seq: 1,
        config: { modelsDir: DEFAULT_MODELS_DIR, dbFile, captureSocket: null, threads: 1, sqliteBinding: null },
      });
      const ready = await waitFor((m) => m.type === 'ready' || m.type === 'fatal');
      expect(ready.type).toBe('ready');
      expect(existsSync(dbFile)).toBe(true);

      spare.send({ type: 'request', seq: 2, method: 'addTexts', args: [[{ text: 'What a wonderful day!' }]] });
      const stored = await waitFor((m) => m.type === 'response' && m.replyTo === 2);
      expect(stored.type === 'response' && stored.result).toEqual({ ok: true, value: 1 });

      spare.send({ type: 'shutdown', seq: 3 });
      expect(await exited).toBe(0);
      expect(messages.filter((m) => m.type === 'fatal')).toEqual([]);
    },
  );
});
