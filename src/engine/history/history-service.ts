/**
 * The engine's side of the mood history: the Today, Trends and Explain reads, export to a file, deletion, and
 * the background upkeep (roll-ups and pruning). It owns the history stores; engine requests reach it through
 * engine-routes.ts.
 */
import type { Database } from 'better-sqlite3';
import type { TimeRange } from '../../shared/api';
import type { Clock } from '../../shared/clock';
import type { LogLevel } from '../../shared/engine-protocol';
import { AttuneError } from '../../shared/envelope';
import { MINUTE_MS, MOOD_LABELS, systemCalendar, type LocalCalendar, type MinuteRollup } from '../../shared/history';
import type {
  DayHistory,
  DeleteScope,
  DeleteSummary,
  Explanation,
  ExportFormat,
  HeatmapDay,
  Trends,
} from '../../shared/history-api';
import { deleteScopeProblem, isExportFormat, rangeProblem } from '../../shared/history-validate';
import type { DataSummary } from '../../shared/api';
import type { MoodSample } from '../../shared/mood';
import type { CheckIn } from '../../shared/text-input';
import { AppSettings } from '../settings/app-settings';
import { writeExportFile } from './export-file';
import { HistoryUpkeep } from './history-upkeep';
import { HistoryEraser } from '../store/erase';
import { EventStore } from '../store/events';
import { HistoryExporter } from '../store/export';
import { PromptStore } from '../store/prompts';
import { Pruner } from '../store/retention';
import { RollupStore } from '../store/rollups';
import { SampleStore } from '../store/samples';
import type { SettingsStore } from '../store/settings';
import { TrendStore } from '../store/trends';
import type { ServiceRoutes } from '../core/service-routes';

export interface HistoryServiceDeps {
  db: Database;
  /** The engine's clock: "now" for the live minute, the upkeep's rounds and the export's stamp. */
  clock: Clock;
  settings: SettingsStore;
  /** Check-ins, read for the Today view (the TextIntake's CheckInStore). */
  checkIns: { range(from: number, to: number): CheckIn[] };
  log: (level: LogLevel, message: string) => void;
  /** Where local days fall, for deleting a day and for trends (default: this machine's zone). */
  calendar?: LocalCalendar;
  /** Upkeep options: clock time between rounds, ms (default 60 000), and how steps are deferred (setImmediate). */
  upkeepEveryMs?: number;
  defer?: (step: () => void) => void;
  /** Raw samples deleted per pruning step (default 4000). */
  pruneBatchSize?: number;
}

/** Explain looks this far either side of the instant for samples, ms, and for a prompt. */
const EXPLAIN_SAMPLES_MS = 30_000;
const EXPLAIN_PROMPT_MS = 60_000;

export class HistoryService {
  readonly settings: AppSettings;
  readonly upkeep: HistoryUpkeep;
  private readonly samples: SampleStore;
  private readonly rollups: RollupStore;
  private readonly prompts: PromptStore;
  private readonly events: EventStore;
  private readonly exporter: HistoryExporter;
  private readonly eraser: HistoryEraser;
  private readonly calendar: LocalCalendar;
  private readonly trendStore: TrendStore;

  constructor(private readonly deps: HistoryServiceDeps) {
    const { db } = deps;
    this.settings = new AppSettings(deps.settings);
    this.samples = new SampleStore(db);
    this.rollups = new RollupStore(db);
    this.prompts = new PromptStore(db);
    this.events = new EventStore(db);
    this.exporter = new HistoryExporter(db);
    this.eraser = new HistoryEraser(db);
    this.calendar = deps.calendar ?? systemCalendar;
    this.trendStore = new TrendStore(db, this.calendar);
    this.upkeep = new HistoryUpkeep({
      clock: deps.clock,
      rollups: this.rollups,
      pruner: new Pruner(db, { batchSize: deps.pruneBatchSize }),
      rawDays: () => this.settings.retention().rawDays,
      log: deps.log,
      everyMs: deps.upkeepEveryMs,
      defer: deps.defer,
    });
  }

  /** The engine's 1 Hz beat. */
  tick(): void {
    this.upkeep.tick();
  }

  /** Rolled-up minutes, the current minute computed live, prompts, events and check-ins of a range. */
  dayHistory(range: TimeRange): DayHistory {
    checkRange(range);
    const { from, to } = range;
    const now = this.catchUp();
    const rollups = this.rollups.range(from, to);
    const current = floorMinute(now);
    if (current >= from && current < to && (rollups.at(-1)?.minute ?? -Infinity) < current) {
      const live = this.minuteFromSamples(current);
      if (live) rollups.push(live);
    }
    return {
      rollups,
      prompts: this.prompts.range(from, to),
      events: this.events.range(from, to),
      checkIns: this.deps.checkIns.range(from, to),
    };
  }

