/**
 * Training on more than one text domain: GoEmotions (Reddit comments, with neutral) and dair-emotion
 * ("i feel …" sentences, the register of check-in notes, without neutral or disgust).
 */
import { mulberry32, shuffleInPlace } from '../../../src/engine/sim/prng';
import { readTextDataset, type MultiLabelExample } from '../../../src/engine/text/text-dataset';
import type { Corpus } from './corpus';
import type { Metrics } from './metrics';

/** dair-emotion's CSV (`text,label,original_label`) as single-label rows, ids `dair:<line>`. */
export function readDair(file: string): MultiLabelExample[] {
  return readTextDataset(file).map((r, i) => ({ text: r.text, labels: [r.label], id: `dair:${i + 1}` }));
}

/** A seeded split: `holdout` rows drawn at random, the rest kept in their original order. */
export function splitHoldout<T>(rows: readonly T[], holdout: number, seed: number): { rest: T[]; held: T[] } {
  const order = Array.from({ length: rows.length }, (_, i) => i);
  shuffleInPlace(order, mulberry32(seed));
  const held = new Set(order.slice(0, Math.min(holdout, rows.length)));
  return {
    rest: rows.filter((_, i) => !held.has(i)),
    held: rows.filter((_, i) => held.has(i)),
  };
}

/** Rows of `parts` one after the other; each part's rows get its sample weight (a multiplier of their cost). */
export function concatCorpora(parts: readonly { corpus: Corpus; weight: number }[]): Corpus {
  const rows = parts.reduce((n, p) => n + p.corpus.x.rows, 0);
  const nnz = parts.reduce((n, p) => n + p.corpus.x.indices.length, 0);
  const dimensions = parts[0]?.corpus.x.dimensions ?? 0;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  const sampleWeights = new Float64Array(rows);
  let r = 0;
  let p = 0;
  for (const { corpus, weight } of parts) {
    if (corpus.x.dimensions !== dimensions) throw new Error('corpora differ in dimensions');
    indices.set(corpus.x.indices, p);
    values.set(corpus.x.values, p);
    for (let i = 0; i < corpus.x.rows; i++) {
      indptr[r + i + 1] = p + (corpus.x.indptr[i + 1] ?? 0);
      sampleWeights[r + i] = weight * (corpus.sampleWeights?.[i] ?? 1);
    }
    r += corpus.x.rows;
    p += corpus.x.indices.length;
  }
  return {
    x: { rows, dimensions, indptr, indices, values },
    labels: parts.flatMap((part) => part.corpus.labels),
    texts: parts.flatMap((part) => part.corpus.texts),
    sampleWeights,
  };
}

/**
 * Macro-F1 as `eval text` computes it (scikit-learn's convention): the mean F1 over the classes that occur
 * as truth or as prediction. On a set without neutral, each neutral guess thus adds a class of F1 0.
 */
export function presentMacroF1(m: Metrics): number {
  const k = m.confusion.length;
  let sum = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    const actual = (m.confusion[c] ?? []).reduce((a, b) => a + b, 0);
    const called = m.confusion.reduce((a, row) => a + (row[c] ?? 0), 0);
    if (actual > 0 || called > 0) {
      present++;
      sum += m.f1[c] ?? 0;
    }
  }
  return present > 0 ? sum / present : 0;
}

/** One domain's tuning score: the mean of accuracy and macro-F1 (eval's convention). */
export const domainObjective = (m: Metrics): number => (m.accuracy + presentMacroF1(m)) / 2;

/** The tuning objective over several dev sets: each domain counts equally, whatever its size. */
export const mixObjective = (ms: readonly Metrics[]): number =>
  ms.reduce((s, m) => s + domainObjective(m), 0) / Math.max(1, ms.length);
