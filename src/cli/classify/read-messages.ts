/**
 * Reads the messages of a file for `classify`: CSV (RFC 4180), TSV (plain tabs, no quoting, as GoEmotions
 * writes it) or JSON Lines. A row that cannot be read is reported with its line and skipped, never fatal:
 * a chat export with one broken line still gets analysed. Only a file we cannot use at all (unreadable, no
 * such column) is an error.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { AttuneError } from '../../shared/envelope';
import { parseCsv } from '../eval/csv';

/** One message to classify; `line` is 1-based in the file. */
export interface Message {
  line: number;
  text: string;
}

/** A row that was skipped, and why. */
export interface BadRow {
  line: number;
  reason: string;
}

export interface ReadResult {
  messages: Message[];
  bad: BadRow[];
  /** What was read, in words (e.g. `TSV without a header, column 1`), for the summary. */
  layout: string;
}

export type FileFormat = 'csv' | 'tsv' | 'jsonl';

/** GoEmotions' second column: comma-separated label ids. Marks its headerless TSV. */
const LABEL_IDS = /^\d+(,\d+)*$/;

/** The format from the extension, else from the first line (a `{` opens JSON Lines, a tab makes a TSV). */
export function detectFormat(file: string, content: string): FileFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.tsv') return 'tsv';
  if (ext === '.csv') return 'csv';
  const first = content.trimStart().split(/\r?\n/, 1)[0] ?? '';
  if (first.startsWith('{')) return 'jsonl';
  return first.includes('\t') ? 'tsv' : 'csv';
}

function checkText(line: number, text: string, bad: BadRow[], messages: Message[]): void {
  if (text.trim() === '') bad.push({ line, reason: 'empty text' });
  // readFileSync replaces invalid UTF-8 with U+FFFD: such a row would be classified on made-up characters.
  else if (text.includes('\uFFFD')) bad.push({ line, reason: 'not valid UTF-8' });
  else messages.push({ line, text });
}

/** JSON Lines: one object per line, the text under `column`; blank lines are skipped silently. */
export function readJsonLines(content: string, column: string): ReadResult {
  const messages: Message[] = [];
  const bad: BadRow[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      bad.push({ line, reason: 'not valid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      bad.push({ line, reason: 'not a JSON object' });
      return;
    }
    const field = (value as Record<string, unknown>)[column];
    if (typeof field !== 'string') bad.push({ line, reason: `no string field "${column}"` });
    else checkText(line, field, bad, messages);
  });
  return { messages, bad, layout: `JSON Lines, field "${column}"` };
}

function tsvRows(content: string): { line: number; fields: string[] }[] {
  return content
    .split('\n')
    .map((raw, i) => ({ line: i + 1, fields: raw.replace(/\r$/, '').split('\t') }))
    .filter((row) => row.fields.some((f) => f.trim() !== ''));
}

/**
 * Which column holds the text: a header cell equal to `column` (case-insensitive), or `column` as a 1-based
 * number for a file without a header, or column 1 of GoEmotions' headerless TSV (text, label ids, id).
 */
function pickColumn(
  first: string[] | undefined,
  column: string,
  format: 'csv' | 'tsv',
  explicit: boolean,
): { index: number; header: boolean } {
  if (/^\d+$/.test(column)) {
    const index = Number(column) - 1;
    if (index < 0) throw new AttuneError('bad-input', '--column counts from 1');
    return { index, header: false };
  }
  const cells = (first ?? []).map((c) => c.trim().toLowerCase());
  const index = cells.indexOf(column.toLowerCase());
  if (index >= 0) return { index, header: true };
  if (!explicit && format === 'tsv' && LABEL_IDS.test((first?.[1] ?? '').trim())) return { index: 0, header: false };
  throw new AttuneError(
    'bad-input',
    `no column "${column}" in the header (${(first ?? []).join(', ') || 'empty'}); ` +
      'name one with --column NAME, or --column N for a file without a header',
  );
}

/** CSV or TSV rows, the text in the column `pickColumn` finds. */
export function readDelimited(content: string, format: 'csv' | 'tsv', column: string, explicit: boolean): ReadResult {
  const rows = format === 'csv' ? parseCsv(content) : tsvRows(content.replace(/^\uFEFF/, ''));
  const { index, header } = pickColumn(rows[0]?.fields, column, format, explicit);
  const messages: Message[] = [];
  const bad: BadRow[] = [];
  for (const row of header ? rows.slice(1) : rows) {
    const text = row.fields[index];
    if (text === undefined) bad.push({ line: row.line, reason: `only ${row.fields.length} column(s)` });
    else checkText(row.line, text, bad, messages);
  }
  const name = format.toUpperCase();
  const layout = header ? `${name}, column "${column}"` : `${name} without a header, column ${index + 1}`;
  return { messages, bad, layout };
}

/** Reads `file`; `column` defaults to "text". */
export function readMessages(file: string, column?: string): ReadResult {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AttuneError('bad-input', `cannot read ${file}`, { cause: err });
  }
  const format = detectFormat(file, content);
  const wanted = column ?? 'text';
  if (format === 'jsonl') return readJsonLines(content.replace(/^\uFEFF/, ''), wanted);
  return readDelimited(content, format, wanted, column !== undefined);
}
