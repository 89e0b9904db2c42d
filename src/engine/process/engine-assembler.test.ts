/**
 * The real engine in-process: EngineProcess over EngineAssembler with the models in resources/models and a
 * database in a temporary data folder, driven init → requests → shutdown as the app drives the forked one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import type { EngineRequest } from '../../shared/engine-protocol';
import { TICK_MS, EngineAssembler, loadModels, type LoadedModels } from './engine-assembler';
import { engineInit, preloadArgs, preloadFromArgs } from './engine-init';
import { EngineProcess } from './engine-process';
import { engineApi } from './engine-routes';
import { FakeLink } from './fake-link.test-support';
import { handleRequest } from './request-handler';

const MODELS_DIR = join(import.meta.dirname, '..', '..', '..', 'resources', 'models');

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'attune-engine-process-'));
  folders.push(dir);
  return dir;
}

/** EngineProcess as entry.ts wires it, but with a fake link, a manual clock and a recorded exit. */
function realEngine(load: typeof loadModels = loadModels) {
  const link = new FakeLink();
  const clock = new ManualClock();
  const exits: number[] = [];
  const assembler = new EngineAssembler({
    requests: (engine) => {
      const api = engineApi(engine);
      return (request) => handleRequest(api, request);
    },
    load,
  });
  const process = new EngineProcess({ link, starter: assembler, timers: clock, exit: (code) => exits.push(code) });
  return { link, clock, exits, assembler, process };
}

/** Models that load at once and record their release, counted per load. */
function fakeModels(): { load: typeof loadModels; loads: string[]; released: string[] } {
  const loads: string[] = [];
  const released: string[] = [];
  const load: typeof loadModels = (modelsDir, threads) => {
    const name = `${modelsDir}×${threads}`;
    loads.push(name);
    const models: LoadedModels = {
      analyzer: {
        process: () => Promise.reject(new Error('no frames here')),
        release: () => {
          released.push(name);
          return Promise.resolve();
        },
      },
      classifier: {
        classify: () => {
          throw new Error('no texts here');
        },
      },
      voice: null,
      problems: [],
    };
    return Promise.resolve(models);
  };
  return { load, loads, released };
}

const request = (seq: number, call: Omit<EngineRequest, 'type' | 'seq'>): EngineRequest =>
  ({ type: 'request', seq, ...call }) as EngineRequest;

