/**
 * Fits the expression stacking layer (resources/models/expression-stacker.json) on FER2013 PublicTest and
 * reports it on PrivateTest. human's model was trained on FER2013 Training, so its outputs there are
 * overconfident: fitting on Training would learn that, hence PublicTest (../shared/README.md).
 *
 *   npx tsx scripts/train/face-stacker.ts --data ../shared/datasets/fer2013 --out resources/models/expression-stacker.json
 *
 * Features: each model's log-probabilities, flip-averaged, on the whole 48×48 image (the pipeline's
 * 'whole-image-if-small' crop mode). Options: --form full|scalar (default scalar), --l2 (default 0.001),
 * --balance (class weight ∝ frequency^−balance, default 0), --cache FILE (reuse the model outputs between
 * runs), --compare (also report the other forms). Deterministic: same data, same file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { EMOTIONS, probsToVector } from '../../src/shared/labels';
import { decodeImage } from '../../src/engine/vision/decode';
import { DEFAULT_EXPRESSION_MODELS, FacePipeline } from '../../src/engine/vision/face-pipeline';
import { STACKER_FORMAT, stackRow, type StackerWeights } from '../../src/engine/vision/expression-stacker';
import {
  DEFAULT_WEIGHTS,
  EXPRESSION_MODEL_IDS,
  isExpressionModelId,
  type ExpressionModelId,
} from '../../src/engine/vision/expression';
import { loadDataset } from '../../src/cli/eval/dataset';
import { MODELS_DIR } from '../../src/cli/paths';
import { fitStacker, type FitOptions, type Fitted } from './face-stacker/fit';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/datasets/fer2013' },
    out: { type: 'string', default: 'resources/models/expression-stacker.json' },
    form: { type: 'string', default: 'scalar' },
    l2: { type: 'string', default: '0.001' },
    balance: { type: 'string', default: '0' },
    steps: { type: 'string', default: '1500' },
    cache: { type: 'string' },
    models: { type: 'string', default: DEFAULT_EXPRESSION_MODELS.join(',') },
    compare: { type: 'boolean', default: false },
  },
});
const MODELS: ExpressionModelId[] = (args.models ?? '').split(',').map((m) => {
  const id = m.trim();
  if (!isExpressionModelId(id)) throw new Error(`--models takes ${EXPRESSION_MODEL_IDS.join(', ')}, got ${m}`);
  return id;
});
const FLOOR = 1e-4;
const K = EMOTIONS.length;

/** Per image: label index, and each model's distribution on the crop and on its mirror. */
interface Sample {
  y: number;
  views: number[][][]; // [model][view][class]
}
type Splits = Record<'PublicTest' | 'PrivateTest', Sample[]>;

async function modelOutputs(): Promise<Splits> {
  if (args.cache && existsSync(args.cache)) {
    const cached = JSON.parse(readFileSync(args.cache, 'utf8')) as { models?: string[]; splits?: Splits };
    if (cached.splits && cached.models?.join() === MODELS.join()) return cached.splits;
    console.log(`${args.cache} holds other models' outputs: running the models again`);
  }
  const pipeline = await FacePipeline.load({
    modelsDir: MODELS_DIR,
    models: MODELS,
    stacker: false,
    flip: true,
    cropMode: 'whole-image-if-small',
  });
  const out: Splits = { PublicTest: [], PrivateTest: [] };
  try {
    for (const split of ['PublicTest', 'PrivateTest'] as const) {
      const { items } = await loadDataset(`${args.data}/labels.csv`, { split });
      for (const [i, item] of items.entries()) {
        const a = await pipeline.analyse(decodeImage(await readFile(item.path)), i * 60_000);
        const views = MODELS.map((id) => (a.members.get(id)?.views ?? []).map(probsToVector));
        out[split].push({ y: EMOTIONS.indexOf(item.label), views });
      }
      console.log(`${split}: ${out[split].length} images`);
    }
  } finally {
    await pipeline.release();
  }
  if (args.cache) writeFileSync(args.cache, JSON.stringify({ models: MODELS, splits: out }));
  return out;
}

const mean = (vs: number[][]): number[] => EMOTIONS.map((_, c) => vs.reduce((a, v) => a + (v[c] ?? 0), 0) / vs.length);
const dist = (s: Sample, flip: boolean): number[][] => s.views.map((v) => (flip ? mean(v) : (v[0] ?? [])));
const features = (s: Sample, flip: boolean): number[] =>
  dist(s, flip).flatMap((p) => p.map((x) => Math.log(Math.max(x, FLOOR))));
const argmax = (p: readonly number[]): number => p.reduce((best, v, i) => (v > (p[best] ?? -1) ? i : best), 0);

