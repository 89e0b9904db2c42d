/** The `bench` commands as rows of the command table (their strict parsers are in options.ts). */
import type { CliCommand } from '../args/command';
import { runBench } from './bench';
import { benchHistory, formatHistoryBench } from './history';
import {
  BENCH_USAGE,
  HISTORY_BENCH_USAGE,
  TEXT_LOAD_USAGE,
  VOICE_FILES_USAGE,
  parseBenchArgs,
  parseHistoryBenchArgs,
  parseTextLoadArgs,
  parseVoiceFilesArgs,
  type BenchArgs,
  type HistoryBenchArgs,
  type VoiceFilesArgs,
} from './options';
import { benchText, type TextBenchOptions } from './text';
import { runVoiceFilesBench } from './voice-files';

export const benchCommand: CliCommand<BenchArgs> = {
  summary: 'timings of every pipeline, the engine’s memory and the store, medians and p95s (never asserts)',
  usage: BENCH_USAGE,
  parse: parseBenchArgs,
  run: async ({ bench, json }, io) => {
    const result = await runBench(bench);
    io.stdout(json ? `${JSON.stringify(result.json)}\n` : result.text);
    return 0;
  },
};

export const historyBenchCommand: CliCommand<HistoryBenchArgs> = {
  summary: 'the history store alone on a synthetic history: inserts per second and every dashboard query',
  usage: HISTORY_BENCH_USAGE,
  parse: parseHistoryBenchArgs,
  run: async ({ history, json }, io) => {
    const result = await benchHistory(history);
    io.stdout(`${formatHistoryBench(result)}\n`);
    if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};

export const textLoadCommand: CliCommand<TextBenchOptions> = {
  summary: 'a bounded load check of text evidence: engine cost per message, messages per second over POST /v1/text',
  usage: TEXT_LOAD_USAGE,
  parse: parseTextLoadArgs,
  run: async (options, io) => {
    const result = await benchText(options);
    for (const line of result.lines) io.stdout(`${line}\n`);
    return 0;
  },
};

export const voiceFilesCommand: CliCommand<VoiceFilesArgs> = {
  summary: 'the voice pipeline on RAVDESS’s held-out actors: load time, cost per frame and second, accuracy',
  usage: VOICE_FILES_USAGE,
  parse: parseVoiceFilesArgs,
  run: runVoiceFilesBench,
};