  trends(range: TimeRange): Trends {
    checkRange(range);
    this.catchUp();
    const { from, to } = range;
    const t = this.trendStore;
    return { days: t.byDay(from, to), hours: t.byHourOfDay(from, to), breaks: t.breakOutcomes(from, to) };
  }

  heatmap(range: TimeRange): HeatmapDay[] {
    checkRange(range);
    this.catchUp();
    return this.trendStore.heatmap(range.from, range.to);
  }

  /** Samples of every source within ±30 s of `t`, the prompt nearest `t` within ±1 min, and `t`'s minute. */
  explainAt(t: number): Explanation {
    if (!Number.isFinite(t)) throw new AttuneError('bad-input', 'explain needs a time in ms');
    const samples = this.samples.range(t - EXPLAIN_SAMPLES_MS, t + EXPLAIN_SAMPLES_MS + 1);
    const near = this.prompts.range(t - EXPLAIN_PROMPT_MS, t + EXPLAIN_PROMPT_MS + 1);
    const prompt = near.reduce<(typeof near)[number] | null>(
      (best, p) => (best === null || Math.abs(p.t - t) < Math.abs(best.t - t) ? p : best),
      null,
    );
    const minute = floorMinute(t);
    const rollup = this.rollups.range(minute, minute + 1)[0] ?? this.minuteFromSamples(minute);
    return { t, samples, prompt, rollup };
  }

  /** Streams an export of `range` (everything when undefined) into `path`; see writeExportFile. */
  async writeExport(format: ExportFormat, range: TimeRange | undefined, path: string): Promise<{ bytes: number }> {
    if (!isExportFormat(format)) throw new AttuneError('bad-input', 'export as csv or json');
    if (range !== undefined) checkRange(range);
    const whole = { from: 0, to: Number.MAX_SAFE_INTEGER };
    return writeExportFile(this.exporter, format, range ?? whole, path, this.deps.clock.now());
  }

  /** Deletes at once; "all" keeps the settings (the engine resets the baseline itself). */
  deleteHistory(scope: DeleteScope): DeleteSummary {
    const problem = deleteScopeProblem(scope);
    if (problem !== null) throw new AttuneError('bad-input', problem);
    const result =
      scope.kind === 'all'
        ? this.eraser.all({ keepSettings: true })
        : scope.kind === 'day'
          ? this.eraser.day(scope.t, this.calendar)
          : this.eraser.range(scope.from, scope.to);
    this.deps.log('info', `history deleted (${scope.kind})`);
    return { deleted: result.deleted };
  }

  /** Rolls up finished minutes (at most a day of them: a longer backlog is the upkeep's). Returns now. */
  private catchUp(): number {
    const now = this.deps.clock.now();
    this.rollups.refreshStep(now);
    return now;
  }

  /** What is stored now: raw readings by source, the first and the last. */
  dataSummary(): DataSummary {
    return this.samples.summary();
  }

  /** A minute's rollup computed from its raw fused samples (the current minute, or one not yet rolled up). */
  private minuteFromSamples(minute: number): MinuteRollup | null {
    const fused = this.samples.range(minute, minute + MINUTE_MS, 'fused');
    return fused.length === 0 ? null : summarise(minute, fused);
  }
}

export function summarise(minute: number, fused: readonly MoodSample[]): MinuteRollup {
  const counts = Object.fromEntries(MOOD_LABELS.map((l) => [l, 0])) as MinuteRollup['counts'];
  for (const s of fused) counts[s.label] += 1;
  const mean = (pick: (s: MoodSample) => number): number => fused.reduce((sum, s) => sum + pick(s), 0) / fused.length;
  return {
    minute,
    n: fused.length,
    counts,
    valence: mean((s) => s.valence),
    arousal: mean((s) => s.arousal),
    confidence: mean((s) => s.confidence),
  };
}

const floorMinute = (t: number): number => Math.floor(t / MINUTE_MS) * MINUTE_MS;

function checkRange(range: TimeRange): void {
  const problem = rangeProblem(range);
  if (problem !== null) throw new AttuneError('bad-input', problem);
}

/** The history reads and the settings it keeps (export, deletion and retention change the live state too, so the Engine answers those): the engine requests HistoryService answers as it stands (engine-routes.ts). */
export const HISTORY_ROUTES = {
  getDayHistory: (history, range) => history.dayHistory(range),
  getTrends: (history, range) => history.trends(range),
  getHeatmap: (history, range) => history.heatmap(range),
  explainAt: (history, t) => history.explainAt(t),
  getRetention: (history) => history.settings.retention(),
  getDataSummary: (history) => history.dataSummary(),
  getSensorSettings: (history) => history.settings.sensors(),
  setSensorSettings: (history, patch) => history.settings.setSensors(patch),
  getFirstRun: (history) => history.settings.firstRun(),
  completeFirstRun: (history, sensors) => history.settings.completeFirstRun(sensors),
} satisfies ServiceRoutes<HistoryService>;
