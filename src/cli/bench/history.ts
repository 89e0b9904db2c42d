/**
 * History store figures for `bench`: batched insert throughput of fused samples and the time of each dashboard
 * query, on a synthetic history (default a year of 8 h days at 1 Hz, about 10.5 million samples) written to a
 * real database file opened as the app opens it (WAL, 0600). Reports medians and p95s; never asserts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dayRange, DAY_MS, HOUR_MS, systemCalendar, type LocalCalendar } from '../../shared/history';
import { valenceArousal } from '../../engine/mood/affect';
import { EMOTIONS, type EmotionProbs, type MoodLabel } from '../../shared/labels';
import type { MoodSample } from '../../shared/mood';
import { mulberry32 } from '../../engine/sim/prng';
import { PROMPT_ACTIONS, type PromptEvidence } from '../../shared/prompts';
import { CheckInStore } from '../../engine/store/check-ins';
import { EventStore } from '../../engine/store/events';
import { openDatabase } from '../../engine/store/open-database';
import { PromptStore } from '../../engine/store/prompts';
import { RollupStore } from '../../engine/store/rollups';
import { SampleStore } from '../../engine/store/samples';
import { TrendStore } from '../../engine/store/trends';
import { summarise, type Summary } from './stats';

export interface HistoryBenchOptions {
  /** Days of synthetic history (default 365). */
  days?: number;
  /** Hours recorded per day, at 1 Hz (default 8). */
  hoursPerDay?: number;
  /** Timed runs per query (default 31, so p95 is not simply the slowest run; at least 7; after one warm-up). */
  runs?: number;
  /** PRNG seed for the synthetic moods (default 7). */
  seed?: number;
  /** Where local days fall (default the machine's zone). */
  calendar?: LocalCalendar;
}

export const QUERY_TARGET_MS = 50;
export const INSERT_TARGET_PER_S = 50_000;

export interface HistoryBenchResult {
  days: number;
  hoursPerDay: number;
  samples: number;
  /** Database file size after the run, MB (WAL checkpointed). */
  fileMB: number;
  insert: {
    /** Samples per batch: one recorded hour. */
    batchSize: number;
    batches: number;
    /** Throughput per batch (samples / insert time), over all batches. */
    perSecond: Summary;
    totalSeconds: number;
  };
  /** The one-off rollup of the whole history (ms), and the minutes it wrote. */
  refresh: { ms: number; minutes: number };
  /** Each dashboard query, ms. */
  queries: Record<string, Summary>;
}

/** A mood that drifts slowly: an Ornstein–Uhlenbeck walk of logits per minute, per-second noise on top. */
function moodGenerator(seed: number) {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // Mostly neutral and happy, sometimes sad or angry, rarely the rest.
  const mean = [1.2, 0.8, -0.3, -0.6, -1.5, -1.8, -1.2];
  const logits = [...mean];
  const shares = [0.6, 0.3, 0.1];
  return {
    nextMinute(): void {
      logits.forEach((l, i) => (logits[i] = l + 0.15 * ((mean[i] ?? 0) - l) + 0.35 * gauss()));
      const face = Math.min(0.95, Math.max(0.05, (shares[0] ?? 0.6) + 0.05 * gauss()));
      const voice = (1 - face) * Math.min(1, Math.max(0, 0.7 + 0.1 * gauss()));
      shares.splice(0, 3, face, voice, 1 - face - voice);
    },
    sample(t: number): MoodSample {
      const e = logits.map((l) => Math.exp(l + 0.3 * gauss()));
      const sum = e.reduce((a, b) => a + b, 0);
      const probs = {} as EmotionProbs;
      let best = 0;
      EMOTIONS.forEach((label, i) => {
        probs[label] = (e[i] ?? 0) / sum;
        if (probs[label] > (probs[EMOTIONS[best] ?? 'neutral'] ?? 0)) best = i;
      });
      const confidence = probs[EMOTIONS[best] ?? 'neutral'];
      const label: MoodLabel = confidence >= 0.4 ? (EMOTIONS[best] ?? 'neutral') : 'unknown';
      const [face = 0, voice = 0, text = 0] = shares;
      return { t, source: 'fused', label, probs, ...valenceArousal(probs), confidence, shares: { face, voice, text } };
    },
  };
}

function timeRuns(runs: number, fn: () => unknown): Summary {
  fn(); // warm-up: statement caches and pages
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return summarise(times);
}

const evidence = (t: number): PromptEvidence => ({
  reason: 'sad',
  from: t - 600_000,
  to: t,
  evidenceMs: 420_000,
  share: 0.7,
  shareThreshold: 0.6,
  minEvidenceMs: 300_000,
  confidenceThreshold: 0.5,
  byModality: { face: 0.7, voice: 0.3, text: 0 },
});

