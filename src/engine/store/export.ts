import type { Database, Statement } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import type { ExportFormat } from '../../shared/history';
import { EMOTIONS } from '../../shared/labels';
import type { MoodSample } from '../../shared/mood';
import { CheckInStore } from './check-ins';
import { guard } from './errors';
import { EventStore } from './events';
import { PersonalStore, type StoredExample } from './personal';
import { PromptStore } from './prompts';
import { fromRollupRow, ROLLUP_COLUMNS, type RollupRow } from './rollups';
import { COLUMNS, fromRow, type SampleRow } from './samples';

/** Receives the export piece by piece; awaited, so a slow file or socket holds the export back. */
export type ExportWriter = (chunk: string) => void | Promise<void>;

export interface ExportOptions {
  /** Rows read per query, and so per chunk written (default 5000). */
  pageSize?: number;
  /** Unix ms stamped as `exportedAt` (default now). */
  now?: number;
}

interface Cursor {
  t: number;
  id: number;
}
interface PageParams {
  from: number;
  to: number;
  t: number;
  id: number;
  limit: number;
}
type SampleWithId = SampleRow & { id: number };
type CsvRow = SampleWithId & CheckInCells;

/** Fields are numbers and fixed codes (source, label), so none needs quoting; a missing share is empty. */
const csvField = (v: string | number | null): string => (v === null ? '' : String(v));

/**
 * A kept check-in note as one CSV field: always quoted (commas, quotes and line breaks stay inside it), and
 * one that starts like a spreadsheet formula gets a leading apostrophe so opening the file never runs it.
 */
