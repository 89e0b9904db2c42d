import type { Database, Statement } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, isEmotion } from '../../shared/labels';
import type { EmotionProbs, MoodLabel } from '../../shared/labels';
import type { DataSummary } from '../../shared/api';
import type { Modality, MoodSample, SampleSource } from '../../shared/mood';
import { guard } from './errors';

/** A `samples` row as SQLite returns it (and as the insert statement binds it). */
export interface SampleRow {
  t: number;
  source: string;
  label: string;
  valence: number;
  arousal: number;
  confidence: number;
  [probability: `p_${string}`]: number;
  [share: `share_${string}`]: number | null;
}

const SOURCES: readonly SampleSource[] = ['face', 'voice', 'text', 'fused'];
const MODALITIES: readonly Modality[] = ['face', 'voice', 'text'];
/** The columns a MoodSample is read from, for queries that join `samples`. */
export const COLUMNS = [
  't',
  'source',
  'label',
  ...EMOTIONS.map((e) => `p_${e}`),
  'valence',
  'arousal',
  'confidence',
  ...MODALITIES.map((m) => `share_${m}`),
];
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM samples`;
const INSERT = `INSERT INTO samples (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`;

function toRow(s: MoodSample): SampleRow {
  if (!Number.isSafeInteger(s.t)) throw new AttuneError('bad-input', `sample time must be integer ms, got ${s.t}`);
  if (!SOURCES.includes(s.source)) throw new AttuneError('bad-input', `unknown sample source ${String(s.source)}`);
  if (!isEmotion(s.label) && s.label !== 'unknown') {
    throw new AttuneError('bad-input', `unknown sample label ${String(s.label)}`);
  }
  const { valence, arousal, confidence } = s;
  const row: SampleRow = { t: s.t, source: s.source, label: s.label, valence, arousal, confidence };
  for (const e of EMOTIONS) row[`p_${e}`] = s.probs[e];
  for (const [name, value] of Object.entries(row)) {
    // SQLite would store NaN as NULL; say which number was wrong instead of failing on NOT NULL.
    if (typeof value !== 'string' && !Number.isFinite(value)) {
      throw new AttuneError('bad-input', `sample ${name} must be a finite number`);
    }
  }
  for (const m of MODALITIES) {
    const share = s.shares?.[m] ?? null;
    if (share !== null && !(share >= 0 && share <= 1)) {
      throw new AttuneError('bad-input', `sample share of ${m} must be a number from 0 to 1`);
    }
    row[`share_${m}`] = share;
  }
  return row;
}

export function fromRow(row: SampleRow): MoodSample {
  const probs = {} as EmotionProbs;
  for (const e of EMOTIONS) probs[e] = row[`p_${e}`] ?? 0;
  // The table's CHECK constraints already guarantee these; the fallbacks only satisfy the types.
  const source = SOURCES.find((s) => s === row.source) ?? 'fused';
  const label: MoodLabel = isEmotion(row.label) ? row.label : 'unknown';
  const s: MoodSample = {
    t: row.t,
    source,
    label,
    probs,
    valence: row.valence,
    arousal: row.arousal,
    confidence: row.confidence,
  };
  const [face, voice, text] = MODALITIES.map((m) => row[`share_${m}`] ?? null);
  // Shares are written together or not at all; rows from before migration 3 have none.
  if (face != null && voice != null && text != null) s.shares = { face, voice, text };
  return s;
}

/** Stored mood estimates: numbers only, one row per sample. Statements are prepared once, here. */
export class SampleStore {
  private readonly insertRows: (rows: readonly SampleRow[]) => number[];
  private readonly selectRange: Statement<[number, number], SampleRow>;
  private readonly selectRangeOf: Statement<[string, number, number], SampleRow>;
  private readonly selectLatest: Statement<[], SampleRow>;
  private readonly selectLatestOf: Statement<[string], SampleRow>;
  private readonly selectCount: Statement<[], number>;
  private readonly selectSummary: Statement<[], { source: string; n: number; first: number; last: number }>;

  constructor(db: Database) {
    const insertOne = db.prepare<[SampleRow]>(INSERT);
    this.insertRows = db.transaction((rows: readonly SampleRow[]) =>
      rows.map((row) => Number(insertOne.run(row).lastInsertRowid)),
    );
    this.selectRange = db.prepare(`${SELECT} WHERE t >= ? AND t < ? ORDER BY t, id`);
    this.selectRangeOf = db.prepare(`${SELECT} WHERE source = ? AND t >= ? AND t < ? ORDER BY t, id`);
    this.selectLatest = db.prepare(`${SELECT} ORDER BY t DESC, id DESC LIMIT 1`);
    this.selectLatestOf = db.prepare(`${SELECT} WHERE source = ? ORDER BY t DESC, id DESC LIMIT 1`);
    this.selectCount = db.prepare<[], number>('SELECT count(*) FROM samples').pluck();
    this.selectSummary = db.prepare(
      'SELECT source, count(*) AS n, min(t) AS first, max(t) AS last FROM samples GROUP BY source',
    );
  }

  /**
   * Appends samples in one transaction: all are written or none. Returns their row ids, in order.
   * @throws AttuneError `bad-input` for a malformed sample (checked before anything is written),
   *   `disk-full`, `data-folder-read-only` or `database-unreadable` when the file cannot be written.
   */
  insert(samples: readonly MoodSample[]): number[] {
    const rows = samples.map(toRow);
    return rows.length > 0 ? guard('save mood samples', () => this.insertRows(rows)) : [];
  }

  /** Samples with `from <= t < to` (unix ms), oldest first; only those of `source` when given. */
  range(from: number, to: number, source?: SampleSource): MoodSample[] {
    const rows = guard('read mood history', () =>
      source === undefined ? this.selectRange.all(from, to) : this.selectRangeOf.all(source, from, to),
    );
    return rows.map(fromRow);
  }

  count(): number {
    return guard('read mood history', () => this.selectCount.get() ?? 0);
  }

  /** How many samples each source has, and the first and last sample's time (null when there is none). */
  summary(): DataSummary {
    const rows = guard('read mood history', () => this.selectSummary.all());
    const bySource: Record<SampleSource, number> = { face: 0, voice: 0, text: 0, fused: 0 };
    for (const row of rows) {
      const source = SOURCES.find((s) => s === row.source);
      if (source) bySource[source] = row.n;
    }
    const times = (pick: (row: (typeof rows)[number]) => number): number[] => rows.map(pick);
    return {
      samples: rows.reduce((sum, row) => sum + row.n, 0),
      bySource,
      first: rows.length > 0 ? Math.min(...times((r) => r.first)) : null,
      last: rows.length > 0 ? Math.max(...times((r) => r.last)) : null,
    };
  }

  /** The most recent sample (by time, then insertion order), only of `source` when given; null when none. */
  latest(source?: SampleSource): MoodSample | null {
    const row = guard('read mood history', () =>
      source === undefined ? this.selectLatest.get() : this.selectLatestOf.get(source),
    );
    return row === undefined ? null : fromRow(row);
  }
}
