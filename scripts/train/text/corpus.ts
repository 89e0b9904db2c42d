import { EMOTIONS, canonicalLabel, type Emotion } from '../../../src/shared/labels';
import { featurize, type FeatureConfig } from '../../../src/engine/text/features';
import type { MultiLabelExample } from '../../../src/engine/text/text-dataset';
import type { Csr } from './svm';

/** A split ready for training: hashed rows and, per row, the EMOTIONS indices of its labels. */
export interface Corpus {
  readonly x: Csr;
  readonly labels: readonly (readonly number[])[];
  readonly texts: readonly string[];
  /** Per row, a multiplier of its training cost (a domain's weight in a mixed corpus); absent = all 1. */
  readonly sampleWeights?: Float64Array;
}

/** EMOTIONS indices of a row's labels; throws on a label that maps to no canonical emotion. */
export function labelIndices(names: readonly string[]): number[] {
  return names.map((name) => {
    const label: Emotion | undefined = canonicalLabel(name);
    if (label === undefined) throw new Error(`label "${name}" has no canonical emotion`);
    return EMOTIONS.indexOf(label);
  });
}

/** Hashes texts into rows of a CSR matrix. */
export function hashTexts(texts: readonly string[], config: FeatureConfig): Csr {
  const vectors = texts.map((t) => featurize(t, config));
  const nnz = vectors.reduce((n, v) => n + v.indices.length, 0);
  const indptr = new Int32Array(texts.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let p = 0;
  vectors.forEach((v, r) => {
    indices.set(v.indices, p);
    values.set(v.values, p);
    p += v.indices.length;
    indptr[r + 1] = p;
  });
  return { rows: texts.length, dimensions: config.dimensions, indptr, indices, values };
}

/** Hashes every row's text; rows with more than one label are kept only when `multiLabel` is true. */
export function buildCorpus(rows: readonly MultiLabelExample[], config: FeatureConfig, multiLabel: boolean): Corpus {
  const kept = rows.filter((r) => multiLabel || r.labels.length === 1);
  return {
    x: hashTexts(
      kept.map((r) => r.text),
      config,
    ),
    labels: kept.map((r) => labelIndices(r.labels)),
    texts: kept.map((r) => r.text),
  };
}
