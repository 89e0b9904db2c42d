/**
 * A cheap normalisation and augmentation study of the logistic voice model (issue 14), cross-validated on
 * RAVDESS actors 01–16 (the trainer's 4 folds of 4 actors), speaker-independent (`global` mode). Each variant
 * is scored on the held-out folds as recorded and with white noise added at 15 dB SNR (a laptop microphone in
 * a quiet room is roughly there), so an augmentation's effect on clean speech and on noisy speech both show.
 * Actors 17–20 are not touched. Nothing is written but the printed table (VOICE-MODEL.md records it).
 *
 *   npx tsx scripts/train/voice-study.ts [--data ../shared/datasets/ravdess] [--snr 15]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { prepareAudio } from '../../src/engine/voice/audio-input';
import { FEATURE_NAMES, extractFeatures } from '../../src/engine/voice/features';
import { FrameAnalyser } from '../../src/engine/voice/frames';
import { decodeWav } from '../../src/engine/voice/wav';
import { mulberry32 } from '../../src/engine/sim/prng';
import { argValue as arg } from '../args';
import { loadClips, type Clip } from './voice/data';
import { accuracies, score, train, type Hyper } from './voice/protocol';

const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(arg('--data', '../shared/datasets/ravdess'));
const snrDb = Number(arg('--snr', '15'));
const log = (line: string): void => console.log(line);

const all = loadClips(dataDir, root, log);
const clips = all.filter((c) => c.actor <= 16 && c.activeS >= 0.3);
log(`${clips.length} clips of actors 01–16 with at least 0.3 s of sound`);

/** Gaussian noise from a seeded uniform source (Box–Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The clip with white noise at `snr` dB under its active-speech power (frames above -40 dB of the peak). */
function noisy(clip: Clip, snr: number, seed: number): Clip {
  const wav = decodeWav(new Uint8Array(readFileSync(join(dataDir, clip.path))));
  const { pcm } = prepareAudio(wav.samples, wav.sampleRate);
  const frame = 400;
  const powers: number[] = [];
  for (let i = 0; i + frame <= pcm.length; i += frame) {
    let s = 0;
    for (let j = i; j < i + frame; j++) s += (pcm[j] ?? 0) ** 2;
    powers.push(s / frame);
  }
  const peak = Math.max(...powers, 1e-12);
  const active = powers.filter((p) => p > peak * 1e-4);
  const speech = active.reduce((a, b) => a + b, 0) / Math.max(1, active.length);
  const sigma = Math.sqrt(speech / 10 ** (snr / 10));
  const random = mulberry32(seed);
  const out = Float32Array.from(pcm, (v) => v + sigma * gaussian(random));
  const { values } = extractFeatures(out, analyser);
  return { ...clip, features: Float64Array.from(values) };
}

const analyser = new FrameAnalyser();
const t0 = performance.now();
const noisyClips = clips.map((c, i) => noisy(c, snrDb, 1000 + i));
log(`noisy copies at ${snrDb} dB SNR extracted in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
const noisyOf = new Map(clips.map((c, i) => [c.path, noisyClips[i] ?? c]));

const drop = (pattern: RegExp): boolean[] => FEATURE_NAMES.map((name) => !pattern.test(name));
const keepAll = FEATURE_NAMES.map(() => true);
/** Absolute pitch height (semitones above 100 Hz) is mostly who speaks; spread, range, slope and movement stay. */
const relativePitch = drop(/^f0_(mean|p10|p50|p90)$/);
/** Mean MFCC and log-mel levels carry the microphone and room as much as the voice; their spreads stay. */
const noChannelMeans = drop(/^(mfcc\d+_mean|mfcc\d+_voiced_mean|logmel\d+_mean)$/);
const both = relativePitch.map((k, j) => k && (noChannelMeans[j] ?? true));

const masked = (c: Clip, keep: readonly boolean[]): Clip => ({
  ...c,
  features: Float64Array.from(c.features.filter((_, j) => keep[j] ?? true)),
});

const hyper: Hyper = { lambdaGlobal: 0.03, lambdaSpeaker: 0.3, priorUtterances: 2, minUtterances: 3, augment: 0 };
const folds = [0, 1, 2, 3].map((k) => [4 * k + 1, 4 * k + 2, 4 * k + 3, 4 * k + 4]);

function crossValidate(
  keep: readonly boolean[],
  augment: boolean,
  lambda: number,
): { clean: ReturnType<typeof accuracies>; noisy: ReturnType<typeof accuracies> } {
  const clean = [];
  const noise = [];
  for (const held of folds) {
    const fit = clips.filter((c) => !held.includes(c.actor));
    const rows = augment ? [...fit, ...fit.map((c) => noisyOf.get(c.path) ?? c)] : fit;
    const model = train(
      rows.map((c) => masked(c, keep)),
      { ...hyper, lambdaGlobal: lambda },
    );
    const test = clips.filter((c) => held.includes(c.actor));
    clean.push(
      ...score(
        model,
        hyper,
        test.map((c) => masked(c, keep)),
        'global',
      ),
    );
    noise.push(
      ...score(
        model,
        hyper,
        test.map((c) => masked(noisyOf.get(c.path) ?? c, keep)),
        'global',
      ),
    );
  }
  return { clean: accuracies(clean), noisy: accuracies(noise) };
}

const variants: { name: string; keep: readonly boolean[]; augment: boolean }[] = [
  { name: 'shipped features', keep: keepAll, augment: false },
  { name: 'pitch relative to the utterance (no f0 mean/percentiles)', keep: relativePitch, augment: false },
  { name: 'no channel means (MFCC, log-mel)', keep: noChannelMeans, augment: false },
  { name: 'both', keep: both, augment: false },
  { name: `shipped features + noisy copies (${snrDb} dB)`, keep: keepAll, augment: true },
  { name: `no channel means + noisy copies (${snrDb} dB)`, keep: noChannelMeans, augment: true },
  { name: `both + noisy copies (${snrDb} dB)`, keep: both, augment: true },
];
log(`\n4-fold CV on actors 01–16, global model; 7-class / 4-class accuracy, held-out clean | with noise`);
for (const v of variants) {
  for (const lambda of [0.03, 0.1]) {
    const r = crossValidate(v.keep, v.augment, lambda);
    log(
      `${v.name}, λ ${lambda}: clean ${r.clean.seven.toFixed(3)} / ${r.clean.four.toFixed(3)} | ` +
        `noisy ${r.noisy.seven.toFixed(3)} / ${r.noisy.four.toFixed(3)}`,
    );
  }
}
