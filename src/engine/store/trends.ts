import type { Database, Statement } from 'better-sqlite3';
import {
  DAY_MS,
  dayStart,
  dayStarts,
  HOUR_MS,
  offsetSegments,
  sharesOf,
  systemCalendar,
  type BreakOutcomeSummary,
  type DayTrend,
  type HourOfDayTrend,
  type LocalCalendar,
} from '../../shared/history';
import type { HeatmapDay } from '../../shared/history-api';
import { EMOTIONS, type Emotion } from '../../shared/labels';
import { guard } from './errors';

/**
 * Trends read `rollup_quarters` and let SQLite do the grouping, so a year returns a few hundred rows rather
 * than ~12 000 (turning rows into JavaScript objects is what costs). Local days and hours come from the
 * injected calendar: the range is cut where its UTC offset changes, and within each piece local time is
 * t + offset, exactly, because offsets are whole quarter-hours. Ranges have quarter-hour resolution: a quarter
 * counts when it starts in [from, to).
 */
interface GroupRow {
  /** Local day number since 1970 (byDay, heatmap) or local hour 0…23 (byHourOfDay). */
  k: number;
  n: number;
  /** Sum of valence × n, so that means weight each minute by its samples. */
  v: number;
  [count: `n_${string}`]: number;
}

interface Params {
  from: number;
  to: number;
  offset: number;
}

// better-sqlite3 binds every JS number as REAL: the CAST keeps the day and hour arithmetic integral.
const COUNTS = EMOTIONS.map((e) => `sum(n_${e}) AS n_${e}`).join(', ');
const WHERE = 'FROM rollup_quarters WHERE quarter >= @from AND quarter < @to';
const BY_DAY = `SELECT (quarter + CAST(@offset AS INTEGER)) / ${DAY_MS} AS k, sum(n) AS n, sum(valence * n) AS v, ${COUNTS}
  ${WHERE} GROUP BY k`;
const HEAT = `SELECT (quarter + CAST(@offset AS INTEGER)) / ${DAY_MS} AS k, sum(n) AS n, sum(valence * n) AS v ${WHERE} GROUP BY k`;
const BY_HOUR = `SELECT ((quarter + CAST(@offset AS INTEGER)) % ${DAY_MS}) / ${HOUR_MS} AS k, sum(n) AS n, sum(valence * n) AS v,
  ${COUNTS} ${WHERE} GROUP BY k`;

const BREAKS = `
  SELECT count(*) AS prompts,
    coalesce(sum(action IN ('breathe', 'stretch')), 0) AS breaks,
    coalesce(sum(action IN ('breathe', 'stretch') AND recovered = 1), 0) AS recovered,
    coalesce(sum(action IN ('breathe', 'stretch') AND recovered = 0), 0) AS notRecovered,
    coalesce(sum(action IN ('breathe', 'stretch') AND recovered IS NULL), 0) AS unknown
  FROM prompts WHERE t >= ? AND t < ?`;

interface Bucket {
  n: number;
  v: number;
  counts: Record<Emotion, number>;
}

const emptyBucket = (): Bucket => ({
  n: 0,
  v: 0,
  counts: Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>,
});

function addRow(bucket: Bucket, row: GroupRow): void {
  bucket.n += row.n;
  bucket.v += row.v;
  for (const e of EMOTIONS) bucket.counts[e] += row[`n_${e}`] ?? 0;
}

const meanValence = (b: Bucket): number | null => (b.n > 0 ? b.v / b.n : null);

/** Trend queries for the dashboard, all from rollups and prompts: never a scan of raw samples or minutes. */
export class TrendStore {
  private readonly byDayStmt: Statement<[Params], GroupRow>;
  private readonly heatStmt: Statement<[Params], GroupRow>;
  private readonly byHourStmt: Statement<[Params], GroupRow>;
  private readonly breaks: Statement<[number, number], BreakOutcomeSummary>;

  /** @param calendar where local days and hours fall; default the machine's zone. */
  constructor(
    db: Database,
    private readonly calendar: LocalCalendar = systemCalendar,
  ) {
    this.byDayStmt = db.prepare(BY_DAY);
    this.heatStmt = db.prepare(HEAT);
    this.byHourStmt = db.prepare(BY_HOUR);
    this.breaks = db.prepare(BREAKS);
  }

  /** Runs a grouped query on each constant-offset piece of [from, to), with the piece's offset. */
  private grouped(stmt: Statement<[Params], GroupRow>, from: number, to: number) {
    return guard('read mood trends', () =>
      offsetSegments(from, to, this.calendar).map((s) => ({
        segment: s,
        rows: stmt.all({ from: s.from, to: s.to, offset: s.offsetMs }),
      })),
    );
  }

  /** Every local day of [from, to), empty ones with n = 0. */
  private perDay(stmt: Statement<[Params], GroupRow>, from: number, to: number) {
    const days = dayStarts(from, to, this.calendar);
    const buckets = new Map(days.map((d) => [d, emptyBucket()]));
    for (const { segment, rows } of this.grouped(stmt, from, to)) {
      for (const row of rows) {
        // Local midnight of day k under this piece's offset, moved into the piece on the day the offset changed.
        const inDay = Math.max(segment.from, row.k * DAY_MS - segment.offsetMs);
        const bucket = buckets.get(dayStart(inDay, this.calendar));
        if (bucket !== undefined) addRow(bucket, row);
      }
    }
    return days.map((day) => ({ day, bucket: buckets.get(day) ?? emptyBucket() }));
  }

  /** Emotion shares and mean valence per local day in [from, to) (unix ms): the week and month views. */
  byDay(from: number, to: number): DayTrend[] {
    return this.perDay(this.byDayStmt, from, to).map(({ day, bucket }) => ({
      day,
      n: bucket.n,
      ...sharesOf(bucket.counts),
      meanValence: meanValence(bucket),
    }));
  }

  /** Samples and mean valence per local day in [from, to): the calendar heatmap (a year is 365 cells). */
  heatmap(from: number, to: number): HeatmapDay[] {
    return this.perDay(this.heatStmt, from, to).map(({ day, bucket }) => ({
      day,
      n: bucket.n,
      meanValence: meanValence(bucket),
    }));
  }

  /** Emotion shares and mean valence by local hour of the day (24 entries, 0…23) over [from, to). */
  byHourOfDay(from: number, to: number): HourOfDayTrend[] {
    const hours = Array.from({ length: 24 }, emptyBucket);
    for (const { rows } of this.grouped(this.byHourStmt, from, to)) {
      for (const row of rows) {
        const bucket = hours[row.k];
        if (bucket !== undefined) addRow(bucket, row);
      }
    }
    return hours.map((b, hour) => ({ hour, n: b.n, ...sharesOf(b.counts), meanValence: meanValence(b) }));
  }

  /** Did breaks help? Prompts shown in [from, to) and what followed. */
  breakOutcomes(from: number, to: number): BreakOutcomeSummary {
    const row = guard('read break outcomes', () => this.breaks.get(from, to));
    return row ?? { prompts: 0, breaks: 0, recovered: 0, notRecovered: 0, unknown: 0 };
  }
}
