import type { Database, Statement } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import { dayRange, MINUTE_MS, QUARTER_MS, type LocalCalendar } from '../../shared/history';
import { guard } from './errors';
import { RollupStore } from './rollups';

/** The history tables, children first (check-ins point at samples). */
const HISTORY_TABLES = ['check_ins', 'samples', 'rollups', 'rollup_quarters', 'prompts', 'events'] as const;
/**
 * What the person taught the personal model (migration 0004): derived from their own moments, so "delete all"
 * removes it with the same secure delete, not left for a later plain DELETE that the WAL would still hold.
 */
const PERSONAL_TABLES = ['personal_examples', 'personal_models'] as const;
/** Everything "delete all" empties; the settings last, so the tables kept with them are a prefix. */
const ALL_TABLES = [...HISTORY_TABLES, ...PERSONAL_TABLES, 'settings'] as const;
const ALL_BUT_SETTINGS = [...HISTORY_TABLES, ...PERSONAL_TABLES] as const;

/** What a day or range deletes: the history, and what the person said they felt then (see personal_examples). */
const RANGED_TABLES = [...HISTORY_TABLES, 'personal_examples'] as const;

/** Deletes a table's rows in [@from, @to). */
const RANGE_DELETES: Readonly<Record<(typeof RANGED_TABLES)[number], string>> = {
  check_ins:
    'DELETE FROM check_ins WHERE (t >= @from AND t < @to) ' +
    'OR sample_id IN (SELECT id FROM samples WHERE t >= @from AND t < @to)',
  samples: 'DELETE FROM samples WHERE t >= @from AND t < @to',
  // A minute's rollup goes when the range touches any of it: it summarises deleted samples.
  rollups: `DELETE FROM rollups WHERE minute > @from - ${MINUTE_MS} AND minute < @to`,
  // Quarters touching the range are rebuilt from the minutes left (see RollupStore.rebuildQuarters).
  rollup_quarters: `DELETE FROM rollup_quarters WHERE quarter > @from - ${QUARTER_MS} AND quarter < @to`,
  prompts: 'DELETE FROM prompts WHERE t >= @from AND t < @to',
  events: 'DELETE FROM events WHERE t >= @from AND t < @to',
  // A correction's or check-in's example says how the person felt at that moment, so it goes with the day. A
  // calibration example is a posed expression, taught on purpose: it stays until the personal model is reset or
  // everything is deleted. The personal service then refits from the examples left.
  personal_examples: "DELETE FROM personal_examples WHERE t >= @from AND t < @to AND source <> 'calibration'",
};
/** A personal model none of whose examples are left goes with them (it was fitted only from them). */
const ORPHAN_MODELS = 'DELETE FROM personal_models WHERE modality NOT IN (SELECT modality FROM personal_examples)';

export interface EraseResult {
  /** Rows deleted per table. */
  deleted: Record<string, number>;
  /** True when the WAL was emptied into the database file and truncated, so no deleted row is left in it. */
  walTruncated: boolean;
}

interface Range {
  from: number;
  to: number;
}

/**
 * Deletes history, immediately. `secure_delete` makes SQLite overwrite freed cells and pages with zeros, and a
 * TRUNCATE checkpoint moves every page out of the write-ahead log and empties it, so the deleted rows are in
 * neither file afterwards, without a VACUUM (which would rewrite the whole file and hold the lock for long).
 * One gap needed closing (found by erase.test.ts): a table emptied row by row keeps stale bytes in its root
 * page. Emptying a whole table with foreign keys off takes SQLite's truncate path, which zeroes the root too;
 * so deletes run with foreign keys off (check-ins are deleted explicitly, not by cascade) and every table left
 * empty is truncated that way.
 */
export class HistoryEraser {
  private readonly truncate: Statement[];
  private readonly isEmpty: Statement<[], number>[];
  private readonly deleteRange: Statement<[Range]>[];
  private readonly runAll: (withSettings: boolean) => Record<string, number>;
  private readonly runRange: (range: Range) => Record<string, number>;

  constructor(private readonly db: Database) {
    const rollups = new RollupStore(db);
    this.truncate = ALL_TABLES.map((table) => db.prepare(`DELETE FROM ${table}`));
    this.isEmpty = ALL_TABLES.map((table) =>
      db.prepare<[], number>(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck(),
    );
    this.deleteRange = RANGED_TABLES.map((table) => db.prepare<[Range]>(RANGE_DELETES[table]));
    const deleteOrphanModels = db.prepare(ORPHAN_MODELS);
    this.runAll = db.transaction((withSettings: boolean) => {
      const tables = withSettings ? ALL_TABLES : ALL_BUT_SETTINGS;
      return Object.fromEntries(tables.map((table, i) => [table, this.truncate[i]?.run().changes ?? 0]));
    });
    this.runRange = db.transaction((range: Range) => {
      const deleted: Record<string, number> = Object.fromEntries(
        RANGED_TABLES.map((table, i) => [table, this.deleteRange[i]?.run(range).changes ?? 0]),
      );
      deleted.personal_models = deleteOrphanModels.run().changes;
      // The edge minutes went with the range: rebuild the quarters they were part of from what is left.
      rollups.rebuildQuarters(range.from - MINUTE_MS, range.to + MINUTE_MS);
      this.truncate.forEach((stmt, i) => {
        if (this.isEmpty[i]?.get() === 1) stmt.run();
      });
      return deleted;
    });
  }

  /**
   * Deletes every sample, rollup, prompt, event and check-in, every personal-model example and model, and the
   * settings too unless `keepSettings` (default false: "delete all" forgets the preferences as well).
   */
  all(options: { keepSettings?: boolean } = {}): EraseResult {
    return this.secure(() => this.runAll(!(options.keepSettings ?? false)));
  }

  /** Deletes everything recorded in `from <= t < to` (unix ms), the feelings taught to the personal model included. */
  range(from: number, to: number): EraseResult {
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
      throw new AttuneError('bad-input', 'the range to delete must have a start before its end');
    }
    return this.secure(() => this.runRange({ from, to }));
  }

  /** Deletes the local day containing `t` (unix ms). */
  day(t: number, calendar: LocalCalendar): EraseResult {
    const { from, to } = dayRange(t, calendar);
    return this.range(from, to);
  }

  private secure(run: () => Record<string, number>): EraseResult {
    return guard('delete history', () => {
      // Both pragmas are per connection and must be set outside a transaction; restore them after.
      const secureDelete = this.db.pragma('secure_delete', { simple: true }) as number;
      const foreignKeys = this.db.pragma('foreign_keys', { simple: true }) as number;
      this.db.pragma('secure_delete = ON');
      this.db.pragma('foreign_keys = OFF');
      try {
        const deleted = run();
        return { deleted, walTruncated: this.checkpoint() };
      } finally {
        this.db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
        this.db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
      }
    });
  }

  private checkpoint(): boolean {
    // In-memory databases have no WAL: nothing to move.
    if (this.db.memory) return true;
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result !== undefined && result.busy === 0;
  }
}
