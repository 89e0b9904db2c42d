/**
 * `bench`: per-stage timings of the live face pipeline on 640×480 frames (decode excluded), one thread,
 * plus model load time and the process's memory. Reports medians and p95s; never asserts.
 */
import { FacePipeline } from '../engine/vision/face-pipeline';
import type { RgbaImage } from '../engine/vision/image';
import { MODELS_DIR } from './paths';
import { SMILING_SHOTS, sampleFrame } from './sample-frames';
import { summarise, type Summary } from './stats';

export interface BenchOptions {
  /** Timed frames per stage (default 60, after 5 warm-up frames). */
  runs?: number;
}

export interface BenchResult {
  json: Record<string, unknown>;
  text: string;
}

const MB = 1024 * 1024;

export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const runs = options.runs ?? 60;
  const rssBefore = process.memoryUsage().rss;
  const pipeline = await FacePipeline.load({ modelsDir: MODELS_DIR, threads: 1 });
  const rssLoaded = process.memoryUsage().rss;
  const frames: RgbaImage[] = SMILING_SHOTS.map((shot) => sampleFrame(shot));
  const stages: Record<string, number[]> = { detect: [], align: [], expression: [], total: [] };
  let t = 0;
  for (let i = 0; i < runs + 5; i++) {
    const frame = frames[i % frames.length] as RgbaImage;
    const { timings } = await pipeline.process(frame, (t += 500));
    if (i < 5) continue;
    for (const stage of Object.keys(stages)) stages[stage]?.push(timings[stage] ?? 0);
  }
  const rssAfter = process.memoryUsage().rss;
  await pipeline.release();

  const summaries: Record<string, Summary> = Object.fromEntries(
    Object.entries(stages).map(([k, v]) => [k, summarise(v)]),
  );
  const json = {
    frame: '640x480 RGBA, 3 webcam-like photos, decode excluded',
    threads: 1,
    runs,
    modelLoadMs: round(pipeline.loadMs),
    stagesMs: summaries,
    rssMB: { beforeLoad: round(rssBefore / MB), afterLoad: round(rssLoaded / MB), afterRuns: round(rssAfter / MB) },
  };
  const lines = [
    `face pipeline on 640×480 frames, 1 thread, ${runs} runs (decode excluded)`,
    `  model load          ${json.modelLoadMs.toFixed(1)} ms`,
    ...Object.entries(summaries).map(
      ([stage, s]) => `  ${stage.padEnd(18)}  median ${s.median.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms`,
    ),
    `  RSS                 ${json.rssMB.afterRuns} MB (before load ${json.rssMB.beforeLoad} MB)`,
    '',
  ];
  return { json, text: lines.join('\n') };
}

const round = (n: number): number => Math.round(n * 100) / 100;