export async function benchHistory(options: HistoryBenchOptions = {}): Promise<HistoryBenchResult> {
  const days = Math.max(1, Math.round(options.days ?? 365));
  const hoursPerDay = Math.min(24, Math.max(1, Math.round(options.hoursPerDay ?? 8)));
  const runs = Math.max(7, Math.round(options.runs ?? 31));
  const calendar = options.calendar ?? systemCalendar;
  const random = mulberry32((options.seed ?? 7) + 1);
  const mood = moodGenerator(options.seed ?? 7);
  const dir = mkdtempSync(join(tmpdir(), 'attune-bench-history-'));
  const file = join(dir, 'attune.db');
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    db = openDatabase(file);
    const samples = new SampleStore(db);
    const prompts = new PromptStore(db);
    const events = new EventStore(db);
    const checkIns = new CheckInStore(db);
    const rates: number[] = [];
    let insertMs = 0;
    let count = 0;
    let day = dayRange(Date.UTC(2025, 0, 1, 12), calendar).from;
    const dayStarts: number[] = [];
    for (let d = 0; d < days; d++, day = dayRange(day, calendar).to) {
      dayStarts.push(day);
      const start = day + 9 * HOUR_MS; // the working day starts at 09:00 local
      for (let h = 0; h < hoursPerDay; h++) {
        const batch: MoodSample[] = [];
        for (let s = 0; s < 3600; s++) {
          if (s % 60 === 0) mood.nextMinute();
          batch.push(mood.sample(start + h * HOUR_MS + s * 1000));
        }
        const started = performance.now();
        samples.insert(batch);
        const ms = performance.now() - started;
        insertMs += ms;
        rates.push((batch.length / ms) * 1000);
        count += batch.length;
      }
      // A few prompts, pauses and check-ins a day, as a person would leave them.
      const end = start + hoursPerDay * HOUR_MS;
      events.add(start + 2 * HOUR_MS, 'pause', { minutes: 15 });
      events.add(start + 2 * HOUR_MS + 900_000, 'resume');
      if (random() < 0.5) {
        const t = start + Math.floor(random() * (end - start - HOUR_MS));
        const p = prompts.add({
          t,
          reason: 'sad',
          evidence: evidence(t),
          action: null,
          answeredAt: null,
          recovered: null,
        });
        const action = PROMPT_ACTIONS[Math.floor(random() * PROMPT_ACTIONS.length)] ?? 'not-now';
        prompts.answer(p.id, action, t + 20_000);
        if (action === 'breathe' || action === 'stretch') prompts.setRecovered(p.id, random() < 0.6);
      }
      if (random() < 0.3) {
        const t = start + 3 * HOUR_MS + 1;
        checkIns.add({ ...mood.sample(t), source: 'text' }, { pleasantness: 0.2, energy: -0.1 }, null);
      }
      // Let other work (and ^C) in between days.
      if (d % 30 === 29) await new Promise((resolve) => setImmediate(resolve));
    }
    const endOfHistory = dayRange(dayStarts.at(-1) ?? day, calendar).to;
    const rollups = new RollupStore(db);
    const refreshStarted = performance.now();
    const minutes = rollups.refresh(endOfHistory);
    const refresh = { ms: Math.round(performance.now() - refreshStarted), minutes };

    const trends = new TrendStore(db, calendar);
    const today = dayRange(dayStarts.at(-1) ?? day, calendar);
    const back = (n: number) => dayStarts[Math.max(0, dayStarts.length - n)] ?? today.from;
    const explainAt = today.from + 9 * HOUR_MS + Math.floor((hoursPerDay * HOUR_MS) / 2);
    const queries: Record<string, Summary> = {
      'today timeline (minutes + markers)': timeRuns(runs, () => {
        rollups.range(today.from, today.to);
        prompts.range(today.from, today.to);
        events.range(today.from, today.to);
        checkIns.range(today.from, today.to);
      }),
      'week shares by day': timeRuns(runs, () => trends.byDay(back(7), today.to)),
      'month shares by day': timeRuns(runs, () => trends.byDay(back(30), today.to)),
      'valence by day (90 days)': timeRuns(runs, () => trends.byDay(back(90), today.to)),
      'year heatmap': timeRuns(runs, () => trends.heatmap(back(365), today.to)),
      'time of day (year)': timeRuns(runs, () => trends.byHourOfDay(back(365), today.to)),
      'break outcomes (year)': timeRuns(runs, () => trends.breakOutcomes(back(365), today.to)),
      'explain: raw samples ±30 s': timeRuns(runs, () => {
        samples.range(explainAt - 30_000, explainAt + 30_000);
        prompts.range(explainAt - DAY_MS / 24, explainAt + 1);
      }),
    };
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileMB = Math.round((statSync(file).size / 1024 / 1024) * 10) / 10;
    return {
      days,
      hoursPerDay,
      samples: count,
      fileMB,
      insert: {
        batchSize: 3600,
        batches: rates.length,
        perSecond: summarise(rates),
        totalSeconds: Math.round(insertMs) / 1000,
      },
      refresh,
      queries,
    };
  } finally {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A few lines for the terminal, with the targets beside the figures. */
export function formatHistoryBench(r: HistoryBenchResult): string {
  const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  const lines = [
    `history store: ${r.days} days × ${r.hoursPerDay} h at 1 Hz = ${r.samples.toLocaleString('en')} fused samples, ` +
      `file ${r.fileMB} MB`,
    `  insert: median ${Math.round(r.insert.perSecond.median).toLocaleString('en')} samples/s ` +
      `(slowest batch ${Math.round(r.insert.perSecond.min).toLocaleString('en')}, ${r.insert.batches} batches of ` +
      `${r.insert.batchSize}, ${r.insert.totalSeconds} s in all) — target ≥ ${INSERT_TARGET_PER_S.toLocaleString('en')}: ` +
      ok(r.insert.perSecond.median >= INSERT_TARGET_PER_S),
    `  rollup refresh of the whole history: ${r.refresh.ms} ms, ${r.refresh.minutes.toLocaleString('en')} minutes`,
    `  dashboard queries (ms, median / p95 over ${Object.values(r.queries)[0]?.n ?? 0} runs; target ≤ ${QUERY_TARGET_MS}):`,
    ...Object.entries(r.queries).map(
      ([name, s]) =>
        `    ${name.padEnd(38)} ${s.median.toFixed(2).padStart(8)} / ${s.p95.toFixed(2).padStart(8)}  ${ok(s.p95 <= QUERY_TARGET_MS)}`,
    ),
  ];
  return lines.join('\n');
}
