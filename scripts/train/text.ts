/**
 * Trains Attune's text-emotion model on GoEmotions (Ekman grouping) and writes the model file.
 *
 *   npx tsx scripts/train/text.ts --data ../shared/datasets/goemotions --out resources/models/text-emotion.json
 *
 * Options: --c <C> and --class-weight-power <p> skip the dev grid search; --unknown-below <0–1> (default
 * 0.4) sets the confidence under which the label is `unknown`. Deterministic: same data, same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { EMOTIONS } from '../../src/shared/labels';
import { fitTemperature } from '../../src/engine/text/calibration';
import { DEFAULT_FEATURE_CONFIG } from '../../src/engine/text/features';
import { decodeModel, encodeModel, sha256Hex, type TextModelFile } from '../../src/engine/text/model-file';
import { readGoEmotions } from '../../src/engine/text/text-dataset';
import { buildCorpus } from './text/corpus';
import { evaluate, fitOvr, objective, type Fitted } from './text/fit';
import type { Metrics } from './text/metrics';
import { calibrationReport, confusionReport, dequantized, figures, speedReport, unknownReport } from './text/report';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/datasets/goemotions' },
    out: { type: 'string', default: 'resources/models/text-emotion.json' },
    c: { type: 'string' },
    'class-weight-power': { type: 'string' },
    'unknown-below': { type: 'string', default: '0.4' },
    seed: { type: 'string', default: '1' },
  },
});
const K = EMOTIONS.length;
const SHORT_TEXT_TOKENS = 3;
const config = DEFAULT_FEATURE_CONFIG;
const seed = Number(args.seed);
const dir = join(args.data, 'ekman');
const log = (...parts: unknown[]): void => console.log(...parts);

const trainRows = readGoEmotions(join(dir, 'train.tsv'));
const t0 = performance.now();
const train = buildCorpus(trainRows, config, false);
const dev = buildCorpus(readGoEmotions(join(dir, 'dev.tsv')), config, false);
const test = buildCorpus(readGoEmotions(join(dir, 'test.tsv')), config, false);
log(`hashed train ${train.x.rows} / dev ${dev.x.rows} / test ${test.x.rows} single-label rows`);
log(
  `(train multi-label rows dropped: ${trainRows.length - train.x.rows}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const grid =
  args.c !== undefined && args['class-weight-power'] !== undefined
    ? [{ c: Number(args.c), classWeightPower: Number(args['class-weight-power']), seed }]
    : [0.1, 0.2, 0.3, 0.5].flatMap((c) => [0.25, 0.5, 0.75].map((classWeightPower) => ({ c, classWeightPower, seed })));
let best: { fitted: Fitted; score: number } | undefined;
for (const options of grid) {
  const fitted = fitOvr(train, K, options);
  const m = evaluate(dev, fitted.weights).metrics;
  log(`C=${options.c} p=${options.classWeightPower}: dev acc ${figures(m)} (${fitted.seconds.toFixed(1)} s)`);
  if (best === undefined || objective(m) > best.score) best = { fitted, score: objective(m) };
}
if (best === undefined) throw new Error('empty grid');
const { fitted } = best;
log(`chosen C=${fitted.options.c} p=${fitted.options.classWeightPower}`);

const devFloat = evaluate(dev, fitted.weights);
const testFloat = evaluate(test, fitted.weights);
const temperature = fitTemperature(devFloat.scores, devFloat.truth);
const unknownBelow = Number(args['unknown-below']);
const encoded = encodeModel({
  features: config,
  labels: EMOTIONS,
  weights: fitted.weights,
  temperature,
  confidence: { unknownBelow, shortTextTokens: SHORT_TEXT_TOKENS },
  provenance: {},
});
// Score with exactly what the file holds (int8 weights, rounded scales and biases).
const stored = decodeModel(JSON.parse(JSON.stringify(encoded)), args.out);
const quantWeights = dequantized(stored.q, [...stored.quantization.scales], [...stored.bias], config.dimensions);
const devQuant = evaluate(dev, quantWeights);
const testQuant = evaluate(test, quantWeights);
log(`float  dev ${figures(devFloat.metrics)} | test ${figures(testFloat.metrics)}`);
log(`int8   dev ${figures(devQuant.metrics)} | test ${figures(testQuant.metrics)}`);
log(`temperature ${stored.temperature} (fitted on dev)`);
log(calibrationReport(devQuant, testQuant, stored.temperature));
log(unknownReport('dev', dev, devQuant, stored.temperature, unknownBelow, SHORT_TEXT_TOKENS));
log(unknownReport('test', test, testQuant, stored.temperature, unknownBelow, SHORT_TEXT_TOKENS));
log(`test confusion (int8)\n${confusionReport(testQuant.metrics)}`);

const summary = (m: Metrics): Record<string, unknown> => ({
  rows: m.n,
  accuracy: Number(m.accuracy.toFixed(4)),
  macroF1: Number(m.macroF1.toFixed(4)),
  recall: Object.fromEntries(EMOTIONS.map((e, k) => [e, Number((m.recall[k] ?? 0).toFixed(3))])),
  f1: Object.fromEntries(EMOTIONS.map((e, k) => [e, Number((m.f1[k] ?? 0).toFixed(3))])),
});
const model: TextModelFile = {
  ...encoded,
  provenance: {
    data: 'GoEmotions (Demszky et al. 2020), Ekman grouping; English Reddit comments; Apache-2.0',
    trainFile: 'ekman/train.tsv',
    trainSha256: sha256Hex(readFileSync(join(dir, 'train.tsv'))),
    trainRows: train.x.rows,
    multiLabelRows: 'dropped from training',
    trainer: 'one-vs-rest linear SVM, squared hinge + L2, dual coordinate descent',
    c: fitted.options.c,
    classWeightPower: fitted.options.classWeightPower,
    seed,
    command:
      'npx tsx scripts/train/text.ts --data ../shared/datasets/goemotions --out resources/models/text-emotion.json',
    dev: summary(devQuant.metrics),
    test: summary(testQuant.metrics),
    testFloat: summary(testFloat.metrics),
  },
};
// Formatted with the project's Prettier settings (found from this script's path), so `prettier --check`
// passes and the bytes do not depend on where --out points.
const prettierConfig = await resolveConfig(fileURLToPath(import.meta.url));
const json = await format(JSON.stringify(model), { ...prettierConfig, parser: 'json' });
writeFileSync(args.out, json);
log(`wrote ${args.out} (${(Buffer.byteLength(json) / 1e6).toFixed(2)} MB)`);
log(speedReport(args.out, test.texts));
