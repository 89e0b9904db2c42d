import { describe, expect, it } from 'vitest';
import type { Corpus } from './corpus';
import { concatCorpora, presentMacroF1, splitHoldout } from './mix';
import { metrics } from './metrics';

const corpus = (rows: number, label: number): Corpus => ({
  x: {
    rows,
    dimensions: 4,
    indptr: Int32Array.from({ length: rows + 1 }, (_, i) => i),
    indices: Int32Array.from({ length: rows }, () => label),
    values: Float32Array.from({ length: rows }, () => 1),
  },
  labels: Array.from({ length: rows }, () => [label]),
  texts: Array.from({ length: rows }, (_, i) => `${label}:${i}`),
});

describe('splitHoldout', () => {
  it('is seeded, disjoint and complete', () => {
    const rows = Array.from({ length: 20 }, (_, i) => i);
    const a = splitHoldout(rows, 5, 1);
    expect(splitHoldout(rows, 5, 1)).toEqual(a);
    expect(a.held).toHaveLength(5);
    expect([...a.rest, ...a.held].sort((x, y) => x - y)).toEqual(rows);
  });
});

describe('concatCorpora', () => {
  it('stacks rows and gives each part its weight', () => {
    const c = concatCorpora([
      { corpus: corpus(2, 0), weight: 1 },
      { corpus: corpus(3, 1), weight: 2 },
    ]);
    expect(c.x.rows).toBe(5);
    expect(Array.from(c.x.indptr)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(c.sampleWeights ?? [])).toEqual([1, 1, 2, 2, 2]);
    expect(c.labels).toEqual([[0], [0], [1], [1], [1]]);
  });
});

describe('presentMacroF1', () => {
  it('averages over labels seen as truth or prediction, as eval text does', () => {
    // Class 0: P 1/2 R 1 → F1 2/3; class 1: P 1 R 1/2 → 2/3; class 2 never occurs, so it is left out
    // (metrics() divides by all three classes instead).
    const m = metrics([0, 1, 1], [0, 1, 0], 3);
    expect(presentMacroF1(m)).toBeCloseTo(2 / 3, 12);
    expect(m.macroF1).toBeCloseTo(4 / 9, 12);
  });
});
