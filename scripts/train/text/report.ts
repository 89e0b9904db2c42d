import { EMOTIONS } from '../../../src/shared/labels';
import { expectedCalibrationError, meanNll, softmax } from '../../../src/engine/text/calibration';
import { TextClassifier } from '../../../src/engine/text/text-classifier';
import { tokenize } from '../../../src/engine/text/tokenize';
import type { Corpus } from './corpus';
import { argmax, type Metrics } from './metrics';

/** "0.6793 / macro-F1 0.6071 / recall neutral 0.70 happy 0.77 …" */
export function figures(m: Metrics): string {
  const recall = EMOTIONS.map((e, k) => `${e} ${(m.recall[k] ?? 0).toFixed(2)}`).join(' ');
  return `${m.accuracy.toFixed(4)} / macro-F1 ${m.macroF1.toFixed(4)} / recall ${recall}`;
}

/** The int8 model as float weights (length D + 1, bias last), to score exactly as the classifier does. */
export function dequantized(q: Int8Array, scales: number[], bias: number[], dimensions: number): Float32Array[] {
  const k = scales.length;
  return scales.map((scale, c) => {
    const w = new Float32Array(dimensions + 1);
    for (let b = 0; b < dimensions; b++) w[b] = (q[b * k + c] ?? 0) * scale;
    w[dimensions] = bias[c] ?? 0;
    return w;
  });
}

type Scored = { scores: Float64Array[]; truth: number[] };

export function calibrationReport(dev: Scored, test: Scored, temperature: number): string {
  const line = (name: string, s: Scored): string => {
    const raw = s.scores.map((x) => softmax(x, 1));
    const cal = s.scores.map((x) => softmax(x, temperature));
    return (
      `${name}: NLL ${meanNll(s.scores, s.truth, 1).toFixed(4)} → ${meanNll(s.scores, s.truth, temperature).toFixed(4)}, ` +
      `ECE ${expectedCalibrationError(raw, s.truth).toFixed(4)} → ${expectedCalibrationError(cal, s.truth).toFixed(4)}`
    );
  };
  return `calibration (T=1 → fitted T)\n  ${line('dev', dev)}\n  ${line('test', test)}`;
}

/** Coverage and accuracy of the labels kept when `unknown` is given below each confidence threshold. */
export function unknownReport(
  name: string,
  corpus: Corpus,
  s: Scored,
  temperature: number,
  chosen: number,
  shortTokens: number,
): string {
  const rows = s.scores.map((x, i) => {
    const p = softmax(x, temperature);
    const top = argmax(p);
    const n = tokenize(corpus.texts[i] ?? '').contentTokens;
    const confidence = n === 0 ? 0 : (p[top] ?? 0) * Math.min(1, (n + 1) / (shortTokens + 1));
    return { confidence, right: top === s.truth[i] };
  });
  const lines = [0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, chosen].map((t) => {
    const kept = rows.filter((r) => r.confidence >= t);
    const acc = kept.filter((r) => r.right).length / Math.max(1, kept.length);
    return `  ${t === chosen ? '*' : ' '} below ${t.toFixed(2)}: coverage ${(kept.length / rows.length).toFixed(3)}, accuracy ${acc.toFixed(4)}`;
  });
  return `${name}, label kept when confidence ≥ threshold (* = shipped)\n${lines.join('\n')}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Loads the written file through the real classifier and times classify() on every text. */
export function speedReport(file: string, texts: readonly string[]): string {
  const t0 = performance.now();
  const classifier = TextClassifier.load(file);
  const loadMs = performance.now() - t0;
  for (const t of texts.slice(0, 500)) classifier.classify(t);
  const times = texts.map((t) => {
    const start = performance.now();
    classifier.classify(t);
    return performance.now() - start;
  });
  times.sort((a, b) => a - b);
  const f = (x: number): string => `${(x * 1000).toFixed(0)} µs`;
  return (
    `speed over ${texts.length} test texts: median ${f(percentile(times, 0.5))}, p95 ${f(percentile(times, 0.95))}, ` +
    `max ${f(times[times.length - 1] ?? 0)}; load ${loadMs.toFixed(0)} ms`
  );
}

/** Per-class precision, recall and F1, and the confusion matrix (rows: truth, columns: predicted). */
export function confusionReport(m: Metrics): string {
  const pad = (x: string | number): string => String(x).padStart(10);
  const head = `${pad('')}${EMOTIONS.map(pad).join('')}   precision recall  F1`;
  const rows = EMOTIONS.map((e, k) => {
    const cells = (m.confusion[k] ?? []).map(pad).join('');
    const f = (x: number | undefined): string => (x ?? 0).toFixed(3).padStart(7);
    return `${pad(e)}${cells}   ${f(m.precision[k])}${f(m.recall[k])}${f(m.f1[k])}`;
  });
  return [head, ...rows].join('\n');
}
