import type { Corpus } from './corpus';
import { argmax, metrics, type Metrics } from './metrics';
import { scoreRows, trainBinarySvm } from './svm';

export interface FitOptions {
  /** SVM inverse regularisation C. */
  readonly c: number;
  /** Class weight = (n / (K × n_class))^power: 0 = none, 1 = fully balanced. */
  readonly classWeightPower: number;
  /** Shuffle seed. */
  readonly seed: number;
}

export interface Fitted {
  readonly options: FitOptions;
  /** Per class, weights of length D + 1 (bias last). */
  readonly weights: Float64Array[];
  readonly passes: number[];
  readonly seconds: number;
}

/** Per-class weights from label frequencies (a row counts once for each of its labels). */
export function classWeights(corpus: Corpus, classes: number, power: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const labels of corpus.labels) for (const k of labels) counts[k] = (counts[k] ?? 0) + 1;
  return counts.map((n) => (n > 0 ? (corpus.x.rows / (classes * n)) ** power : 1));
}

/** Trains one SVM per class; a row's cost is C × the largest weight among its labels × its sample weight. */
export function fitOvr(corpus: Corpus, classes: number, options: FitOptions): Fitted {
  const start = performance.now();
  const cw = classWeights(corpus, classes, options.classWeightPower);
  const cost = Float64Array.from(
    corpus.labels,
    (l, i) => options.c * Math.max(...l.map((k) => cw[k] ?? 1)) * (corpus.sampleWeights?.[i] ?? 1),
  );
  const weights: Float64Array[] = [];
  const passes: number[] = [];
  for (let k = 0; k < classes; k++) {
    const y = Int8Array.from(corpus.labels, (l) => (l.includes(k) ? 1 : -1));
    const r = trainBinarySvm(corpus.x, y, cost, { c: options.c, seed: options.seed + k });
    weights.push(r.weights);
    passes.push(r.passes);
  }
  return { options, weights, passes, seconds: (performance.now() - start) / 1000 };
}

/** Scores and figures of a single-label corpus under per-class weights. */
export function evaluate(
  corpus: Corpus,
  weights: readonly Float64Array[] | readonly Float32Array[],
): { scores: Float64Array[]; truth: number[]; metrics: Metrics } {
  const scores = scoreRows(corpus.x, weights);
  const truth = corpus.labels.map((l) => l[0] ?? 0);
  return { scores, truth, metrics: metrics(truth, scores.map(argmax), weights.length) };
}

/** Tuning objective on dev: the mean of accuracy and macro-F1, so minority classes count without ruling. */
export const objective = (m: Metrics): number => (m.accuracy + m.macroF1) / 2;
