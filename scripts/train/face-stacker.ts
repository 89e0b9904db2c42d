/**
 * Chooses the expression combination (resources/models/expression-stacker.json) on a MIX of face domains and
 * reports every candidate on every domain, so that no choice is made on FER2013 alone (issue 14):
 *
 *   npx tsx scripts/train/face-stacker.ts --ferplus ../shared/datasets/ferplus --fer2013 ../shared/datasets/fer2013 \
 *     --ckplus ../shared/datasets/ckplus48 --out resources/models/expression-stacker.json
 *
 * Fitting set ("dev"), three domains: FER+ valid (FER2013 PublicTest's faces with FER+ majority labels), FER2013
 * PublicTest (the same faces under FER2013's own labels) and half of CK+48's subjects (sorted by name, every
 * other one; a subject's sequences stay on one side), each domain with the total weight --domain-weights gives
 * it. Reported besides: FER+ test and FER2013 PrivateTest (the same faces under the two labellings), FER2013
 * test (both halves) and CK+'s held-out subjects. human's model was trained on FER2013 Training, so nothing is
 * fitted there.
 *
 * Candidates: each model alone; `geomean` (equal-weight geometric mean, no fitting); `shipped` (the --baseline
 * file); `scalar-mix` (one weight per model and one bias per class, fitted on the mix); `weights-mix` (the
 * same without biases, a fitted weighted geometric mean); `scalar-ferplus` (fitted on FER+ valid alone);
 * `full-mix` (21→7 on the mix, the default --form). Features: each model's log-probabilities on the whole 48×48 image, flip-averaged for
 * fitting. Deterministic. Model outputs are cached in --cache per model file (see face-stacker/outputs.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { EMOTIONS } from '../../src/shared/labels';
import { DEFAULT_EXPRESSION_MODELS } from '../../src/engine/vision/face-pipeline';
import {
  STACKER_FORMAT,
  parseStacker,
  stackRow,
  type StackerWeights,
} from '../../src/engine/vision/expression-stacker';
import { EXPRESSION_MODEL_IDS, isExpressionModelId, type ExpressionModelId } from '../../src/engine/vision/expression';
import { MODELS_DIR } from '../../src/cli/paths';
import { fitStacker, scalarToFull, type FitOptions, type Fitted } from './face-stacker/fit';
import { setOutputs, splitBySubject, type Sample } from './face-stacker/outputs';

const { values: args } = parseArgs({
  options: {
    ferplus: { type: 'string', default: '../shared/datasets/ferplus' },
    fer2013: { type: 'string', default: '../shared/datasets/fer2013' },
    ckplus: { type: 'string', default: '../shared/datasets/ckplus48' },
    out: { type: 'string', default: 'resources/models/expression-stacker.json' },
    baseline: { type: 'string', default: 'resources/models/expression-stacker.json' },
    'models-dir': { type: 'string', default: MODELS_DIR },
    form: { type: 'string', default: 'full-mix' },
    l2: { type: 'string', default: '0.02' },
    'domain-weights': { type: 'string', default: 'ferplus=2,fer2013=2,ckplus=1' },
    steps: { type: 'string', default: '1500' },
    cache: { type: 'string', default: '.cache/face-stacker' },
    models: { type: 'string', default: DEFAULT_EXPRESSION_MODELS.join(',') },
  },
});
const MODELS: ExpressionModelId[] = (args.models ?? '').split(',').map((m) => {
  const id = m.trim();
  if (!isExpressionModelId(id)) throw new Error(`--models takes ${EXPRESSION_MODEL_IDS.join(', ')}, got ${m}`);
  return id;
});
const FLOOR = 1e-4;
const K = EMOTIONS.length;
const modelsDir = args['models-dir'] ?? MODELS_DIR;
const cache = args.cache ?? '.cache/face-stacker';

const load = (name: string, path: string, split?: string, subjectColumn?: string): Promise<Sample[]> =>
  setOutputs({ name, path, split, subjectColumn }, MODELS, modelsDir, cache);
const ferValid = await load('FER+ valid', `${args.ferplus}/labels.csv`, 'PublicTest');
const ferTest = await load('FER+ test', `${args.ferplus}/labels.csv`, 'PrivateTest');
const fer2013Public = await load('FER2013 PublicTest', `${args.fer2013}/labels.csv`, 'PublicTest');
const fer2013Private = await load('FER2013 PrivateTest', `${args.fer2013}/labels.csv`, 'PrivateTest');
const fer2013 = [...fer2013Public, ...fer2013Private];
const ck = await load('CK+48', `${args.ckplus}/labels.csv`, undefined, 'subject');
const { dev: ckDev, heldOut: ckHeld } = splitBySubject(ck);
const sets: [string, Sample[]][] = [
  ['FER+ valid*', ferValid],
  ['FER2013 Public*', fer2013Public],
  ['CK+ dev*', ckDev],
  ['FER+ test', ferTest],
  ['FER2013 Private', fer2013Private],
  ['FER2013 test', fer2013],
  ['CK+ held-out', ckHeld],
  ['CK+ all', ck],
];

const mean = (vs: number[][]): number[] => EMOTIONS.map((_, c) => vs.reduce((a, v) => a + (v[c] ?? 0), 0) / vs.length);
const dist = (s: Sample, flip: boolean): number[][] => s.views.map((v) => (flip ? mean(v) : (v[0] ?? [])));
const features = (s: Sample, flip: boolean): number[] =>
  dist(s, flip).flatMap((p) => p.map((x) => Math.log(Math.max(x, FLOOR))));
const argmax = (p: readonly number[]): number => p.reduce((best, v, i) => (v > (p[best] ?? -1) ? i : best), 0);

/** A way to turn the models' distributions into one: a fitted or fixed stacker, or one model alone. */
type Candidate = { name: string; stacker: Fitted } | { name: string; alone: number };

