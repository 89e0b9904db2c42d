import { describe, expect, it } from 'vitest';
import { columns, formatReport } from './format-table';
import { runEval } from './run-eval';

describe('columns', () => {
  it('left-aligns the first column and right-aligns the rest', () => {
    expect(
      columns([
        ['label', 'n'],
        ['happy', '120'],
        ['sad', '7'],
      ]),
    ).toEqual(['label    n', 'happy  120', 'sad      7']);
  });
});

describe('formatReport', () => {
  it('prints the summary, per-class table, confusion matrix, skipped, undetected and errors', async () => {
    const items = [
      { path: '/d/happy/1.jpg', label: 'happy' as const },
      { path: '/d/happy/2.jpg', label: 'happy' as const },
      { path: '/d/sad/3.jpg', label: 'sad' as const },
      { path: '/d/angry/4.jpg', label: 'angry' as const },
    ];
    let t = 0;
    const report = await runEval({
      task: 'face',
      items,
      skipped: { contempt: 2 },
      subset: ['neutral', 'happy', 'sad', 'angry'],
      now: () => (t += 12.5),
      predict: (item) => {
        if (item.path.endsWith('4.jpg')) return Promise.reject(new Error('bad jpeg'));
        if (item.path.endsWith('2.jpg')) return Promise.resolve({ label: 'neutral', undetected: true });
        return Promise.resolve({ label: item.label });
      },
    });
    // 3 predicted, 2 right; macro-F1 over neutral (predicted once, F1 0), happy (2/3) and sad (1) = 5/9.
    expect(formatReport(report)).toBe(
      [
        'face: 3 items evaluated',
        'accuracy                                   0.667',
        'macro-F1                                   0.556',
        'accuracy on neutral/happy/sad/angry (n=3)  0.667',
        'ms/item                                     12.5',
        '',
        'label      n  precision  recall     f1',
        'neutral    0      0.000   0.000  0.000',
        'happy      2      1.000   0.500  0.667',
        'sad        1      1.000   1.000  1.000',
        'angry      0          -       -      -',
        'fearful    0          -       -      -',
        'disgusted  0          -       -      -',
        'surprised  0          -       -      -',
        '',
        'confusion (rows: true label, columns: predicted)',
        'true \\ predicted  neutral  happy  sad  angry  fearful  disgusted  surprised',
        'neutral                 0      0    0      0        0          0          0',
        'happy                   1      1    0      0        0          0          0',
        'sad                     0      0    1      0        0          0          0',
        'angry                   0      0    0      0        0          0          0',
        'fearful                 0      0    0      0        0          0          0',
        'disgusted               0      0    0      0        0          0          0',
        'surprised               0      0    0      0        0          0          0',
        '',
        'skipped: contempt 2',
        'undetected: 1 (33.3%)',
        'errors: 1',
        '  /d/angry/4.jpg: bad jpeg',
        '',
      ].join('\n'),
    );
  });

  it('lists at most 20 errors', async () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ path: `/f${i}.jpg`, label: 'sad' as const }));
    const report = await runEval({ task: 'face', items, predict: () => Promise.reject(new Error('x')) });
    const text = formatReport(report);
    expect(text).toContain('errors: 25\n');
    expect(text).toContain('  /f19.jpg: x\n  … and 5 more (--json lists them all)\n');
    expect(text).not.toContain('/f20.jpg');
    expect(text).toContain('skipped: none\nundetected: 0 (0%)');
  });
});
