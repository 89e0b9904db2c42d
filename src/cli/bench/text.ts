/** Text evidence throughput for `bench` and `attune bench text-load`. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TextInput } from '../../shared/text-input';
import { CheckInStore } from '../../engine/store/check-ins';
import { openDatabase } from '../../engine/store/open-database';
import { SampleStore } from '../../engine/store/samples';
import { SettingsStore } from '../../engine/store/settings';
import { TextClassifier } from '../../engine/text/text-classifier';
import { TextIntake } from '../../engine/text/text-intake';
import { summarise, type Summary } from './stats';
import { DEFAULT_MODELS_DIR, DEFAULT_RENDERER_DIR, startHost } from '../../host/host';

const WORDS = 'today work meeting great tired happy sad angry lovely awful coffee walk late early friend team'.split(
  ' ',
);
function sentence(i: number): string {
  const n = 6 + (i % 9);
  return Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join(' ');
}
const messages = (n: number, offset = 0): TextInput[] =>
  Array.from({ length: n }, (_, i) => ({ text: sentence(i + offset), source: 'load' }));

export interface TextBenchOptions {
  /** Messages sent through the engine in batches and through the endpoint (default 20 000). */
  messages?: number;
  /** Messages per batch / NDJSON request (default 1 000). */
  batch?: number;
  /** Concurrent connections to the endpoint (default 8). */
  parallel?: number;
}

export interface TextBenchResult {
  /** The classifier alone (labels, valence and arousal), wall ms per message: median and p95. */
  classifierMs: Summary;
  engineMsPerMessage: { single: number; batched: number };
  endpointMessagesPerSecond: { ndjson: number; single: number };
  lines: string[];
}

/**
 * Text evidence cost: (1) engine, classify + store in a real SQLite file, one message per call and in
 * batches; (2) messages per second through POST /v1/text on loopback against a real headless host and its
 * engine process, with the rate limit lifted so the figure shows what the host and engine can do (with the
 * default limit a sender is held to 5 000/s). Messages are made-up sentences.
 */
export async function benchText(options: TextBenchOptions = {}): Promise<TextBenchResult> {
  const MESSAGES = options.messages ?? 20_000;
  const BATCH = options.batch ?? 1_000;
  const PARALLEL = options.parallel ?? 8;
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'attune-load-'));
  try {
    // Part 1: the engine's own cost.
    const classifier = TextClassifier.load(join(DEFAULT_MODELS_DIR, 'text-emotion.json'));
    const timed = messages(2_000, 3).map((m) => m.text);
    for (const t of timed.slice(0, 200)) classifier.classify(t);
    const classifierMs = summarise(
      timed.map((t) => {
        const start = performance.now();
        classifier.classify(t);
        return performance.now() - start;
      }),
    );
    lines.push(
      `classifier alone: median ${classifierMs.median.toFixed(3)} ms/message, p95 ${classifierMs.p95.toFixed(3)} (n=${classifierMs.n})`,
    );
    const db = openDatabase(join(dir, 'engine.sqlite'));
    const intake = new TextIntake({
      classifier,
      samples: new SampleStore(db),
      checkIns: new CheckInStore(db),
      settings: new SettingsStore(db),
      now: Date.now,
      newToken: () => randomBytes(32).toString('base64url'),
    });
    const singles = messages(2_000);
    let t0 = performance.now();
    for (const m of singles) intake.addTexts([m]);
    const singleMs = (performance.now() - t0) / singles.length;
    const batch = messages(MESSAGES, 7);
    t0 = performance.now();
    for (let i = 0; i < batch.length; i += BATCH) intake.addTexts(batch.slice(i, i + BATCH));
    const batchMs = (performance.now() - t0) / batch.length;
    db.close();
    lines.push(
      `engine, one message per call (each its own transaction): ${singleMs.toFixed(3)} ms/message (n=${singles.length})`,
    );
    lines.push(`engine, batches of ${BATCH}: ${batchMs.toFixed(3)} ms/message (n=${batch.length})`);

    // Part 2: through the endpoint.
    const host = await startHost({
      rendererDir: DEFAULT_RENDERER_DIR,
      modelsDir: DEFAULT_MODELS_DIR,
      dbFile: join(dir, 'host.sqlite'),
      log: () => undefined,
      ingestRate: { perSecond: 1e12, burst: 1e12 },
    });
    await new Promise<void>((resolve) => {
      const poll = (): void => (host.service.getStatus().engine === 'ready' ? resolve() : void setTimeout(poll, 50));
      poll();
    });
    const info = await host.service.setIngestEnabled(true);
    const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
    const send = (body: string, type: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const headers = { Authorization: `Bearer ${info.token}`, 'Content-Type': type };
        const req = request(
          { host: '127.0.0.1', port: host.port, path: '/v1/text', method: 'POST', headers, agent },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    async function run(bodies: string[], type: string): Promise<number> {
      const started = performance.now();
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < bodies.length) {
          const status = await send(bodies[next++] ?? '', type);
          if (status !== 200) throw new Error(`status ${status}`);
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      return (performance.now() - started) / 1000;
    }
    const ndjson: string[] = [];
    const all = messages(MESSAGES, 13);
    for (let i = 0; i < all.length; i += BATCH)
      ndjson.push(
        all
          .slice(i, i + BATCH)
          .map((m) => JSON.stringify(m))
          .join('\n'),
      );
    const ndSeconds = await run(ndjson, 'application/x-ndjson');
    lines.push(
      `endpoint, ${ndjson.length} NDJSON requests of ${BATCH}, ${PARALLEL} connections: ${(MESSAGES / ndSeconds).toFixed(0)} messages/s`,
    );
    const singleBodies = messages(Math.min(MESSAGES, 5_000), 29).map((m) => JSON.stringify(m));
    const oneSeconds = await run(singleBodies, 'application/json');
    lines.push(
      `endpoint, one message per request, ${PARALLEL} connections: ${(singleBodies.length / oneSeconds).toFixed(0)} messages/s (n=${singleBodies.length})`,
    );
    agent.destroy();
    await host.close();
    return {
      classifierMs,
      engineMsPerMessage: { single: singleMs, batched: batchMs },
      endpointMessagesPerSecond: { ndjson: MESSAGES / ndSeconds, single: singleBodies.length / oneSeconds },
      lines,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
