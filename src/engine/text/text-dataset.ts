import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AttuneError } from '../../shared/envelope';

/** One labelled text. `label` is the data set's own name (e.g. "joy"); map it with canonicalLabel(). */
export interface TextExample {
  readonly text: string;
  readonly label: string;
}

/** One GoEmotions row: a comment with one or more label names. */
export interface MultiLabelExample {
  readonly text: string;
  readonly labels: readonly string[];
  readonly id: string;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new AttuneError('bad-input', `Cannot read the data set ${file}.`, { cause: err });
  }
}

/**
 * Splits delimited text into rows of cells. Commas follow RFC 4180 (double quotes around a cell, "" inside
 * it, line breaks allowed inside quotes); tabs follow the plain TSV convention (no quoting: GoEmotions
 * texts contain bare quotes). Blank lines are dropped.
 */
export function parseDelimited(content: string, delimiter: ',' | '\t'): string[][] {
  if (delimiter === '\t') {
    return content
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split('\t'));
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"' && content[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((x) => x.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) rows.push(row);
  return rows;
}

/** Label names of a GoEmotions `labels.txt` (one per line, the line number being the label id). */
export function readLabelNames(file: string): string[] {
  return readText(file)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const GOEMOTIONS_IDS = /^\d+(,\d+)*$/;

/**
 * Reads a GoEmotions TSV (no header; columns text, comma-separated label ids, comment id) with the label
 * names from `labelsFile` (default: labels.txt in the same folder). Rows with an unknown id are an error.
 */
export function readGoEmotions(file: string, labelsFile = join(dirname(file), 'labels.txt')): MultiLabelExample[] {
  const names = readLabelNames(labelsFile);
  return parseDelimited(readText(file), '\t').map((cells, i) => {
    const [text = '', ids = '', id = ''] = cells;
    if (!GOEMOTIONS_IDS.test(ids.trim())) {
      throw new AttuneError('bad-input', `${file}:${i + 1}: expected comma-separated label ids, got "${ids}".`);
    }
    const labels = ids
      .trim()
      .split(',')
      .map((n) => {
        const name = names[Number(n)];
        if (name === undefined) throw new AttuneError('bad-input', `${file}:${i + 1}: unknown label id ${n}.`);
        return name;
      });
    return { text, labels, id };
  });
}

/**
 * Reads labelled texts for evaluation, from either
 * - a CSV (RFC 4180) or TSV with a header naming `text` and `label` columns (any order, other columns
 *   ignored; the delimiter is a tab when the header line has one), or
 * - GoEmotions' headerless TSV with a labels.txt beside it: only single-label rows are kept, since a
 *   multi-label comment has no single right answer.
 * Labels are returned as written; rows with an empty text or label are skipped.
 */
export function readTextDataset(file: string): TextExample[] {
  const content = readText(file);
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes('\t') ? '\t' : ',';
  const rows = parseDelimited(content, delimiter);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const textCol = header.indexOf('text');
  const labelCol = header.indexOf('label');
  if (textCol >= 0 && labelCol >= 0) {
    return rows
      .slice(1)
      .map((r) => ({ text: r[textCol] ?? '', label: (r[labelCol] ?? '').trim() }))
      .filter((r) => r.text.trim() !== '' && r.label !== '');
  }
  const labelsFile = join(dirname(file), 'labels.txt');
  if (delimiter === '\t' && GOEMOTIONS_IDS.test((rows[0]?.[1] ?? '').trim()) && existsSync(labelsFile)) {
    return readGoEmotions(file, labelsFile).flatMap(({ text, labels }) =>
      labels.length === 1 && labels[0] !== undefined && text.trim() !== '' ? [{ text, label: labels[0] }] : [],
    );
  }
  throw new AttuneError(
    'bad-input',
    `${file}: expected a CSV/TSV with "text" and "label" columns, or a GoEmotions TSV with labels.txt beside it.`,
  );
}

/** One text with valence and/or arousal ratings, as written in the file (EmoBank: 1–5). */
export interface RatedText {
  readonly text: string;
  readonly valence?: number;
  readonly arousal?: number;
}

/**
 * Reads the `valence` and `arousal` columns of a CSV/TSV with a header naming `text` (EmoBank's layout:
 * `id,text,valence,arousal,dominance`). Returns [] when the file has neither column; a row keeps the ratings
 * that are numbers (an empty or non-numeric cell is left out of that figure) and is dropped when it has none
 * or an empty text.
 */
export function readRatedTexts(file: string): RatedText[] {
  const content = readText(file);
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  const rows = parseDelimited(content, firstLine.includes('\t') ? '\t' : ',');
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const textCol = header.indexOf('text');
  const valenceCol = header.indexOf('valence');
  const arousalCol = header.indexOf('arousal');
  if (textCol < 0 || (valenceCol < 0 && arousalCol < 0)) return [];
  const rating = (cells: string[], col: number): number | undefined => {
    const cell = col >= 0 ? (cells[col] ?? '').trim() : '';
    const x = cell === '' ? NaN : Number(cell);
    return Number.isFinite(x) ? x : undefined;
  };
  return rows.slice(1).flatMap((cells) => {
    const text = cells[textCol] ?? '';
    const valence = rating(cells, valenceCol);
    const arousal = rating(cells, arousalCol);
    if (text.trim() === '' || (valence === undefined && arousal === undefined)) return [];
    return [{ text, ...(valence !== undefined ? { valence } : {}), ...(arousal !== undefined ? { arousal } : {}) }];
  });
}
