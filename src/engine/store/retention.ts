import type { Database, Statement } from 'better-sqlite3';
import { DAY_MS, DEFAULT_RETENTION, MINUTE_MS, retentionProblem, type RetentionSettings } from '../../shared/history';
import { guard } from './errors';
import { RollupStore } from './rollups';
import type { SettingsStore } from './settings';

export interface RetentionOptions {
  /** Raw samples deleted per step, each step its own transaction (default 4000 rows, a few ms of work). */
  batchSize?: number;
}

/** The settings key retention lives under. */
export const RETENTION_KEY = 'retention';

/** Stored retention settings merged over the defaults; a stored value that is no longer valid is ignored. */
export function readRetention(settings: SettingsStore): RetentionSettings {
  const stored = settings.get<Partial<RetentionSettings> | null>(RETENTION_KEY, null);
  if (stored === null || retentionProblem(stored) !== null) return { ...DEFAULT_RETENTION };
  return { ...DEFAULT_RETENTION, ...stored };
}

/**
 * Prunes raw samples older than the retention period, a batch at a time so the engine's event loop never waits
 * long: call {@link pruneStep} until it returns false, yielding between calls (see {@link pruneAll}).
 * The fused minutes are rolled up before their raw rows go; rollups are kept until the person deletes them.
 * A sample a check-in points at is kept with its check-in: it is the reading of the person's own note.
 */
export class Pruner {
  private readonly rollups: RollupStore;
  private readonly deleteBatch: Statement<[number, number]>;
  private readonly batchSize: number;

  constructor(db: Database, options: RetentionOptions = {}) {
    this.batchSize = Math.max(1, Math.round(options.batchSize ?? 4000));
    this.rollups = new RollupStore(db);
    this.deleteBatch = db.prepare(`
      DELETE FROM samples WHERE id IN (
        SELECT id FROM samples
        WHERE t < ? AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.sample_id = samples.id)
        ORDER BY t LIMIT ?
      )`);
  }

  /** Raw samples before this instant (unix ms, a minute boundary) are due for pruning at `now`. */
  static cutoff(now: number, rawDays: number): number {
    return Math.floor((now - rawDays * DAY_MS) / MINUTE_MS) * MINUTE_MS;
  }

  /**
   * One short step: rolls up a day of fused samples older than the cutoff while any are left un-rolled, and only
   * then deletes a batch of raw samples older than `rawDays` before `now` (unix ms).
   * Returns true when more may be left, false when this step finished the job.
   */
  pruneStep(now: number, rawDays: number): boolean {
    const cutoff = Pruner.cutoff(now, rawDays);
    if (this.rollups.refreshStep(cutoff)) return true;
    const deleted = guard('prune old samples', () => this.deleteBatch.run(cutoff, this.batchSize).changes);
    return deleted === this.batchSize;
  }

  /**
   * Runs steps until done, awaiting `pause` between them (default: the next turn of the event loop, so
   * ingest and API calls run in between). Returns the number of steps taken.
   */
  async pruneAll(now: number, rawDays: number, pause: () => Promise<void> = nextTurn): Promise<number> {
    let steps = 1;
    while (this.pruneStep(now, rawDays)) {
      await pause();
      steps++;
    }
    return steps;
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
