/** `eval text`: each labelled text goes through the classifier the engine uses for check-ins and ingest. */
import { join } from 'node:path';
import { canonicalLabel, argmaxLabel } from '../../shared/labels';
import { TextClassifier } from '../../engine/text/text-classifier';
import { readRatedTexts, readTextDataset, type RatedText, type TextExample } from '../../engine/text/text-dataset';
import type { LabelledItem } from './dataset';
import { formatReport } from './format-table';
import { goldLabels, macroF1OverGold } from './metrics';
import { ProgressBar } from './progress';
import { regressionFigures, type RegressionFigures } from './regression';
import { runEval, type EvalReport } from './run-eval';
import { MODELS_DIR } from '../paths';

interface TextItem extends LabelledItem {
  text: string;
}

/** The classification report, plus valence/arousal figures when the file has rating columns. */
export interface TextEvalReport extends EvalReport {
  /**
   * Mean F1 over the labels the file has rows of. `macroF1` (scikit-learn's convention) also averages in
   * every label only ever predicted, at F1 0: on a set without neutral (dair-emotion) each stray neutral
   * reading would cost a seventh of the figure. Those readings still count as errors here, in accuracy and
   * in their true label's recall.
   */
  macroF1Labelled: number;
  /**
   * Pearson r, mean absolute error and count of the model's valence and arousal against the file's
   * `valence` / `arousal` columns, read as EmoBank's 1–5 scale: the model's [-1, 1] output v is compared as
   * 3 + 2v (the inverse of the (rating − 3) / 2 mapping it was trained with), so MAE is in rating points.
   */
  regression?: { valence?: RegressionFigures; arousal?: RegressionFigures };
}

/** The 1–5 rating that the model's [-1, 1] output stands for. */
export const toRatingScale = (unit: number): number => 3 + 2 * unit;

function regression(
  classifier: TextClassifier,
  rated: readonly RatedText[],
): NonNullable<TextEvalReport['regression']> {
  const out: NonNullable<TextEvalReport['regression']> = {};
  for (const key of ['valence', 'arousal'] as const) {
    const rows = rated.flatMap((r) => (r[key] === undefined ? [] : [{ text: r.text, rating: r[key] }]));
    if (rows.length === 0) continue;
    out[key] = regressionFigures(
      rows.map((r) => toRatingScale(classifier.classify(r.text)[key])),
      rows.map((r) => r.rating),
    );
  }
  return out;
}

/** Mean F1 over the labels with at least one true row ({@link macroF1OverGold}); 0 when there are none. */
export function macroF1Labelled(report: Pick<EvalReport, 'perClass'>): number {
  return macroF1OverGold(report.perClass);
}

export async function evalText(file: string): Promise<TextEvalReport> {
  const classifier = TextClassifier.load(join(MODELS_DIR, 'text-emotion.json'));
  const rated = readRatedTexts(file);
  let labelled: TextExample[] = [];
  try {
    labelled = readTextDataset(file);
  } catch (err) {
    // A ratings-only file (EmoBank) has no label column: it gets the regression figures alone.
    if (rated.length === 0) throw err;
  }
  const items: TextItem[] = [];
  const skipped: Record<string, number> = {};
  labelled.forEach((row, i) => {
    const label = canonicalLabel(row.label);
    if (label) items.push({ path: `${file}#${i + 1}`, label, text: row.text });
    else skipped[row.label] = (skipped[row.label] ?? 0) + 1;
  });
  const bar = new ProgressBar('eval text');
  try {
    const base = await runEval({
      task: 'text',
      items,
      skipped,
      onProgress: bar.update,
      // Scored on the most likely label: 'unknown' is the live app's choice to stay quiet, not a prediction.
      predict: (item) => Promise.resolve({ label: argmaxLabel(classifier.classify(item.text).probs) }),
    });
    const report: TextEvalReport = { ...base, macroF1Labelled: macroF1Labelled(base) };
    if (rated.length > 0) report.regression = regression(classifier, rated);
    return report;
  } finally {
    bar.finish();
  }
}

/** The table of {@link formatReport} (left out when no row had a label) and a line per rating figure. */
export function formatTextReport(report: TextEvalReport): string {
  const lines = Object.entries(report.regression ?? {}).map(
    ([key, f]) => `${key}: Pearson r ${f.r.toFixed(3)}, MAE ${f.mae.toFixed(3)} (1-5 scale), n ${f.n}\n`,
  );
  const gold = goldLabels(report.perClass);
  const predictedOnly = report.labels.filter(
    (l, j) => !gold.includes(l) && report.confusion.some((row) => (row[j] ?? 0) > 0),
  );
  const labelled =
    report.n > 0
      ? `macro-F1 over the file's ${gold.length} labels (${gold.join(', ')}; macroF1Labelled): ` +
        `${report.macroF1Labelled.toFixed(3)}; over those and the ${predictedOnly.length} only predicted ` +
        `(macroF1): ${report.macroF1.toFixed(3)}\n`
      : '';
  return `${report.n > 0 || lines.length === 0 ? formatReport(report) : ''}${labelled}${lines.join('')}`;
}
