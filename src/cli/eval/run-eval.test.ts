import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEmotion } from '../../shared/labels';
import { loadDataset } from './dataset';
import type { LabelledItem } from './dataset';
import { runEval } from './run-eval';
import type { Prediction } from './run-eval';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'attune-eval-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Each tiny file holds what the fake predictor will answer: a label, `none` (no face), or `throw`. */
function write(files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

async function fakePredict(item: LabelledItem): Promise<Prediction> {
  const said = (await readFile(item.path, 'utf8')).trim();
  if (said === 'none') return { label: 'neutral', undetected: true };
  if (isEmotion(said)) return { label: said };
  throw new Error(`cannot decode ${said}`);
}

/** A clock that moves 4 ms per reading: each predict call spans 4 ms. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 4);
}

describe('runEval', () => {
  it('evaluates a folder with a fake predictor and reports every figure', async () => {
    write({
      'happy/1.jpg': 'happy',
      'happy/2.jpg': 'sad',
      'sad/3.png': 'sad',
      'sad/4.png': 'none',
      'angry/5.jpg': 'throw',
      'contempt/6.jpg': 'happy',
    });
    const data = await loadDataset(root);
    const progress: [number, number][] = [];
    const report = await runEval({
      task: 'face',
      items: data.items,
      predict: fakePredict,
      skipped: data.skipped,
      subset: ['happy', 'sad'],
      onProgress: (done, total) => progress.push([done, total]),
      now: steppingClock(),
    });
    expect(report.task).toBe('face');
    expect(report.n).toBe(4);
    // Right: happy/1 and sad/3. Wrong: happy/2 (sad) and sad/4 (undetected → neutral).
    expect(report.accuracy).toBe(0.5);
    expect(report.perClass.happy).toEqual({ n: 2, precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(report.perClass.angry.n).toBe(0);
    expect(report.confusion[2]).toEqual([1, 0, 1, 0, 0, 0, 0]); // sad row: neutral 1, sad 1
    expect(report.skipped).toEqual({ contempt: 1 });
    expect(report.undetected).toBe(1);
    expect(report.errors).toEqual([{ path: join(root, 'angry', '5.jpg'), message: 'cannot decode throw' }]);
    expect(report.msPerItem).toBe(4);
    expect(report.subset).toEqual({ labels: ['happy', 'sad'], n: 4, accuracy: 0.5 });
    expect(progress).toEqual([1, 2, 3, 4, 5].map((d) => [d, 5]));
    // JSON keeps the fields in the documented order.
    expect(Object.keys(report).slice(0, 11)).toEqual([
      'task',
      'n',
      'accuracy',
      'macroF1',
      'labels',
      'perClass',
      'confusion',
      'skipped',
      'undetected',
      'errors',
      'msPerItem',
    ]);
  });

  it('records a predictor that answers a label outside the set as an error', async () => {
    const items = [{ path: '/x.jpg', label: 'happy' as const }];
    const report = await runEval({
      task: 'face',
      items,
      predict: () => Promise.resolve({ label: 'unknown' } as unknown as Prediction),
    });
    expect(report.n).toBe(0);
    expect(report.errors).toEqual([{ path: '/x.jpg', message: 'predictor returned label unknown' }]);
  });

  it('handles no items', async () => {
    const report = await runEval({ task: 'voice', items: [], predict: fakePredict });
    expect([report.n, report.accuracy, report.msPerItem]).toEqual([0, 0, 0]);
    expect(report.subset).toBeUndefined();
  });
});
