import { performance } from 'node:perf_hooks';
import { isEmotion } from '../../shared/labels';
import type { Emotion } from '../../shared/labels';
import type { LabelledItem } from './dataset';
import { accuracyOn, computeMetrics } from './metrics';
import type { Metrics, Outcome } from './metrics';

/** What a predictor says about one item. */
export interface Prediction {
  label: Emotion;
  /**
   * True when the pipeline found nothing to judge (no face, no speech) and `label` is its fallback.
   * The item still counts in the metrics, since that is what a user would get; the report tallies these.
   */
  undetected?: boolean;
}

export interface EvalError {
  path: string;
  message: string;
}

/** The metrics over the items predicted (errors excluded), plus what the run skipped or could not do. */
export interface EvalReport extends Metrics {
  task: string;
  /** Items left out because their label is outside Attune's set, by original label name. */
  skipped: Record<string, number>;
  undetected: number;
  errors: EvalError[];
  /** Mean wall time of one predict call, errors included, in ms (2 decimals). */
  msPerItem: number;
  /** Present when `subset` was given: accuracy over items whose true label is in it. */
  subset?: { labels: Emotion[]; n: number; accuracy: number };
}

export interface RunEvalOptions<I extends LabelledItem> {
  task: string;
  items: readonly I[];
  /** Called once per item, one at a time (models hold one session each). A throw is recorded in `errors`. */
  predict: (item: I) => Promise<Prediction>;
  /** Carried into the report as is; usually `Dataset.skipped`. Default {}. */
  skipped?: Record<string, number>;
  /** Labels for an extra accuracy figure, e.g. voice's neutral/happy/sad/angry. Default: none. */
  subset?: readonly Emotion[];
  /** Called after each item with (items done, items total). */
  onProgress?: (done: number, total: number) => void;
  /** Clock in ms for msPerItem. Default performance.now. */
  now?: () => number;
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Runs `predict` over every item and measures how often it is right. */
export async function runEval<I extends LabelledItem>(options: RunEvalOptions<I>): Promise<EvalReport> {
  const { task, items, predict, skipped = {}, subset, onProgress, now = () => performance.now() } = options;
  const outcomes: Outcome[] = [];
  const errors: EvalError[] = [];
  let undetected = 0;
  let elapsed = 0;
  for (const [i, item] of items.entries()) {
    const start = now();
    try {
      const prediction = await predict(item);
      // A predictor bug (a label outside the set) must not pass as a wrong answer.
      if (!isEmotion(prediction.label)) throw new Error(`predictor returned label ${String(prediction.label)}`);
      outcomes.push({ truth: item.label, predicted: prediction.label });
      if (prediction.undetected === true) undetected++;
    } catch (err) {
      errors.push({ path: item.path, message: describe(err) });
    }
    elapsed += now() - start;
    onProgress?.(i + 1, items.length);
  }
  const metrics = computeMetrics(outcomes);
  const report: EvalReport = {
    task,
    n: metrics.n,
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    labels: metrics.labels,
    perClass: metrics.perClass,
    confusion: metrics.confusion,
    skipped: { ...skipped },
    undetected,
    errors,
    msPerItem: items.length === 0 ? 0 : Math.round((elapsed / items.length) * 100) / 100,
  };
  if (subset !== undefined) {
    const labels = [...new Set(subset)];
    const n = outcomes.filter((o) => labels.includes(o.truth)).length;
    report.subset = { labels, n, accuracy: accuracyOn(metrics.confusion, labels) };
  }
  return report;
}
