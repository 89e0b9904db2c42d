/**
 * `bench`: per-stage timings of the live face pipeline on 640×480 frames (decode excluded), one thread, then
 * face-api's own TF.js pipeline (pure-JS CPU backend) on the same frames for comparison, plus model load
 * times and the engine's memory (measured in a child process, see bench/memory.ts). Reports medians and p95s;
 * never asserts.
 */
import { availableParallelism, loadavg } from 'node:os';
import { FacePipeline } from '../../engine/vision/face-pipeline';
import type { RgbaImage } from '../../engine/vision/image';
import { loadFaceapi } from './faceapi';
import { measureEngineMemory, measureRealEngine } from './memory';
import { MODELS_DIR } from '../paths';
import { SMILING_SHOTS, sampleFrame } from '../media/sample-frames';
import { summarise, type Summary } from './stats';
import { benchText } from './text';
import { benchVoice } from './voice';
import { benchFusion } from './fusion';
import { benchPersonal } from './personal';
import { benchHistory, formatHistoryBench } from './history';
import { benchFeed } from './feed';

export interface BenchOptions {
  /** Timed frames per stage (default 60, after 5 warm-up frames). */
  runs?: number;
  /** Timed frames for face-api's TF.js pipeline, which takes seconds each (default 6, after 1 warm-up); 0 skips it. */
  faceapiRuns?: number;
  /** Messages for the text figures (default 5 000; 0 skips them). */
  textMessages?: number;
  /** Seconds of synthetic voiced audio for the voice figures (default 20; 0 skips them). */
  voiceSeconds?: number;
  /** Seconds of media for the 30 frames/s + audio real-time check (default 20; 0 skips it). */
  realtimeSeconds?: number;
  /**
   * Days of synthetic history (8 h a day at 1 Hz) for the store figures (default 365, a year: about 4 min and
   * 2 GB of temporary disk; 0 skips them).
   */
  historyDays?: number;
  /** Seconds per window of the mood-feed figures (default 5: about a minute in all; 0 skips them). */
  feedSeconds?: number;
}

export interface BenchResult {
  json: Record<string, unknown>;
  text: string;
}

const MB = 1024 * 1024;

async function timeOurs(frames: readonly RgbaImage[], runs: number) {
  const pipeline = await FacePipeline.load({ modelsDir: MODELS_DIR, threads: 1 });
  const stages: Record<string, number[]> = { detect: [], align: [], expression: [], total: [] };
  let t = 0;
  try {
    for (let i = 0; i < runs + 5; i++) {
      const frame = frames[i % frames.length] as RgbaImage;
      const { observation, members } = await pipeline.analyse(frame, (t += 500));
      if (i < 5) continue;
      const { timings } = observation;
      for (const stage of ['detect', 'align', 'expression', 'total']) stages[stage]?.push(timings[stage] ?? 0);
      // Each expression model on its own (the 'expression' stage is all of them plus the stacker).
      for (const [id, out] of members) (stages[`expression: ${id}`] ??= []).push(out.ms);
    }
  } finally {
    await pipeline.release();
  }
  // Reading order: detect, align, each model, all of expression (models + stacker), the whole frame.
  const order = [...Object.keys(stages).filter((k) => k !== 'expression' && k !== 'total'), 'expression', 'total'];
  const summaries: Record<string, Summary> = Object.fromEntries(order.map((k) => [k, summarise(stages[k] ?? [])]));
  return { loadMs: pipeline.loadMs, summaries };
}

async function timeFaceapi(frames: readonly RgbaImage[], runs: number) {
  const faceapi = await loadFaceapi();
  const totals: number[] = [];
  let found = 0;
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    const label = await faceapi.run(frames[i % frames.length] as RgbaImage);
    if (i === 0) continue;
    totals.push(performance.now() - started);
    if (label !== null) found++;
  }
  return { loadMs: faceapi.loadMs, total: summarise(totals), found };
}

