import type { EvalReport } from './run-eval';

/** How many errors the readable report lists; `--json` has them all. */
const MAX_ERRORS_SHOWN = 20;

const fixed = (x: number, digits = 3) => x.toFixed(digits);
const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`);

/** Lays rows out in columns: the first left-aligned, the others right-aligned, two spaces apart. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((row) =>
    row
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function classTable(report: EvalReport): string[] {
  const rows = report.labels.map((label, j) => {
    const c = report.perClass[label];
    const predicted = report.confusion.reduce((sum, row) => sum + (row[j] ?? 0), 0);
    // A label neither present nor predicted has no figures; zeros would read as a failure.
    if (c.n === 0 && predicted === 0) return [label, '0', '-', '-', '-'];
    return [label, String(c.n), fixed(c.precision), fixed(c.recall), fixed(c.f1)];
  });
  return columns([['label', 'n', 'precision', 'recall', 'f1'], ...rows]);
}

function confusionTable(report: EvalReport): string[] {
  const rows = report.labels.map((label, i) => [label, ...(report.confusion[i] ?? []).map(String)]);
  return columns([['true \\ predicted', ...report.labels], ...rows]);
}

function skippedLine(skipped: Record<string, number>): string {
  const entries = Object.entries(skipped).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([name, n]) => `${name} ${n}`).join(', ');
}

function errorLines(report: EvalReport): string[] {
  const shown = report.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `  ${e.path}: ${e.message}`);
  const hidden = report.errors.length - shown.length;
  return hidden > 0 ? [...shown, `  … and ${hidden} more (--json lists them all)`] : shown;
}

/** The readable report printed by `attune eval` without `--json`. */
export function formatReport(report: EvalReport): string {
  const summary = [
    ['accuracy', fixed(report.accuracy)],
    ['macro-F1', fixed(report.macroF1)],
  ];
  if (report.subset !== undefined) {
    const { labels, n, accuracy } = report.subset;
    summary.push([`accuracy on ${labels.join('/')} (n=${n})`, fixed(accuracy)]);
  }
  summary.push(['ms/item', report.msPerItem.toFixed(1)]);
  const lines = [
    `${report.task}: ${report.n} items evaluated`,
    ...columns(summary),
    '',
    ...classTable(report),
    '',
    'confusion (rows: true label, columns: predicted)',
    ...confusionTable(report),
    '',
    `skipped: ${skippedLine(report.skipped)}`,
    `undetected: ${report.undetected} (${percent(report.undetected, report.n)})`,
    `errors: ${report.errors.length}`,
    ...errorLines(report),
  ];
  return `${lines.join('\n')}\n`;
}
