/** `eval text`: each labelled text goes through the classifier the engine uses for check-ins and ingest. */
import { join } from 'node:path';
import { canonicalLabel, argmaxLabel } from '../shared/labels';
import { TextClassifier } from '../engine/text/text-classifier';
import { readTextDataset } from '../engine/text/text-dataset';
import type { LabelledItem } from './eval/dataset';
import { ProgressBar } from './eval/progress';
import { runEval, type EvalReport } from './eval/run-eval';
import { MODELS_DIR } from './paths';

interface TextItem extends LabelledItem {
  text: string;
}

export async function evalText(file: string): Promise<EvalReport> {
  const classifier = TextClassifier.load(join(MODELS_DIR, 'text-emotion.json'));
  const items: TextItem[] = [];
  const skipped: Record<string, number> = {};
  readTextDataset(file).forEach((row, i) => {
    const label = canonicalLabel(row.label);
    if (label) items.push({ path: `${file}#${i + 1}`, label, text: row.text });
    else skipped[row.label] = (skipped[row.label] ?? 0) + 1;
  });
  const bar = new ProgressBar('eval text');
  try {
    return await runEval({
      task: 'text',
      items,
      skipped,
      onProgress: bar.update,
      // Scored on the most likely label: 'unknown' is the live app's choice to stay quiet, not a prediction.
      predict: (item) => Promise.resolve({ label: argmaxLabel(classifier.classify(item.text).probs) }),
    });
  } finally {
    bar.finish();
  }
}
