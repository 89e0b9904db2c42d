/**
 * GET /v1/mood/history's rows: the fused mood's rollups (minutes, or quarter-hours for longer spans), never raw
 * samples. Each row names its most frequent label, so a client need not know the count columns.
 */
import type { Database, Statement } from 'better-sqlite3';
import { AttuneError } from '../../shared/envelope';
import { MAX_FEED_HISTORY_MS, type FeedHistoryPoint, type FeedResolution } from '../../shared/feed';
import { MOOD_LABELS } from '../../shared/history';
import type { MoodLabel } from '../../shared/labels';
import { guard } from '../store/errors';

type Row = { t: number; n: number; valence: number; arousal: number; confidence: number } & Record<string, number>;

const COUNTS = MOOD_LABELS.map((l) => `n_${l}`).join(', ');

function point(row: Row): FeedHistoryPoint {
  let label: MoodLabel = 'unknown';
  let most = -1;
  // Ties go to the earlier label, as argmaxLabel does.
  for (const l of MOOD_LABELS) {
    const count = row[`n_${l}`] ?? 0;
    if (count > most) {
      most = count;
      label = l;
    }
  }
  const { t, n, valence, arousal, confidence } = row;
  return { t, n, label, valence, arousal, confidence };
}

export class FeedHistory {
  private readonly select: Record<FeedResolution, Statement<[number, number], Row>>;

  constructor(db: Database) {
    const query = (table: string, column: string): Statement<[number, number], Row> =>
      db.prepare<[number, number], Row>(
        `SELECT ${column} AS t, n, ${COUNTS}, valence, arousal, confidence FROM ${table}
         WHERE ${column} >= ? AND ${column} < ? ORDER BY ${column}`,
      );
    this.select = { minute: query('rollups', 'minute'), quarter: query('rollup_quarters', 'quarter') };
  }

  /** Periods starting in [from, to), oldest first. */
  range(from: number, to: number, resolution: FeedResolution): FeedHistoryPoint[] {
    if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
      throw new AttuneError('bad-input', 'from must be a time before to (Unix ms)');
    }
    if (to - from > MAX_FEED_HISTORY_MS[resolution]) {
      throw new AttuneError('bad-input', `at most ${MAX_FEED_HISTORY_MS[resolution] / 86_400_000} days per request`);
    }
    return guard('read mood history', () => this.select[resolution].all(from, to)).map(point);
  }
}