export const csvText = (text: string | null): string => {
  if (text === null) return '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

/** The check-in columns a CSV row carries: the person's own rating and note, beside the model's reading. */
const CHECK_IN_COLUMNS = ['check_in_pleasantness', 'check_in_energy', 'check_in_note'];
interface CheckInCells {
  self_valence: number | null;
  self_arousal: number | null;
  note: string | null;
}

/**
 * The header of the CSV's second table: the personal model's examples (what the person taught Attune, numbers
 * and codes only). It follows the samples after one empty line, and only when the range has examples, so a
 * file without any stays one table. Its first column's name says which table a reader is in.
 */
export const PERSONAL_CSV_HEADER = [
  'personal_example_time',
  't',
  'modality',
  'source',
  'label',
  'weight',
  'group',
  ...EMOTIONS.map((e) => `p_${e}`),
].join(',');

/**
 * Streams history in [from, to) as CSV (one row per sample, with a header; then, after an empty line, the
 * personal model's examples of the range as a second table with its own header) or JSON
 * ({exportedAt, range, samples, rollups, prompts, events, checkIns, personal}). Samples and rollups are read a page at a
 * time with keyset queries, and each page is written before the next is read, so a year is never one string
 * and the connection is free for the engine between pages.
 */
export class HistoryExporter {
  private readonly samplePage: Statement<[PageParams], SampleWithId>;
  /** The same pages, each text sample beside its check-in (rating, kept note) when it came from one. */
  private readonly csvPage: Statement<[PageParams], CsvRow>;
  private readonly rollupPage: Statement<[Omit<PageParams, 't' | 'id'>], RollupRow>;
  private readonly prompts: PromptStore;
  private readonly events: EventStore;
  private readonly personal: PersonalStore;
  private readonly checkIns: CheckInStore;

  constructor(db: Database) {
    this.samplePage = db.prepare(`
      SELECT id, ${COLUMNS.join(', ')} FROM samples
      WHERE t >= @from AND t < @to AND (t > @t OR (t = @t AND id > @id)) ORDER BY t, id LIMIT @limit`);
    this.csvPage = db.prepare(`
      SELECT s.id AS id, ${COLUMNS.map((c) => `s.${c} AS ${c}`).join(', ')},
        c.self_valence AS self_valence, c.self_arousal AS self_arousal, c.note AS note
      FROM samples s LEFT JOIN check_ins c ON c.sample_id = s.id
      WHERE s.t >= @from AND s.t < @to AND (s.t > @t OR (s.t = @t AND s.id > @id)) ORDER BY s.t, s.id LIMIT @limit`);
    this.rollupPage = db.prepare(
      `SELECT ${ROLLUP_COLUMNS.join(', ')} FROM rollups WHERE minute >= @from AND minute < @to ORDER BY minute LIMIT @limit`,
    );
    this.prompts = new PromptStore(db);
    this.events = new EventStore(db);
    this.checkIns = new CheckInStore(db);
    this.personal = new PersonalStore(db);
  }

  /**
   * Writes the history of `from <= t < to` (unix ms) through `write`, awaiting each chunk.
   * @throws AttuneError `bad-input` for an unknown format, `database-unreadable` when the file cannot be read.
   */
  async export(
    format: ExportFormat,
    from: number,
    to: number,
    write: ExportWriter,
    options: ExportOptions = {},
  ): Promise<void> {
    if (format !== 'csv' && format !== 'json')
      throw new AttuneError('bad-input', `unknown export format ${String(format)}`);
    const pageSize = Math.max(1, Math.round(options.pageSize ?? 5000));
    if (format === 'csv') return this.csv(from, to, write, pageSize);
    return this.json(from, to, write, pageSize, options.now ?? Date.now());
  }

  private *samples(from: number, to: number, pageSize: number): Generator<MoodSample[]> {
    for (const rows of this.pages(this.samplePage, from, to, pageSize)) yield rows.map(fromRow);
  }

  private *pages<R extends SampleWithId>(
    query: Statement<[PageParams], R>,
    from: number,
    to: number,
    pageSize: number,
  ): Generator<R[]> {
    // Keyset paging on (t, id): each page is a fresh indexed query that starts after the last row written.
    let cursor: Cursor = { t: from - 1, id: 0 };
    for (;;) {
      const { t, id } = cursor;
      const rows = guard('export mood history', () => query.all({ from, to, t, id, limit: pageSize }));
      if (rows.length > 0) yield rows;
      const last = rows.at(-1);
      if (rows.length < pageSize || last === undefined) return;
      cursor = { t: last.t, id: last.id };
    }
  }

  private async csv(from: number, to: number, write: ExportWriter, pageSize: number): Promise<void> {
    await write(`${['time', ...COLUMNS, ...CHECK_IN_COLUMNS].join(',')}\n`);
    for (const rows of this.pages(this.csvPage, from, to, pageSize)) {
      const lines = rows.map((row) => {
        const s = fromRow(row);
        const cells = [
          new Date(s.t).toISOString(),
          s.t,
          s.source,
          s.label,
          ...EMOTIONS.map((e) => s.probs[e]),
          s.valence,
          s.arousal,
          s.confidence,
          s.shares?.face ?? null,
          s.shares?.voice ?? null,
          s.shares?.text ?? null,
          row.self_valence,
          row.self_arousal,
        ].map(csvField);
        return [...cells, csvText(row.note)].join(',');
      });
      await write(`${lines.join('\n')}\n`);
    }
    await this.personalCsv(from, to, write);
  }

  /** The personal model's examples of the range as the CSV's second table (see PERSONAL_CSV_HEADER). */
  private async personalCsv(from: number, to: number, write: ExportWriter): Promise<void> {
    const examples = this.personalExamples(from, to);
    if (examples.length === 0) return;
    const lines = examples.map((e) =>
      [
        ...[new Date(e.t).toISOString(), e.t, e.modality, e.source, e.label, e.weight].map(csvField),
        csvText(e.group),
        ...EMOTIONS.map((l) => csvField(e.probs[l])),
      ].join(','),
    );
    await write(`\n${PERSONAL_CSV_HEADER}\n${lines.join('\n')}\n`);
  }

  /** A few hundred rows at most (a calibration, corrections, check-ins): read at once. */
  private personalExamples(from: number, to: number): StoredExample[] {
    return this.personal.examples().filter((e) => e.t >= from && e.t < to);
  }

  private async json(from: number, to: number, write: ExportWriter, pageSize: number, now: number): Promise<void> {
    await write(`{"exportedAt":${now},"range":${JSON.stringify({ from, to })},"samples":[`);
    let first = true;
    for (const page of this.samples(from, to, pageSize)) {
      await write((first ? '' : ',') + page.map((s) => JSON.stringify(s)).join(','));
      first = false;
    }
    await write('],"rollups":[');
    first = true;
    for (let start = from; ;) {
      const rows = guard('export mood history', () => this.rollupPage.all({ from: start, to, limit: pageSize }));
      if (rows.length > 0)
        await write((first ? '' : ',') + rows.map((r) => JSON.stringify(fromRollupRow(r))).join(','));
      first &&= rows.length === 0;
      const last = rows.at(-1);
      if (rows.length < pageSize || last === undefined) break;
      start = last.minute + 1;
    }
    // Prompts, events and check-ins are a few a day: a year of them is small enough to read at once.
    await write(`],"prompts":${JSON.stringify(guard('export prompts', () => this.prompts.range(from, to)))}`);
    await write(`,"events":${JSON.stringify(this.events.range(from, to))}`);
    await write(`,"checkIns":${JSON.stringify(this.checkIns.range(from, to))}`);
    await write(`,"personal":${JSON.stringify(this.personalPart(from, to))}}`);
  }

  /**
   * The personal model's examples of the range (numbers only) and the models fitted now: what Attune learnt of
   * the person is theirs to take too. A model that cannot be read is exported as it is stored.
   */
  private personalPart(from: number, to: number): { examples: unknown[]; models: unknown[] } {
    const examples = this.personalExamples(from, to);
    const models = (['face', 'voice'] as const).flatMap((m) => {
      const stored = this.personal.model(m);
      return stored ? [{ modality: m, fittedAt: stored.fittedAt, model: stored.json ?? null }] : [];
    });
    return { examples, models };
  }
}
