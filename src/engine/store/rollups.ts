import type { Database, Statement } from 'better-sqlite3';
import { DAY_MS, MINUTE_MS, MOOD_LABELS, QUARTER_MS, type LabelCounts, type MinuteRollup } from '../../shared/history';
import { guard } from './errors';

/** A `rollups` row as SQLite returns it. */
export interface RollupRow {
  minute: number;
  n: number;
  valence: number;
  arousal: number;
  confidence: number;
  [count: `n_${string}`]: number;
}

const COUNT_COLUMNS = MOOD_LABELS.map((l) => `n_${l}`);
const VALUE_COLUMNS = ['n', ...COUNT_COLUMNS, 'valence', 'arousal', 'confidence'];
export const ROLLUP_COLUMNS = ['minute', ...VALUE_COLUMNS];

/**
 * One statement rolls up every complete minute after the last one already rolled up. The parameter is the end
 * of the last complete minute. Only 'fused' samples count: per-modality rows are raw detail for "explain".
 */
const REFRESH = `
  INSERT INTO rollups (${ROLLUP_COLUMNS.join(', ')})
  SELECT (t / ${MINUTE_MS}) * ${MINUTE_MS} AS m, count(*),
    ${MOOD_LABELS.map((l) => `sum(label = '${l}')`).join(', ')},
    avg(valence), avg(arousal), avg(confidence)
  FROM samples
  WHERE source = 'fused' AND t >= coalesce((SELECT max(minute) FROM rollups) + ${MINUTE_MS}, 0) AND t < ?
  GROUP BY m`;

/** Recomputes the quarter-hours in [?, ?) (quarter-aligned) from their minutes; n-weighted means. */
const REBUILD_QUARTERS = `
  INSERT OR REPLACE INTO rollup_quarters (quarter, ${VALUE_COLUMNS.join(', ')})
  SELECT (minute / ${QUARTER_MS}) * ${QUARTER_MS} AS q, sum(n),
    ${COUNT_COLUMNS.map((c) => `sum(${c})`).join(', ')},
    sum(valence * n) / sum(n), sum(arousal * n) / sum(n), sum(confidence * n) / sum(n)
  FROM rollups WHERE minute >= ? AND minute < ?
  GROUP BY q`;

export function fromRollupRow(row: RollupRow): MinuteRollup {
  const counts = {} as LabelCounts;
  for (const l of MOOD_LABELS) counts[l] = row[`n_${l}`] ?? 0;
  const { minute, n, valence, arousal, confidence } = row;
  return { minute, n, counts, valence, arousal, confidence };
}

const quarterFloor = (t: number): number => Math.floor(t / QUARTER_MS) * QUARTER_MS;
const quarterCeil = (t: number): number => Math.ceil(t / QUARTER_MS) * QUARTER_MS;

/**
 * Per-minute aggregates of the fused mood: what the Today timeline and every trend read, and what survives
 * when raw samples are pruned; plus their quarter-hour sums, kept in step, for long trends. Samples written for
 * a minute that was already rolled up are not counted, so callers refresh only up to minutes they have finished
 * writing (the engine writes fused samples live).
 */
export class RollupStore {
  private readonly refreshBoth: (end: number) => number;
  private readonly rebuild: Statement<[number, number]>;
  private readonly deleteQuarters: Statement<[number, number]>;
  private readonly selectRange: Statement<[number, number], RollupRow>;
  private readonly selectLast: Statement<[], number | null>;
  private readonly selectNextFused: Statement<[number], number | null>;

  constructor(db: Database) {
    const refreshMinutes = db.prepare<[number]>(REFRESH);
    this.rebuild = db.prepare(REBUILD_QUARTERS);
    this.deleteQuarters = db.prepare('DELETE FROM rollup_quarters WHERE quarter >= ? AND quarter < ?');
    this.selectRange = db.prepare(
      `SELECT ${ROLLUP_COLUMNS.join(', ')} FROM rollups WHERE minute >= ? AND minute < ? ORDER BY minute`,
    );
    this.selectLast = db.prepare<[], number | null>('SELECT max(minute) FROM rollups').pluck();
    this.selectNextFused = db
      .prepare<[number], number | null>("SELECT min(t) FROM samples WHERE source = 'fused' AND t >= ?")
      .pluck();
    this.refreshBoth = db.transaction((end: number) => {
      const before = this.selectLast.get() ?? null;
      const added = refreshMinutes.run(end).changes;
      // Only the quarter that held the last old minute can have been partly rolled up before.
      if (added > 0) this.rebuild.run(quarterFloor(before === null ? 0 : before + MINUTE_MS), quarterCeil(end));
      return added;
    });
  }

  /**
   * Rolls up the fused samples of every complete minute before `upTo` (unix ms) not yet rolled up, and the
   * quarter-hours they fall in. Idempotent: a second call with the same `upTo` adds nothing.
   * Returns the number of minutes added.
   */
  refresh(upTo: number): number {
    const end = Math.floor(upTo / MINUTE_MS) * MINUTE_MS;
    return guard('summarise mood history', () => this.refreshBoth(end));
  }

  /**
   * Like {@link refresh}, but rolls up at most `spanMs` of history (default one day: a few hundred ms at 1 Hz on
   * a slow machine), starting at the first fused sample not yet rolled up. For catching up on a long history
   * (the first run after migration 3) without blocking: call it until it returns false, yielding in between.
   * Returns true when more may be left before `upTo`.
   */
  refreshStep(upTo: number, spanMs: number = DAY_MS): boolean {
    const end = Math.floor(upTo / MINUTE_MS) * MINUTE_MS;
    const last = this.lastMinute();
    const from = last === null ? 0 : last + MINUTE_MS;
    const next = guard('read mood history', () => this.selectNextFused.get(from) ?? null);
    if (next === null || next >= end) return false;
    const stepEnd = Math.min(end, Math.floor(next / MINUTE_MS) * MINUTE_MS + Math.max(MINUTE_MS, spanMs));
    this.refresh(stepEnd);
    return stepEnd < end;
  }

  /**
   * Recomputes the quarter-hours touching [from, to) from the minutes left, after minutes were deleted.
   * Call it inside the transaction that deleted them.
   */
  rebuildQuarters(from: number, to: number): void {
    const start = quarterFloor(from);
    const end = quarterCeil(to);
    guard('summarise mood history', () => {
      this.deleteQuarters.run(start, end);
      this.rebuild.run(start, end);
    });
  }

  /** Rolled-up minutes starting in `from <= minute < to` (unix ms), oldest first. */
  range(from: number, to: number): MinuteRollup[] {
    return guard('read mood history', () => this.selectRange.all(from, to)).map(fromRollupRow);
  }

  /** Start of the last rolled-up minute, or null when none. */
  lastMinute(): number | null {
    return guard('read mood history', () => this.selectLast.get() ?? null);
  }
}
