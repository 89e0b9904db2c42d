/**
 * Strict parsers for the `bench` commands: `bench` (everything `npm run bench` measures), `bench history`,
 * `bench text-load` and `bench voice-files`. Counts are whole numbers in a stated range; 0 skips a section
 * where the usage says so.
 */
import { AttuneError } from '../../shared/envelope';
import { HELP, options, type Parsed } from '../args/command';
import { flagOption, numberOption, parseStrict, stringOption } from '../args/strict';
import type { BenchOptions } from './bench';
import type { HistoryBenchOptions } from './history';
import type { TextBenchOptions } from './text';

export const BENCH_USAGE = `usage: attune bench [--runs N] [--faceapi-runs N] [--text-messages N] [--voice-seconds N]
                    [--realtime-seconds N] [--history-days N] [--feed-seconds N] [--json]
  --runs N              timed frames per face stage, 1–10000 (default 60)
  --faceapi-runs N      timed frames of face-api's TF.js pipeline, 0–1000 (default 6; 0 skips it)
  --text-messages N     messages for the text figures, 0–1000000 (default 5000; 0 skips them)
  --voice-seconds N     seconds of voiced audio for the voice figures, 0–3600 (default 20; 0 skips them)
  --realtime-seconds N  seconds of media for the real-time check, 0–3600 (default 20; 0 skips it)
  --history-days N      days of synthetic history for the store figures, 0–3650 (default 365; 0 skips them)
  --feed-seconds N      seconds per window of the mood-feed figures, 0–600 (default 5; 0 skips them)
  --json                one JSON object on stdout
  also: attune bench history | text-load | voice-files (each with --help)`;

export const HISTORY_BENCH_USAGE = `usage: attune bench history [--days N] [--hours N] [--runs N] [--json]
  --days N   days of synthetic history, 1–3650 (default 365)
  --hours N  hours a day at 1 Hz, 1–24 (default 8)
  --runs N   timed runs per query, 7–1000 (default 31)
  --json     the result as JSON after the table`;

export const TEXT_LOAD_USAGE = `usage: attune bench text-load [--messages N] [--batch N] [--parallel N]
  --messages N  messages through the engine and POST /v1/text, 1–10000000 (default 20000)
  --batch N     messages per batch / request, 1–100000 (default 1000)
  --parallel N  requests in flight, 1–256 (default 8)`;

export const VOICE_FILES_USAGE = `usage: attune bench voice-files [--data DIR] [--actors LO-HI]
  --data DIR      RAVDESS with labels.csv (default ../shared/datasets/ravdess)
  --actors LO-HI  actors to measure on, 1–24 (default 17-20, the held-out ones)`;

export interface BenchArgs {
  bench: BenchOptions;
  json: boolean;
}

export interface HistoryBenchArgs {
  history: HistoryBenchOptions;
  json: boolean;
}

export interface VoiceFilesArgs {
  data: string;
  /** First and last actor, inclusive. */
  actors: readonly [number, number];
}

export function parseBenchArgs(argv: readonly string[]): Parsed<BenchArgs> {
  const { help, values } = parseStrict(argv, {
    runs: { type: 'string' },
    'faceapi-runs': { type: 'string' },
    'text-messages': { type: 'string' },
    'voice-seconds': { type: 'string' },
    'realtime-seconds': { type: 'string' },
    'history-days': { type: 'string' },
    'feed-seconds': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (help) return HELP;
  return options({
    bench: {
      runs: numberOption(values, 'runs', { min: 1, max: 10_000 }),
      faceapiRuns: numberOption(values, 'faceapi-runs', { min: 0, max: 1_000 }),
      textMessages: numberOption(values, 'text-messages', { min: 0, max: 1_000_000 }),
      voiceSeconds: numberOption(values, 'voice-seconds', { min: 0, max: 3_600 }),
      realtimeSeconds: numberOption(values, 'realtime-seconds', { min: 0, max: 3_600 }),
      historyDays: numberOption(values, 'history-days', { min: 0, max: 3_650 }),
      feedSeconds: numberOption(values, 'feed-seconds', { min: 0, max: 600 }),
    },
    json: flagOption(values, 'json'),
  });
}

export function parseHistoryBenchArgs(argv: readonly string[]): Parsed<HistoryBenchArgs> {
  const { help, values } = parseStrict(argv, {
    days: { type: 'string' },
    hours: { type: 'string' },
    runs: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (help) return HELP;
  return options({
    history: {
      days: numberOption(values, 'days', { min: 1, max: 3_650 }),
      hoursPerDay: numberOption(values, 'hours', { min: 1, max: 24 }),
      runs: numberOption(values, 'runs', { min: 7, max: 1_000 }),
    },
    json: flagOption(values, 'json'),
  });
}

export function parseTextLoadArgs(argv: readonly string[]): Parsed<TextBenchOptions> {
  const { help, values } = parseStrict(argv, {
    messages: { type: 'string' },
    batch: { type: 'string' },
    parallel: { type: 'string' },
  });
  if (help) return HELP;
  return options({
    messages: numberOption(values, 'messages', { min: 1, max: 10_000_000 }) ?? 20_000,
    batch: numberOption(values, 'batch', { min: 1, max: 100_000 }) ?? 1_000,
    parallel: numberOption(values, 'parallel', { min: 1, max: 256 }) ?? 8,
  });
}

export function parseVoiceFilesArgs(argv: readonly string[]): Parsed<VoiceFilesArgs> {
  const { help, values } = parseStrict(argv, { data: { type: 'string' }, actors: { type: 'string' } });
  if (help) return HELP;
  const actors = stringOption(values, 'actors') ?? '17-20';
  const match = /^(\d{1,2})-(\d{1,2})$/.exec(actors.trim());
  const lo = Number(match?.[1]);
  const hi = Number(match?.[2]);
  if (!match || lo < 1 || hi > 24 || lo > hi) {
    throw new AttuneError('bad-input', `--actors takes a range LO-HI of actors from 1 to 24, got ${actors}`);
  }
  return options({ data: stringOption(values, 'data') ?? '../shared/datasets/ravdess', actors: [lo, hi] });
}
