/** `classify`'s outputs: the summary in words, and the per-row CSV. */
import { EMOTIONS } from '../../shared/labels';
import { csvCell } from '../eval/csv';
import type { BadRow } from './read-messages';
import { SHOWN_LABELS, type ClassifiedRow, type ClassifySummary } from './summary';

const BARS = '▁▂▃▄▅▆▇█';

/** One character per part: valence -1 → ▁, +1 → █. */
export function sparkline(values: readonly number[]): string {
  return values
    .map((v) => BARS[Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * (BARS.length - 1))] ?? '?')
    .join('');
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(2)}`;
}

/** A message on one line, cut to `max` characters. */
export function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function formatSummary(summary: ClassifySummary, source: string, seconds?: number): string {
  const took = seconds === undefined ? '' : ` in ${seconds.toFixed(2)} s`;
  const lines = [
    `${source}: ${summary.rows} messages classified${took}, ${summary.skipped} skipped`,
    '',
    'shares:',
    ...SHOWN_LABELS.filter((l) => summary.shares[l] > 0).map(
      (l) => `  ${l.padEnd(10)} ${(summary.shares[l] * 100).toFixed(1).padStart(5)}%`,
    ),
    '',
    `mean valence ${signed(summary.meanValence)}, mean arousal ${signed(summary.meanArousal)} (each -1…1)`,
  ];
  if (summary.valenceOverRows.length > 0) {
    const spans = summary.valenceOverRows;
    lines.push(
      `valence over rows, ${spans.length} equal parts, first to last: ${sparkline(spans.map((s) => s.valence))}`,
      `  ${spans.map((s) => signed(s.valence)).join(' ')}`,
    );
  }
  if (summary.mostNegative.length > 0) {
    lines.push('', 'most negative:');
    for (const m of summary.mostNegative) {
      lines.push(`  line ${String(m.line).padEnd(6)} ${signed(m.valence)}  ${m.label.padEnd(9)} ${oneLine(m.text)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Bad rows as `file:line: reason`, at most `max` of them and a count of the rest. */
export function formatBadRows(source: string, bad: readonly BadRow[], max = 20): string {
  const shown = bad.slice(0, max).map((b) => `${source}:${b.line}: skipped, ${b.reason}`);
  if (bad.length > max) shown.push(`… and ${bad.length - max} more skipped rows`);
  return shown.length === 0 ? '' : `${shown.join('\n')}\n`;
}

export const CSV_HEADER = [
  'line',
  'label',
  'confidence',
  'valence',
  'arousal',
  ...EMOTIONS.map((e) => `p_${e}`),
  'text',
];

/** One CSV line per row (RFC 4180 quoting), numbers to 4 decimals. */
export function csvLine(row: ClassifiedRow): string {
  const n = (v: number): string => v.toFixed(4);
  return [
    String(row.line),
    row.label,
    n(row.confidence),
    n(row.valence),
    n(row.arousal),
    ...EMOTIONS.map((e) => n(row.probs[e])),
    csvCell(row.text),
  ].join(',');
}