interface Score {
  accuracy: number;
  macroF1: number;
  recall: number[];
}

function score(pred: readonly number[], truth: readonly number[]): Score {
  const tp = new Array<number>(K).fill(0);
  const nTrue = new Array<number>(K).fill(0);
  const nPred = new Array<number>(K).fill(0);
  pred.forEach((p, i) => {
    const y = truth[i] ?? 0;
    nTrue[y] = (nTrue[y] ?? 0) + 1;
    nPred[p] = (nPred[p] ?? 0) + 1;
    if (p === y) tp[y] = (tp[y] ?? 0) + 1;
  });
  const recall = tp.map((t, c) => t / Math.max(1, nTrue[c] ?? 0));
  const f1 = tp.map((t, c) => (2 * t) / Math.max(1, (nTrue[c] ?? 0) + (nPred[c] ?? 0)));
  return {
    accuracy: tp.reduce((a, b) => a + b, 0) / pred.length,
    macroF1: f1.reduce((a, b) => a + b, 0) / K,
    recall,
  };
}

const line = (name: string, s: Score): string =>
  `${name.padEnd(34)} acc ${s.accuracy.toFixed(4)}  macroF1 ${s.macroF1.toFixed(4)}  ` +
  EMOTIONS.map((e, i) => `${e.slice(0, 4)} ${(s.recall[i] ?? 0).toFixed(3)}`).join(' ');

function evaluate(samples: readonly Sample[], flip: boolean, predict: (s: Sample) => number[]): Score {
  return score(
    samples.map((s) => argmax(predict(s))),
    samples.map((s) => s.y),
  );
}

/** The plain weighted mean with DEFAULT_WEIGHTS, the baseline the stacker must beat. */
const meanOf = (s: Sample, flip: boolean): number[] => {
  const ps = dist(s, flip);
  return EMOTIONS.map((_, c) => ps.reduce((a, p, m) => a + DEFAULT_WEIGHTS[MODELS[m] ?? 'human'] * (p[c] ?? 0), 0));
};

const data = await modelOutputs();
const train = data.PublicTest;
const rows = train.map((s) => features(s, true));
const labels = train.map((s) => s.y);
const base: Omit<FitOptions, 'form'> = {
  models: MODELS.length,
  l2: Number(args.l2),
  balance: Number(args.balance),
  steps: Number(args.steps),
  init: MODELS.map((id) => DEFAULT_WEIGHTS[id]),
};
const report = (name: string, f: Fitted | null): Record<string, Score> => {
  const out: Record<string, Score> = {};
  for (const [split, samples] of Object.entries(data)) {
    for (const flip of [true, false]) {
      const key = `${split}${flip ? ' flip' : ''}`;
      out[key] = evaluate(samples, flip, (s) => (f ? stackRow(f, features(s, flip)) : meanOf(s, flip)));
      console.log(line(`${name} · ${key}`, out[key]));
    }
  }
  return out;
};

report(`mean ${MODELS.map((id) => `${id} ${DEFAULT_WEIGHTS[id]}`).join(', ')}`, null);
const forms = args.compare ? (['scalar', 'full'] as const) : ([args.form] as const);
let chosen: { fitted: Fitted; scores: Record<string, Score> } | undefined;
for (const form of forms) {
  const fitted = fitStacker(rows, labels, { ...base, form: form === 'full' ? 'full' : 'scalar' });
  const scores = report(`${form} l2=${args.l2} bal=${args.balance}`, fitted);
  if (form === args.form) chosen = { fitted, scores };
}
if (!chosen) throw new Error(`unknown --form ${args.form}`);

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const file: StackerWeights = {
  format: STACKER_FORMAT,
  version: 1,
  models: MODELS,
  weights: chosen.fitted.weights.map((r) => r.map(round)),
  bias: chosen.fitted.bias.map(round),
  floor: FLOOR,
  fitted: {
    by: `scripts/train/face-stacker.ts --form ${args.form} --l2 ${args.l2} --balance ${args.balance} --steps ${args.steps}`,
    on: 'FER2013 PublicTest (3,589), whole 48×48 images, flip-averaged log-probabilities',
    privateTest: Object.fromEntries(
      ['PrivateTest flip', 'PrivateTest'].map((k) => {
        const s = chosen.scores[k];
        return [k, s ? { accuracy: round(s.accuracy), macroF1: round(s.macroF1) } : null];
      }),
    ),
  },
};
const text = await format(JSON.stringify(file), { ...(await resolveConfig(args.out)), filepath: args.out });
writeFileSync(args.out, text);
console.log(`wrote ${args.out}`);
