import { describe, expect, it } from 'vitest';
import { EMOTIONS, type MoodLabel } from '../../shared/labels';
import { csvLine, formatBadRows, formatSummary, oneLine, sparkline } from './format';
import { summarise, valenceOverRows, type ClassifiedRow } from './summary';

function row(line: number, label: MoodLabel, valence: number, text = `message ${line}`): ClassifiedRow {
  const probs = Object.fromEntries(EMOTIONS.map((e) => [e, e === 'neutral' ? 1 : 0])) as ClassifiedRow['probs'];
  return { line, text, label, confidence: 0.5, valence, arousal: 0, probs };
}

describe('summarise', () => {
  const rows = [row(2, 'happy', 0.6), row(3, 'sad', -0.7), row(4, 'unknown', 0), row(5, 'angry', -0.7)];

  it('counts shares over shown labels, unknown included, and names the most negative rows in file order', () => {
    const s = summarise(rows, 1, 2);
    expect(s.rows).toBe(4);
    expect(s.skipped).toBe(1);
    expect(s.shares).toMatchObject({ happy: 0.25, sad: 0.25, angry: 0.25, unknown: 0.25, neutral: 0 });
    expect(s.meanValence).toBeCloseTo(-0.2);
    expect(s.mostNegative.map((m) => m.line)).toEqual([3, 5]);
  });

  it('splits the file into consecutive near-equal parts for valence over rows', () => {
    expect(valenceOverRows(rows, 2)).toEqual([
      { fromLine: 2, toLine: 3, rows: 2, valence: expect.closeTo(-0.05) as number },
      { fromLine: 4, toLine: 5, rows: 2, valence: -0.35 },
    ]);
    expect(valenceOverRows(rows.slice(0, 1), 10)).toHaveLength(1);
    expect(valenceOverRows([], 10)).toEqual([]);
  });

  it('is empty but well formed for no rows', () => {
    expect(summarise([], 3)).toMatchObject({ rows: 0, skipped: 3, meanValence: 0, mostNegative: [] });
  });
});

describe('classify output', () => {
  it('draws valence -1…1 as a sparkline and cuts long messages to one line', () => {
    expect(sparkline([-1, 0, 1, 5])).toBe('▁▅██');
    expect(oneLine('a\n  b')).toBe('a b');
    expect(oneLine('x'.repeat(10), 5)).toBe('xxxx…');
  });

  it('writes the summary in words', () => {
    const text = formatSummary(summarise([row(2, 'sad', -0.7, 'so sad')], 0), 'f.csv', 0.5);
    expect(text).toContain('f.csv: 1 messages classified in 0.50 s, 0 skipped');
    expect(text).toMatch(/sad +100\.0%/);
    expect(text).toMatch(/line 2 +-0\.70 +sad +so sad/);
  });

  it('quotes CSV cells that need it', () => {
    expect(csvLine(row(7, 'happy', 0.5, 'a "b", c'))).toBe(
      '7,happy,0.5000,0.5000,0.0000,1.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,"a ""b"", c"',
    );
  });

  it('lists skipped rows with their line, at most 20', () => {
    const bad = Array.from({ length: 22 }, (_, i) => ({ line: i + 1, reason: 'empty text' }));
    const text = formatBadRows('f.csv', bad);
    expect(text.split('\n')[0]).toBe('f.csv:1: skipped, empty text');
    expect(text).toContain('… and 2 more skipped rows');
    expect(formatBadRows('f.csv', [])).toBe('');
  });
});
