import { describe, expect, it } from 'vitest';
import { computeMetrics } from './metrics';
import type { Outcome } from './metrics';
import { formatTextReport, macroF1Labelled, type TextEvalReport } from './text';

describe('formatTextReport', () => {
  it('prints macro-F1 over the file’s own labels beside the one that also counts labels only predicted', () => {
    const outcomes: Outcome[] = [
      { truth: 'happy', predicted: 'happy' },
      { truth: 'happy', predicted: 'neutral' },
      { truth: 'sad', predicted: 'sad' },
      { truth: 'sad', predicted: 'sad' },
    ];
    const m = computeMetrics(outcomes);
    const report: TextEvalReport = {
      task: 'text',
      ...m,
      macroF1Labelled: macroF1Labelled(m),
      skipped: {},
      undetected: 0,
      errors: [],
      msPerItem: 0,
    };
    expect(report.macroF1Labelled).toBeCloseTo(5 / 6, 12);
    expect(formatTextReport(report)).toContain(
      "macro-F1 over the file's 2 labels (happy, sad; macroF1Labelled): 0.833; " +
        'over those and the 1 only predicted (macroF1): 0.556\n',
    );
  });
});
