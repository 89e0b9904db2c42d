import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../shared/labels';
import { textProblems } from './ci-text';
import type { TextEvalReport } from './text';

const report = (over: Partial<TextEvalReport>): TextEvalReport => ({
  task: 'text',
  n: 10,
  accuracy: 0.9,
  macroF1: 0.6,
  macroF1Labelled: 0.85,
  labels: [...EMOTIONS],
  perClass: Object.fromEntries(
    EMOTIONS.map((e) => [e, { n: 0, precision: 0, recall: 0, f1: 0 }]),
  ) as TextEvalReport['perClass'],
  confusion: [],
  skipped: {},
  undetected: 0,
  errors: [],
  msPerItem: 0.1,
  ...over,
});

describe('textProblems', () => {
  it('passes figures at or above their floors', () => {
    expect(textProblems(report({}), { accuracy: 0.9, macroF1Labelled: 0.8 })).toEqual([]);
  });

  it('names each figure under its floor, and a missing rating figure', () => {
    const problems = textProblems(report({ accuracy: 0.5, regression: { valence: { r: 0.4, mae: 0.3, n: 5 } } }), {
      accuracy: 0.87,
      valenceR: 0.55,
      arousalR: 0.4,
    });
    expect(problems).toEqual(['accuracy 0.500 < 0.87', 'valence r 0.400 < 0.55', 'arousal r missing < 0.4']);
  });
});
