/**
 * Gives the text model its own valence and arousal outputs, trained on EmoBank, and writes them into the
 * model file's `affect` entry (run after scripts/train/text.ts, whose probabilities it uses):
 *
 *   npx tsx scripts/train/text-affect.ts --data ../shared/datasets/emobank --model resources/models/text-emotion.json
 *
 * Per output: ridge regression on the model's hashed features, λ chosen by 5-fold cross-validation on
 * EmoBank train (Pearson r of the out-of-fold predictions), then a small linear stack of the out-of-fold
 * ridge prediction and the calibrated emotion probabilities, fitted on train. EmoBank dev is only reported.
 * Ratings (1–5) are mapped to Attune's [-1, 1] by (rating − 3) / 2. Options: --lambda <λ> skips the grid;
 * --dair <dir> (default ../shared/datasets/dair-emotion, '' for none) adds a cross-domain check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import type { EmotionProbs } from '../../src/shared/labels';
import { valenceArousal } from '../../src/engine/mood/affect';
import { applyAffectHead, decodeAffectHead, encodeAffectHead } from '../../src/engine/text/affect-head';
import { featurize } from '../../src/engine/text/features';
import { sha256Hex, type TextModelFile } from '../../src/engine/text/model-file';
import { TextClassifier } from '../../src/engine/text/text-classifier';
import { readRatedTexts, readTextDataset } from '../../src/engine/text/text-dataset';
import { regressionFigures } from '../../src/cli/eval/regression';
import { hashTexts } from './text/corpus';
import { leastSquares, predictRows, selectRows, trainRidge } from './text/ridge';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/datasets/emobank' },
    model: { type: 'string', default: 'resources/models/text-emotion.json' },
    dair: { type: 'string', default: '../shared/datasets/dair-emotion' },
    lambda: { type: 'string' },
    folds: { type: 'string', default: '5' },
  },
});
const log = (...parts: unknown[]): void => console.log(...parts);
const toUnit = (rating: number): number => (rating - 3) / 2;
const toRating = (unit: number): number => 3 + 2 * unit;

const file = JSON.parse(readFileSync(args.model, 'utf8')) as TextModelFile;
// Probabilities come from the classifier alone, whatever head the file had; the new head replaces it.
const withoutAffect: TextModelFile = { ...file, affect: undefined };
const classifier = TextClassifier.load(args.model);
const config = file.features;
const labels = file.labels;
const train = readRatedTexts(join(args.data, 'train.csv'));
const dev = readRatedTexts(join(args.data, 'dev.csv'));
const t0 = performance.now();
const xTrain = hashTexts(
  train.map((r) => r.text),
  config,
);
const probsTrain = train.map((r) => classifier.classify(r.text).probs);
const probsDev = dev.map((r) => classifier.classify(r.text).probs);
log(`EmoBank train ${train.length} / dev ${dev.length}, hashed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const folds = Number(args.folds);
const foldRows = Array.from({ length: folds }, (_, f) => ({
  fit: train.flatMap((_, i) => (i % folds === f ? [] : [i])),
  held: train.flatMap((_, i) => (i % folds === f ? [i] : [])),
}));
const foldX = foldRows.map(({ fit, held }) => ({ fit: selectRows(xTrain, fit), held: selectRows(xTrain, held) }));
const lambdas = args.lambda !== undefined ? [Number(args.lambda)] : [0.1, 0.3, 1, 3];
// The stack's inputs: a constant, the ridge prediction, and every label's probability but neutral's.
const stackRow = (ridge: number, p: Record<string, number>): number[] => [
  1,
  ridge,
  ...labels.filter((l) => l !== 'neutral').map((l) => p[l] ?? 0),
];

const heads = (['valence', 'arousal'] as const).map((output) => {
  const y = train.map((r) => toUnit(r[output] ?? 3));
  let best: { lambda: number; r: number; oof: Float64Array } | undefined;
  for (const lambda of lambdas) {
    const oof = new Float64Array(train.length);
    foldRows.forEach(({ fit, held }, f) => {
      const fx = foldX[f];
      if (fx === undefined) return;
      const w = trainRidge(
        fx.fit,
        fit.map((i) => y[i] ?? 0),
        { lambda },
      );
      predictRows(fx.held, w).forEach((v, j) => {
        oof[held[j] ?? 0] = v;
      });
    });
    const r = regressionFigures([...oof], y).r;
    log(`${output} λ=${lambda}: ${folds}-fold out-of-fold r ${r.toFixed(4)}`);
    if (best === undefined || r > best.r) best = { lambda, r, oof };
  }
  if (best === undefined) throw new Error('empty grid');
  const stack = leastSquares(
    train.map((_, i) => stackRow(best.oof[i] ?? 0, probsTrain[i] ?? {})),
    y,
  );
  const stackedOof = train.map((_, i) =>
    stackRow(best.oof[i] ?? 0, probsTrain[i] ?? {}).reduce((s, f, j) => s + f * (stack[j] ?? 0), 0),
  );
  log(
    `${output}: λ=${best.lambda} chosen; stacked out-of-fold r ${regressionFigures(stackedOof, y).r.toFixed(4)}; ` +
      `stack ${stack.map((c) => c.toFixed(3)).join(' ')}`,
  );
  const w = trainRidge(xTrain, y, { lambda: best.lambda });
  // Fold the stack into the head: ridge weights × its coefficient, the constant into the bias, and
  // neutral as the reference label (coefficient 0).
  const a = stack[1] ?? 1;
  const folded = Float64Array.from(w, (v) => v * a);
  folded[config.dimensions] = (stack[0] ?? 0) + a * (w[config.dimensions] ?? 0);
  let next = 2;
  const coefficients = labels.map((l) => (l === 'neutral' ? 0 : (stack[next++] ?? 0)));
  return { output, lambda: best.lambda, oofR: best.r, weights: folded, coefficients };
});
const [valenceHead, arousalHead] = heads;
if (valenceHead === undefined || arousalHead === undefined) throw new Error('no heads');

const encoded = encodeAffectHead({
  weights: [valenceHead.weights, arousalHead.weights],
  dimensions: config.dimensions,
  labelCoefficients: [valenceHead.coefficients, arousalHead.coefficients],
  provenance: {},
});
// Score with exactly what the file holds.
const head = decodeAffectHead(JSON.parse(JSON.stringify(encoded)), labels.length, config.dimensions, args.model);
const readAffect = (text: string, probs: EmotionProbs): { valence: number; arousal: number } => {
  const x = featurize(text, config);
  return applyAffectHead(head, labels, x.indices, x.values, probs);
};
const devOut = dev.map((r) => readAffect(r.text, classifier.classify(r.text).probs));
const fromLabels = probsDev.map((p) => valenceArousal(p));
const report: Record<string, unknown> = {};
for (const output of ['valence', 'arousal'] as const) {
  const rows = dev.flatMap((r, i) => (r[output] === undefined ? [] : [i]));
  const truth = rows.map((i) => dev[i]?.[output] ?? 3);
  const own = regressionFigures(
    rows.map((i) => toRating(devOut[i]?.[output] ?? 0)),
    truth,
  );
  const derived = regressionFigures(
    rows.map((i) => toRating(fromLabels[i]?.[output] ?? 0)),
    truth,
  );
  log(
    `EmoBank dev ${output}: own output r ${own.r.toFixed(4)}, MAE ${own.mae.toFixed(3)} (1–5 scale) | ` +
      `from the label probabilities r ${derived.r.toFixed(4)}, MAE ${derived.mae.toFixed(3)}`,
  );
  report[output] = { r: Number(own.r.toFixed(4)), mae: Number(own.mae.toFixed(4)), n: own.n };
}

// Cross-domain: "i feel …" sentences have no ratings, but their labels have a known sign of valence.
let dairCheck: Record<string, unknown> | undefined;
if (args.dair !== '') {
  const rows = readTextDataset(join(args.dair, 'validation.csv'));
  const byLabel = new Map<string, { n: number; valence: number; arousal: number }>();
  let agree = 0;
  let signed = 0;
  for (const row of rows) {
    const out = readAffect(row.text, classifier.classify(row.text).probs);
    const cell = byLabel.get(row.label) ?? { n: 0, valence: 0, arousal: 0 };
    byLabel.set(row.label, { n: cell.n + 1, valence: cell.valence + out.valence, arousal: cell.arousal + out.arousal });
    // Surprise can be pleasant or not, so it has no expected sign.
    if (row.label === 'surprise') continue;
    signed++;
    if (row.label === 'joy' ? out.valence > 0 : out.valence < 0) agree++;
  }
  const mean = (c: {
    n: number;
    valence: number;
    arousal: number;
  }): { n: number; valence: number; arousal: number } => ({
    n: c.n,
    valence: Number((c.valence / c.n).toFixed(3)),
    arousal: Number((c.arousal / c.n).toFixed(3)),
  });
  dairCheck = {
    signAgreement: Number((agree / Math.max(1, signed)).toFixed(4)),
    signedRows: signed,
    meanByLabel: Object.fromEntries([...byLabel].map(([l, c]) => [l, mean(c)])),
  };
  log(
    `dair validation (no ratings): valence sign agrees with the label (joy > 0; sadness, anger, fear < 0) on ${agree} of ${signed}`,
  );
  for (const [l, c] of byLabel) log(`  ${l}: ${JSON.stringify(mean(c))}`);
}

const model: TextModelFile = {
  ...withoutAffect,
  affect: {
    ...encoded,
    provenance: {
      data: 'EmoBank (Buechel & Hahn 2017), English sentences rated for valence, arousal, dominance 1–5; CC BY-SA 4.0',
      trainSha256: sha256Hex(readFileSync(join(args.data, 'train.csv'))),
      trainRows: train.length,
      scale: 'outputs in [-1, 1] = (EmoBank rating − 3) / 2',
      trainer: 'ridge regression (conjugate gradients) on the hashed features, stacked with the label probabilities',
      lambda: { valence: valenceHead.lambda, arousal: arousalHead.lambda },
      crossValidatedR: { valence: Number(valenceHead.oofR.toFixed(4)), arousal: Number(arousalHead.oofR.toFixed(4)) },
      command: `npx tsx scripts/train/text-affect.ts ${process.argv.slice(2).join(' ')}`.trim(),
      dev: report,
      ...(dairCheck ? { dairValidation: dairCheck } : {}),
    },
  },
};
const prettierConfig = await resolveConfig(fileURLToPath(import.meta.url));
const json = await format(JSON.stringify(model), { ...prettierConfig, parser: 'json' });
writeFileSync(args.model, json);
log(`wrote ${args.model} (${(Buffer.byteLength(json) / 1e6).toFixed(2)} MB)`);
