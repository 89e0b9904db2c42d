/**
 * The engine's memory for `bench`, measured in a child process so the bench's own baggage (decoded sample
 * photos, face-api and TF.js) does not count: the child loads the face pipeline as the engine does, runs the
 * frames it is given, and prints its RSS. It runs under tsx like every CLI command; the packaged engine runs
 * compiled JS, so its figure is about the tsx loader's few MB lower (reported as `runtimeMB`).
 *
 *   node --import tsx src/cli/bench/memory.ts <frames.raw> <width> <height> <runs>
 */
import { execFile, fork } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FromEngine } from '../../shared/engine-protocol';
import { engineInit } from '../../engine/process/engine-init';
import { FacePipeline } from '../../engine/vision/face-pipeline';
import type { RgbaImage } from '../../engine/vision/image';
import { MODELS_DIR } from '../paths';

export interface EngineMemory {
  /** RSS of the child before loading anything: Node, tsx and the CLI's imports, MB. */
  runtimeMB: number;
  /** After loading the detector, both expression models and the stacker, MB. */
  loadedMB: number;
  /** After the frames, MB (garbage not yet collected included, as in the live engine). */
  afterRunsMB: number;
}

const MB = 1024 * 1024;
const rss = (): number => Math.round((process.memoryUsage().rss / MB) * 10) / 10;

/** Runs the child on `frames` (all the same size) and returns what it measured. */
export async function measureEngineMemory(frames: readonly RgbaImage[], runs: number): Promise<EngineMemory> {
  const first = frames[0];
  if (!first) throw new RangeError('measureEngineMemory needs at least one frame');
  const dir = await mkdtemp(join(tmpdir(), 'attune-bench-'));
  try {
    const raw = join(dir, 'frames.raw');
    await writeFile(
      raw,
      Buffer.concat(frames.map((f) => Buffer.from(f.data.buffer, f.data.byteOffset, f.data.length))),
    );
    const args = [
      '--import',
      'tsx',
      import.meta.filename,
      raw,
      String(first.width),
      String(first.height),
      String(runs),
    ];
    // From the project root, where `--import tsx` resolves, whatever the caller's working directory.
    const cwd = join(import.meta.dirname, '..', '..', '..');
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as EngineMemory;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The real engine (src/engine/process/entry.ts, forked under tsx as the headless host does) after `init` with an
 * in-memory database: RSS, MB, once it reports `ready` with every model loaded. Linux only (/proc); null
 * elsewhere or if the engine does not become ready within `timeoutMs` (default 60 s).
 */
export async function measureRealEngine(modelsDir = MODELS_DIR, timeoutMs = 60_000): Promise<number | null> {
  if (process.platform !== 'linux') return null;
  const entry = join(import.meta.dirname, '..', '..', 'engine', 'process', 'entry.ts');
  const engine = fork(entry, [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    serialization: 'advanced',
  });
  try {
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      engine.on('message', (m: FromEngine) => {
        if (m.type === 'ready' || m.type === 'fatal') {
          clearTimeout(timer);
          resolve(m.type === 'ready');
        }
      });
      engine.on('exit', () => resolve(false));
    });
    engine.send(engineInit({ modelsDir, dbFile: ':memory:' }));
    if (!(await ready) || engine.pid === undefined) return null;
    const status = await readFile(`/proc/${engine.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? null : Math.round((Number(kb) / 1024) * 10) / 10;
  } finally {
    engine.kill('SIGKILL');
  }
}

async function child(argv: string[]): Promise<void> {
  const [file = '', width = '0', height = '0', runs = '0'] = argv;
  const runtimeMB = rss();
  const bytes = await readFile(file);
  const w = Number(width);
  const h = Number(height);
  const size = w * h * 4;
  const frames: RgbaImage[] = [];
  for (let at = 0; at + size <= bytes.length; at += size) {
    frames.push({ width: w, height: h, data: new Uint8Array(bytes.buffer, bytes.byteOffset + at, size) });
  }
  const pipeline = await FacePipeline.load({ modelsDir: MODELS_DIR, threads: 1 });
  const loadedMB = rss();
  for (let i = 0; i < Number(runs); i++) await pipeline.process(frames[i % frames.length] as RgbaImage, i * 500);
  const result: EngineMemory = { runtimeMB, loadedMB, afterRunsMB: rss() };
  await pipeline.release();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] === import.meta.filename) await child(process.argv.slice(2));