const predict = (c: Candidate, s: Sample, flip: boolean): number[] =>
  'alone' in c ? (dist(s, flip)[c.alone] ?? []) : stackRow(c.stacker, features(s, flip));

function accuracy(c: Candidate, samples: readonly Sample[], flip: boolean): number {
  const right = samples.filter((s) => argmax(predict(c, s, flip)) === s.y).length;
  return right / Math.max(1, samples.length);
}

function recalls(c: Candidate, samples: readonly Sample[], flip: boolean): string {
  return EMOTIONS.map((e, k) => {
    const of = samples.filter((s) => s.y === k);
    if (of.length === 0) return null;
    const r = of.filter((s) => argmax(predict(c, s, flip)) === k).length / of.length;
    return `${e} ${r.toFixed(2)}`;
  })
    .filter(Boolean)
    .join(', ');
}

// The fitting set: FER+ valid, FER2013 PublicTest and CK+ dev, each domain with the total weight that
// --domain-weights gives it (a domain's images share it, so a large set does not outvote a small one by size).
const domainWeight: Record<string, number> = Object.fromEntries(
  (args['domain-weights'] ?? '').split(',').map((kv) => {
    const [k, v] = kv.split('=');
    return [k?.trim() ?? '', Number(v)];
  }),
);
const domains: [Sample[], number][] = [
  [ferValid, domainWeight.ferplus ?? 1],
  [fer2013Public, domainWeight.fer2013 ?? 1],
  [ckDev, domainWeight.ckplus ?? 1],
];
const fitRows = domains.flatMap(([s]) => s);
const fitWeights = domains.flatMap(([s, w]) => s.map(() => w / s.length));
const fit = (samples: readonly Sample[], weights: readonly number[], o: Partial<FitOptions>): Fitted =>
  fitStacker(
    samples.map((s) => features(s, true)),
    samples.map((s) => s.y),
    {
      form: 'scalar',
      models: MODELS.length,
      l2: Number(args.l2),
      balance: 0,
      steps: Number(args.steps),
      init: MODELS.map(() => 1 / MODELS.length),
      sampleWeights: weights,
      ...o,
    },
  );

const candidates: Candidate[] = MODELS.map((id, m) => ({ name: `${id} alone`, alone: m }));
candidates.push({
  name: 'geomean',
  stacker: { weights: scalarToFull(MODELS.map(() => 1 / MODELS.length)), bias: new Array<number>(K).fill(0) },
});
if (args.baseline && existsSync(args.baseline)) {
  const old = parseStacker(JSON.parse(readFileSync(args.baseline, 'utf8')));
  if (old.models.join() === MODELS.join()) candidates.push({ name: 'shipped', stacker: old });
}
candidates.push({ name: 'scalar-mix', stacker: fit(fitRows, fitWeights, {}) });
candidates.push({ name: 'weights-mix', stacker: fit(fitRows, fitWeights, { fitBias: false }) });
candidates.push({
  name: 'scalar-ferplus',
  stacker: fit(
    ferValid,
    ferValid.map(() => 1),
    {},
  ),
});
candidates.push({ name: 'full-mix', stacker: fit(fitRows, fitWeights, { form: 'full' }) });

const figures: Record<string, Record<string, Record<string, number>>> = {};
for (const flip of [false, true]) {
  console.log(`\n${flip ? 'flip-averaged' : 'no flip (the app default)'}; * = fitting set`);
  console.log(['candidate'.padEnd(16), ...sets.map(([n, s]) => `${n} (${s.length})`.padStart(22))].join(''));
  for (const c of candidates) {
    const accs = sets.map(([n, s]) => [n, accuracy(c, s, flip)] as const);
    (figures[c.name] ??= {})[flip ? 'flip' : 'noFlip'] = Object.fromEntries(accs.map(([n, a]) => [n, round(a)]));
    console.log([c.name.padEnd(16), ...accs.map(([, a]) => a.toFixed(4).padStart(22))].join(''));
  }
}
const chosen = candidates.find((c) => c.name === args.form);
if (!chosen || !('stacker' in chosen)) throw new Error(`--form must name a combination, got ${args.form}`);
console.log(`\n${chosen.name} recall (no flip):`);
for (const [n, s] of sets) console.log(`  ${n}: ${recalls(chosen, s, false)}`);

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
const file: StackerWeights = {
  format: STACKER_FORMAT,
  version: 1,
  models: MODELS,
  weights: chosen.stacker.weights.map((r) => r.map(round)),
  bias: chosen.stacker.bias.map(round),
  floor: FLOOR,
  fitted: {
    by: `scripts/train/face-stacker.ts --form ${args.form} --l2 ${args.l2} --steps ${args.steps} --domain-weights ${args['domain-weights']}`,
    on:
      args.form === 'geomean'
        ? 'nothing: equal weights, no biases'
        : `FER+ valid (${ferValid.length}, majority labels), FER2013 PublicTest (${fer2013Public.length}, its own labels) and CK+48 dev subjects (${ckDev.length} images), domain weights ${args['domain-weights']}; whole 48×48 images, flip-averaged log-probabilities`,
    accuracy: figures[chosen.name],
  },
};
const text = await format(JSON.stringify(file), { ...(await resolveConfig(args.out)), filepath: args.out });
writeFileSync(args.out, text);
console.log(`wrote ${args.out}`);
