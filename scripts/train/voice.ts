/**
 * Trains Attune's voice emotion classifier on RAVDESS (research data in ../shared, never copied here).
 * Actors 01–16 train and tune (leave-4-actors-out cross-validation); actors 17–20 are the test set, touched
 * once at the end. Writes resources/models/voice-emotion.json.
 *
 *   npx tsx scripts/train/voice.ts [--data ../shared/datasets/ravdess] [--out resources/models/voice-emotion.json]
 *                                  [--calm-class]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FEATURE_NAMES, FEATURE_VERSION } from '../../src/engine/voice/features';
import { VOICE_MODEL_FORMAT, type VoiceModelFile } from '../../src/engine/voice/voice-model';
import { argValue as arg } from '../args';
import { loadClips, type Clip } from './voice/data';
import { accuracies, score, train, type Hyper, type Mode } from './voice/protocol';
import { confusionTable, roundModel } from './voice/report';

const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(arg('--data', '../shared/datasets/ravdess'));
const outFile = resolve(arg('--out', 'resources/models/voice-emotion.json'));
const log = (line: string) => console.log(line);

const all = loadClips(dataDir, root, log);
// Some RAVDESS files are 0.5 s of digital silence, others were trimmed to a syllable: neither says anything
// about the emotion named in their file name. Silent ones leave both sets; near-silent ones leave training.
const MIN_TRAIN_ACTIVE_S = 0.3;
const clips = all.filter((c) => c.activeS > 0);
const trainClips = clips.filter((c) => c.actor <= 16 && c.activeS >= MIN_TRAIN_ACTIVE_S);
const testClips = clips.filter((c) => c.actor >= 17 && c.actor <= 20);
log(
  `clips: ${trainClips.length} train (actors 01–16), ${testClips.length} test (actors 17–20); left out: ` +
    `${all.length - clips.length} silent, ${clips.filter((c) => c.actor <= 16 && c.activeS < MIN_TRAIN_ACTIVE_S).length} ` +
    `training clips with under ${MIN_TRAIN_ACTIVE_S} s of sound`,
);

/** Folds of four consecutive actors: two men and two women each (RAVDESS: odd = male). */
const folds = [0, 1, 2, 3].map((k) => [4 * k + 1, 4 * k + 2, 4 * k + 3, 4 * k + 4]);

function crossValidate(h: Hyper, mode: Mode): ReturnType<typeof accuracies> {
  const outcomes = folds.flatMap((held) => {
    const model = train(
      trainClips.filter((c) => !held.includes(c.actor)),
      h,
    );
    return score(
      model,
      h,
      trainClips.filter((c) => held.includes(c.actor)),
      mode,
    );
  });
  return accuracies(outcomes);
}

const fmt = (a: ReturnType<typeof accuracies>) =>
  `7-class ${a.seven.toFixed(3)}  4-class ${a.four.toFixed(3)}  (4-class clips, 7-way argmax ${a.fourUnrestricted.toFixed(3)})`;

const base: Hyper = { lambdaGlobal: 0.03, lambdaSpeaker: 0.03, priorUtterances: 2, minUtterances: 3, augment: 0 };
const lambdas = [0.01, 0.03, 0.1, 0.3];
const score2 = (a: ReturnType<typeof accuracies>) => a.seven + a.four;
log('\ncross-validation on actors 01–16 (4 folds of 4 actors)');
const best = { ...base };
let top = -1;
let bestCalm = false;
// --calm-class also tries RAVDESS calm as a class of its own (see VOICE-MODEL.md: not shipped).
for (const calmClass of process.argv.includes('--calm-class') ? [false, true] : [false]) {
  for (const lambdaGlobal of lambdas) {
    const g = crossValidate(calmClass ? { ...base, lambdaGlobal, calmClass } : { ...base, lambdaGlobal }, 'global');
    log(`  global λ ${lambdaGlobal}, calm ${calmClass ? 'a class of its own' : 'in neutral'}: ${fmt(g)}`);
    if (score2(g) > top) [top, best.lambdaGlobal, bestCalm] = [score2(g), lambdaGlobal, calmClass];
  }
}
if (bestCalm) best.calmClass = true;
top = -1;
for (const augment of [0, 3]) {
  for (const lambdaSpeaker of lambdas) {
    const r = crossValidate({ ...best, lambdaSpeaker, augment }, 'running');
    log(`  speaker λ ${lambdaSpeaker}, augment ${augment}: running ${fmt(r)}`);
    if (score2(r) > top) [top, best.lambdaSpeaker, best.augment] = [score2(r), lambdaSpeaker, augment];
  }
}
top = -1;
for (const priorUtterances of [0, 2, 5]) {
  for (const minUtterances of [1, 3, 5]) {
    const h = { ...best, priorUtterances, minUtterances };
    const r = crossValidate(h, 'running');
    log(`  prior ${priorUtterances}, min ${minUtterances}: running ${fmt(r)}`);
    if (score2(r) > top) [top, best.priorUtterances, best.minUtterances] = [score2(r), priorUtterances, minUtterances];
  }
}
log(`chosen: ${JSON.stringify(best)}`);
const cv: Record<string, ReturnType<typeof accuracies>> = {};
for (const mode of ['global', 'running', 'calibration', 'full'] as const) cv[mode] = crossValidate(best, mode);

log('\ntest: train on actors 01–16, score actors 17–20');
const model = train(trainClips, best);
const test: Record<string, ReturnType<typeof accuracies>> = {};
for (const mode of ['global', 'running', 'calibration', 'full'] as const) {
  const outcomes = score(model, best, testClips, mode);
  test[mode] = accuracies(outcomes);
  log(`  ${mode.padEnd(11)} ${fmt(test[mode])}  (n=${outcomes.length})`);
  if (mode === 'global' || mode === 'full') log(confusionTable(outcomes));
}

const file: VoiceModelFile = {
  format: VOICE_MODEL_FORMAT,
  featureVersion: FEATURE_VERSION,
  featureNames: [...FEATURE_NAMES],
  labels: model.labels,
  global: roundModel(model.global),
  speaker: {
    ...roundModel(model.speaker),
    populationMean: model.populationMean.map((v) => Number(v.toPrecision(6))),
    priorUtterances: best.priorUtterances,
    minUtterances: best.minUtterances,
    calibrationOffset: model.calibrationOffset.map((v) => Number(v.toPrecision(6))),
  },
  provenance: {
    data: 'RAVDESS speech (Livingstone & Russo 2018), actors 01–16, CC BY-NC-SA 4.0',
    command: 'npx tsx scripts/train/voice.ts',
    classifier: 'multinomial logistic regression (L2, L-BFGS) on standardised utterance features',
    hyper: best,
    trainedClips: trainClips.length,
    excluded: `digitally silent clips; training clips with under ${MIN_TRAIN_ACTIVE_S} s of sound`,
  },
  metrics: { crossValidation: cv, testActors17to20: test },
};
writeFileSync(outFile, `${JSON.stringify(file)}\n`);
log(`\nwrote ${outFile}`);
export type { Clip };
