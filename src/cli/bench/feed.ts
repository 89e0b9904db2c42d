/**
 * `bench`'s mood-feed figures, on a feed server in a child process (bench/feed-server.ts), so the clients'
 * own work is not counted:
 * - the CPU the feed adds with 10 open streams: the server's CPU time over a window with the streams open,
 *   minus the same window with none, as a share of one core (moods arrive 6 times a second either way);
 * - GET /v1/mood answered per second by that server, from 16 keep-alive connections (rate limit lifted).
 * Medians of three windows each; never asserts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { summarise } from './stats';

export const BENCH_FEED_TOKEN = 'bench-feed-token-0123456789abcdefghijklmnop';
/** Moods a second: a 5 frames/s camera plus the engine's 1 Hz beat, the most the engine sends. */
export const BENCH_MOODS_PER_SECOND = 6;

const SERVER = fileURLToPath(new URL('./feed-server.ts', import.meta.url));

export interface FeedBench {
  streams: number;
  windowSeconds: number;
  /** Server CPU as % of one core: idle (no client), with the streams open, and the difference. */
  idleCpuPercent: number;
  streamsCpuPercent: number;
  addedCpuPercent: number;
  eventsPerStream: number;
  readsPerSecond: number;
  /** The server's CPU time per answered read, µs: the capacity figure that other load on the machine skews least. */
  serverCpuUsPerRead: number;
  lines: string[];
}

function ask(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
    child.send('cpu');
  });
}

/** The server's CPU over `seconds`, as a percentage of one core. */
async function cpuPercent(child: ChildProcess, seconds: number): Promise<number> {
  const before = await ask(child);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const cpu = (await ask(child)) - before;
  return (cpu / (performance.now() - started)) * 100;
}

function openStream(port: number, onEvent: () => void): () => void {
  const req = get(
    { host: '127.0.0.1', port, path: '/v1/mood/stream', headers: { Authorization: `Bearer ${BENCH_FEED_TOKEN}` } },
    (res) => res.on('data', (chunk: Buffer) => (chunk.includes('event: mood') ? onEvent() : undefined)),
  );
  req.on('error', () => undefined);
  return () => req.destroy();
}

async function readsPerSecond(port: number, seconds: number): Promise<{ rate: number; count: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      await new Promise<void>((resolve, reject) => {
        get(
          {
            host: '127.0.0.1',
            port,
            path: '/v1/mood',
            agent,
            headers: { Authorization: `Bearer ${BENCH_FEED_TOKEN}` },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve());
          },
        ).on('error', reject);
      });
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 16 }, worker));
  const rate = done / ((performance.now() - started) / 1000);
  agent.destroy();
  return { rate, count: done };
}

export async function benchFeed(options: { streams?: number; seconds?: number } = {}): Promise<FeedBench> {
  const streams = options.streams ?? 10;
  const seconds = options.seconds ?? 5;
  const child = fork(SERVER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve) =>
      child.once('message', (m) => resolve((m as { port: number }).port)),
    );
    const idle: number[] = [];
    const busy: number[] = [];
    let events = 0;
    for (let run = 0; run < 3; run++) {
      idle.push(await cpuPercent(child, seconds));
      const closers = Array.from({ length: streams }, () => openStream(port, () => events++));
      busy.push(await cpuPercent(child, seconds));
      closers.forEach((close) => close());
    }
    const reads = [];
    const cpuPerRead = [];
    for (let run = 0; run < 3; run++) {
      const before = await ask(child);
      const { rate, count } = await readsPerSecond(port, 2);
      reads.push(rate);
      cpuPerRead.push(((await ask(child)) - before) / count);
    }
    const r = (n: number): number => Math.round(n * 100) / 100;
    const idleCpu = summarise(idle).median;
    const streamsCpu = summarise(busy).median;
    const readRate = Math.round(summarise(reads).median);
    const perStream = r(events / streams / 3);
    const readCpuUs = Math.round(summarise(cpuPerRead).median * 1000);
    return {
      streams,
      windowSeconds: seconds,
      idleCpuPercent: r(idleCpu),
      streamsCpuPercent: r(streamsCpu),
      addedCpuPercent: r(streamsCpu - idleCpu),
      eventsPerStream: perStream,
      readsPerSecond: readRate,
      serverCpuUsPerRead: readCpuUs,
      lines: [
        `mood feed (MoodFeed server in a child process, ${BENCH_MOODS_PER_SECOND} moods/s in, medians of 3 windows of ${seconds} s)`,
        `  CPU with ${streams} streams   ${r(streamsCpu).toFixed(2)}% of a core (idle ${r(idleCpu).toFixed(2)}%, ` +
          `added ${r(streamsCpu - idleCpu).toFixed(2)}%; ${perStream} events per stream per window)`,
        `  GET /v1/mood          ${readRate} reads/s (16 keep-alive connections from this process, rate limit lifted);` +
          ` server CPU ${readCpuUs} µs per read, so about ${Math.round(1e6 / Math.max(readCpuUs, 1))} reads/s per core`,
      ],
    };
  } finally {
    child.kill();
  }
}
