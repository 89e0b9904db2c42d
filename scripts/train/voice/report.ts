/** Printing and rounding helpers for the voice trainer. */
import { EMOTIONS } from '../../../src/shared/labels';
import type { LinearSoftmax } from '../../../src/engine/voice/voice-model';
import type { Outcome } from './protocol';

/** Rows: truth; columns: prediction (7-way argmax); with per-class recall. */
export function confusionTable(outcomes: readonly Outcome[]): string {
  const k = EMOTIONS.length;
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const o of outcomes) {
    let best = 0;
    o.probs.forEach((p, i) => {
      if (p > (o.probs[best] ?? 0)) best = i;
    });
    const row = m[EMOTIONS.indexOf(o.truth)];
    if (row) row[best] = (row[best] ?? 0) + 1;
  }
  const head = `    ${'truth \\ predicted'.padEnd(18)}${EMOTIONS.map((e) => e.slice(0, 7).padStart(8)).join('')}  recall`;
  const rows = m.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const recall = total > 0 ? (row[i] ?? 0) / total : 0;
    return `    ${(EMOTIONS[i] ?? '').padEnd(18)}${row.map((v) => String(v).padStart(8)).join('')}  ${recall.toFixed(2)}`;
  });
  return [head, ...rows].join('\n');
}

/** Six significant digits are plenty for weights and keep the file small. */
export function roundModel(m: LinearSoftmax): LinearSoftmax {
  const r = (v: number) => Number(v.toPrecision(6));
  return { mean: m.mean.map(r), scale: m.scale.map(r), weights: m.weights.map((w) => w.map(r)), bias: m.bias.map(r) };
}
