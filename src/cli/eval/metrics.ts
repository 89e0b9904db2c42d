import { EMOTIONS } from '../../shared/labels';
import type { Emotion } from '../../shared/labels';

/** One evaluated item: what it was and what the predictor said. */
export interface Outcome {
  truth: Emotion;
  predicted: Emotion;
}

export interface ClassMetrics {
  /** Items whose true label is this one. */
  n: number;
  /** Of the items predicted as this label, the share that were; 0 when none were predicted. */
  precision: number;
  /** Of the items with this true label, the share predicted as it; 0 when there were none. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
}

export interface Metrics {
  n: number;
  accuracy: number;
  /** Mean F1 over the labels that occur as truth or as prediction (scikit-learn's convention). */
  macroF1: number;
  /** The order of `confusion`'s rows and columns: every label, EMOTIONS order, even those with no items. */
  labels: Emotion[];
  perClass: Record<Emotion, ClassMetrics>;
  /** `confusion[i][j]`: items of true label `labels[i]` predicted as `labels[j]`. */
  confusion: number[][];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const cell = (m: readonly (readonly number[])[], i: number, j: number) => m[i]?.[j] ?? 0;

export function confusionMatrix(outcomes: readonly Outcome[]): number[][] {
  const matrix = EMOTIONS.map(() => EMOTIONS.map(() => 0));
  for (const { truth, predicted } of outcomes) {
    const row = matrix[EMOTIONS.indexOf(truth)];
    const j = EMOTIONS.indexOf(predicted);
    if (row !== undefined && j >= 0) row[j] = (row[j] ?? 0) + 1;
  }
  return matrix;
}

/** Every figure of {@link Metrics}, from a confusion matrix laid out like {@link confusionMatrix}'s. */
export function metricsFromConfusion(confusion: readonly (readonly number[])[]): Metrics {
  const rowSum = (i: number) => EMOTIONS.reduce((s, _, j) => s + cell(confusion, i, j), 0);
  const colSum = (j: number) => EMOTIONS.reduce((s, _, i) => s + cell(confusion, i, j), 0);
  const perClass = {} as Record<Emotion, ClassMetrics>;
  let n = 0;
  let correct = 0;
  let f1Sum = 0;
  let present = 0;
  EMOTIONS.forEach((label, i) => {
    const tp = cell(confusion, i, i);
    const actual = rowSum(i);
    const predicted = colSum(i);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, actual);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perClass[label] = { n: actual, precision, recall, f1 };
    n += actual;
    correct += tp;
    if (actual > 0 || predicted > 0) {
      present++;
      f1Sum += f1;
    }
  });
  return {
    n,
    accuracy: ratio(correct, n),
    macroF1: ratio(f1Sum, present),
    labels: [...EMOTIONS],
    perClass,
    confusion: EMOTIONS.map((_, i) => EMOTIONS.map((__, j) => cell(confusion, i, j))),
  };
}

/** The labels with at least one true item: the gold set's own labels, in EMOTIONS order. */
export function goldLabels(perClass: Readonly<Record<Emotion, ClassMetrics>>): Emotion[] {
  return EMOTIONS.filter((label) => perClass[label].n > 0);
}

/**
 * Mean F1 over the gold set's own labels (those with at least one true item): scikit-learn's
 * `f1_score(y_true, y_pred, average='macro', labels=<the data set's labels>)`. `Metrics.macroF1` also averages in
 * every label only ever predicted, at F1 0, so on a set without neutral (dair-emotion) each stray neutral
 * reading costs a seventh of that figure; here such readings still count against their true label's recall. 0
 * when there are no items.
 */
export function macroF1OverGold(perClass: Readonly<Record<Emotion, ClassMetrics>>): number {
  const present = goldLabels(perClass);
  return ratio(
    present.reduce((s, label) => s + perClass[label].f1, 0),
    present.length,
  );
}

export function computeMetrics(outcomes: readonly Outcome[]): Metrics {
  return metricsFromConfusion(confusionMatrix(outcomes));
}

/**
 * Accuracy over the items whose true label is in `subset` (e.g. voice's neutral/happy/sad/angry); a prediction
 * outside the subset counts as wrong. 0 when there are no such items.
 */
export function accuracyOn(confusion: readonly (readonly number[])[], subset: readonly Emotion[]): number {
  const rows = [...new Set(subset)].map((label) => EMOTIONS.indexOf(label));
  const total = rows.reduce((s, i) => s + EMOTIONS.reduce((r, _, j) => r + cell(confusion, i, j), 0), 0);
  const correct = rows.reduce((s, i) => s + cell(confusion, i, i), 0);
  return ratio(correct, total);
}