describe('EngineProcess over the real assembly', () => {
  it(
    'loads the models and the store, reads a text, beats, and closes the database cleanly',
    { timeout: 60_000 },
    async () => {
      const dbFile = join(dataFolder(), 'attune.sqlite');
      const { link, clock, exits, process } = realEngine();
      const init = engineInit({ modelsDir: MODELS_DIR, dbFile, captureSocket: { token: 't0k3n' }, ingestServer: true });
      expect(await process.init(init.config)).toBe(true);
      const ready = link.of('ready')[0];
      expect(ready?.modelLoadMs).toBeGreaterThan(0);
      expect(ready?.capturePort).toEqual(expect.any(Number));
      expect(ready?.ingestPort).toEqual(expect.any(Number));
      expect(link.of('fatal')).toEqual([]);

      expect(
        await process.handle(request(2, { method: 'addTexts', args: [[{ text: 'What a wonderful day!' }]] })),
      ).toEqual({ ok: true, value: 1 });
      // The text's sample and the fused mood it moved.
      expect(await process.handle(request(3, { method: 'countSamples', args: [] }))).toEqual({ ok: true, value: 2 });
      // The route table's checks still stand between a request and the database.
      expect(await process.handle(request(4, { method: 'countSamples', args: [1] }))).toMatchObject({
        ok: false,
        error: { kind: 'bad-input' },
      });
      expect(existsSync(`${dbFile}-wal`)).toBe(true);
      clock.advance(TICK_MS * 2);
      expect(link.of('log').filter((m) => m.level === 'warn' || m.level === 'error')).toEqual([]);

      await process.shutdown('requested');
      expect(exits).toEqual([0]);
      // The last connection's close checkpoints the WAL into the database and removes it.
      expect(existsSync(`${dbFile}-wal`)).toBe(false);
      expect(statSync(dbFile).size).toBeGreaterThan(0);
      expect(link.sent.map((m) => m.seq)).toEqual(link.sent.map((_, i) => i + 1));
    },
  );

  // Issue 15: a model or history that cannot be used is a problem for the dashboard, not a fatal start that would
  // only restart into the same failure and leave the person with nothing.
  it('starts without the models it cannot find, telling which ones, and keeps its history', async () => {
    const dbFile = join(dataFolder(), 'attune.sqlite');
    const { link, exits, process } = realEngine();
    expect(await process.init(engineInit({ modelsDir: dataFolder(), dbFile }).config)).toBe(true);
    expect(link.of('fatal')).toEqual([]);
    expect(link.of('ready')).toHaveLength(1);
    const problems = link.of('event').find((e) => e.name === 'problems');
    expect(problems?.payload).toEqual([
      expect.objectContaining({ part: 'face', kind: 'model-missing' }),
      expect.objectContaining({ part: 'text', kind: 'model-missing' }),
      expect.objectContaining({ part: 'voice', kind: 'model-missing' }),
    ]);
    // The problems come before `ready`, so the first status the app shows already has them.
    expect(link.sent.findIndex((m) => m.type === 'event')).toBeLessThan(link.sent.findIndex((m) => m.type === 'ready'));
    expect(await process.handle(request(2, { method: 'addTexts', args: [[{ text: 'hi' }]] }))).toMatchObject({
      ok: false,
      error: { kind: 'model-missing' },
    });
    expect(await process.handle(request(3, { method: 'countSamples', args: [] }))).toEqual({ ok: true, value: 0 });
    await process.shutdown('requested');
    expect(exits).toEqual([0]);
  });

  it('starts on a history in memory when the database file is damaged, leaving the file alone', async () => {
    const dbFile = join(dataFolder(), 'attune.sqlite');
    const garbage = randomBytes(16 * 1024);
    writeFileSync(dbFile, garbage);
    const { link, process } = realEngine(fakeModels().load);
    expect(await process.init(engineInit({ modelsDir: '/models', dbFile }).config)).toBe(true);
    expect(link.of('event').find((e) => e.name === 'problems')?.payload).toEqual([
      expect.objectContaining({ part: 'database', kind: 'database-unreadable' }),
    ]);
    expect(await process.handle(request(2, { method: 'getSensorSettings', args: [] }))).toMatchObject({ ok: true });
    await process.shutdown('requested');
    expect(readFileSync(dbFile).equals(garbage)).toBe(true);
  });
});

describe('EngineAssembler.preload', () => {
  it('init uses the models loaded before it when folder and threads match', async () => {
    const models = fakeModels();
    const { link, assembler, process } = realEngine(models.load);
    assembler.preload('/models', 1, (level, message) => process.log(level, message));
    expect(models.loads).toEqual(['/models×1']);
    const dbFile = join(dataFolder(), 'attune.sqlite');
    expect(await process.init(engineInit({ modelsDir: '/models', dbFile }).config)).toBe(true);
    expect(models.loads).toEqual(['/models×1']);
    expect(link.of('ready')).toHaveLength(1);
    await process.shutdown('requested');
    expect(models.released).toEqual(['/models×1']);
  });

  it('loads afresh (and releases the preload) when init asks for other models', async () => {
    const models = fakeModels();
    const { assembler, process } = realEngine(models.load);
    assembler.preload('/models', 1, () => undefined);
    const dbFile = join(dataFolder(), 'attune.sqlite');
    expect(await process.init(engineInit({ modelsDir: '/models', dbFile, threads: 2 }).config)).toBe(true);
    expect(models.loads).toEqual(['/models×1', '/models×2']);
    expect(models.released).toEqual(['/models×1']);
    await process.shutdown('requested');
    expect(models.released).toEqual(['/models×1', '/models×2']);
  });

  it('reads and writes its process arguments', () => {
    expect(preloadFromArgs(preloadArgs('/opt/attune/models', 2))).toEqual({
      modelsDir: '/opt/attune/models',
      threads: 2,
    });
    expect(preloadFromArgs(['--preload-models=/m'])).toEqual({ modelsDir: '/m', threads: 1 });
    expect(preloadFromArgs(['--preload-models=/m', '--preload-threads=zero'])).toEqual({ modelsDir: '/m', threads: 1 });
    expect(preloadFromArgs([])).toBeNull();
  });
});