export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const runs = options.runs ?? 60;
  const faceapiRuns = options.faceapiRuns ?? 6;
  const frames: RgbaImage[] = SMILING_SHOTS.map((shot) => sampleFrame(shot));
  const memory = await measureEngineMemory(frames, runs);
  const engineReadyMB = await measureRealEngine();
  // Other work on the machine stretches every stage: the 1-minute load average around the face timings says how much.
  const loadBefore = loadavg()[0] ?? 0;
  const ours = await timeOurs(frames, runs);
  const machine = { cpus: availableParallelism(), loadAverage: [round(loadBefore), round(loadavg()[0] ?? 0)] };
  const theirs = faceapiRuns > 0 ? await timeFaceapi(frames, faceapiRuns) : null;
  const textMessages = options.textMessages ?? 5_000;
  const text = textMessages > 0 ? await benchText({ messages: textMessages }) : null;
  const voiceSeconds = options.voiceSeconds ?? 20;
  const voice = voiceSeconds > 0 ? await benchVoice(voiceSeconds) : null;
  const fusion = await benchFusion({ realtimeSeconds: options.realtimeSeconds ?? 20 });
  const personal = benchPersonal();
  const historyDays = options.historyDays ?? 365;
  const history = historyDays > 0 ? await benchHistory({ days: historyDays }) : null;
  const feedSeconds = options.feedSeconds ?? 5;
  const feed = feedSeconds > 0 ? await benchFeed({ seconds: feedSeconds }) : null;
  const ratio = theirs ? round(theirs.total.median / Math.max(ours.summaries.total?.median ?? 0, 1e-9)) : null;
  const json = {
    frame: '640x480 RGBA, 3 webcam-like photos, decode excluded',
    threads: 1,
    runs,
    machine,
    modelLoadMs: round(ours.loadMs),
    stagesMs: ours.summaries,
    faceapiTfjs: theirs && {
      pipeline: 'face-api 1.7.15 TinyFaceDetector(416) + faceExpressionNet, tfjs 4.22 cpu backend',
      runs: faceapiRuns,
      modelLoadMs: round(theirs.loadMs),
      totalMs: theirs.total,
      framesWithFace: theirs.found,
      ratioToOurs: ratio,
    },
    engineMemoryMB: { ...memory, realEngineReadyMB: engineReadyMB },
    benchRssMB: round(process.memoryUsage().rss / MB),
    text: text && {
      classifierMs: text.classifierMs,
      engineMsPerMessage: text.engineMsPerMessage,
      endpointMessagesPerSecond: text.endpointMessagesPerSecond,
    },
    fusion: { updateUs: fusion.updateUs, tickUs: fusion.tickUs, realtime: fusion.realtime },
    personal: {
      examples: personal.examples,
      fitMs: personal.fitMs,
      fitMsByModality: personal.fitMsByModality,
      applyMs: personal.applyMs,
    },
    history,
    feed: feed && {
      streams: feed.streams,
      idleCpuPercent: feed.idleCpuPercent,
      streamsCpuPercent: feed.streamsCpuPercent,
      addedCpuPercent: feed.addedCpuPercent,
      readsPerSecond: feed.readsPerSecond,
      serverCpuUsPerRead: feed.serverCpuUsPerRead,
    },
    voice: voice && {
      modelLoadMs: round(voice.modelLoadMs),
      vadMsPerFrame: round(voice.vadMsPerFrame * 1000) / 1000,
      classifyMsPerSecond: round(voice.classifyMsPerSecond),
      pipelineMsPerSecond: round(voice.pipelineMsPerSecond),
    },
  };
  const lines = [
    `face pipeline on 640×480 frames, 1 thread, ${runs} runs (decode excluded)`,
    `  machine             ${machine.cpus} cpus, 1-min load average ${machine.loadAverage.join(' → ')} during these runs`,
    `  model load          ${json.modelLoadMs.toFixed(1)} ms`,
    ...Object.entries(ours.summaries).map(
      ([stage, s]) => `  ${stage.padEnd(19)} median ${s.median.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms`,
    ),
    ...(theirs
      ? [
          `face-api TF.js (cpu backend, TinyFaceDetector 416 + expressions), same frames, ${faceapiRuns} runs`,
          `  model load          ${theirs.loadMs.toFixed(1)} ms`,
          `  total               median ${theirs.total.median.toFixed(2)} ms   p95 ${theirs.total.p95.toFixed(2)} ms` +
            `   (face found in ${theirs.found}/${faceapiRuns})`,
          `  ratio               face-api / ours = ${String(ratio)}× (median total)`,
        ]
      : []),
    `engine memory (child process under tsx, ${runs} frames): RSS ${memory.afterRunsMB} MB` +
      ` (runtime alone ${memory.runtimeMB} MB, models loaded ${memory.loadedMB} MB)`,
    `  real engine (src/engine/process/entry.ts under tsx, ready, all models loaded): RSS ${engineReadyMB ?? 'n/a'} MB`,
    ...(text
      ? [
          'text evidence (classify + store; POST /v1/text on loopback, rate limit lifted)',
          ...text.lines.map((l) => `  ${l}`),
        ]
      : []),
    ...(voice ? voice.lines : []),
    ...fusion.lines,
    ...personal.lines,
    ...(history ? [formatHistoryBench(history)] : []),
    ...(feed ? feed.lines : []),
    '',
  ];
  return { json, text: lines.join('\n') };
}

const round = (n: number): number => Math.round(n * 100) / 100;
