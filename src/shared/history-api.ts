/**
 * The history, settings and first-run part of the renderer contract (issue #7): what the dashboard's Today,
 * Trends and Explain views read, export and delete, retention, sensors and the first run. Numbers only.
 */
import type { BreakOutcomeSummary, DayTrend, HistoryEvent, HourOfDayTrend, MinuteRollup } from './history';
import type { ExportFormat } from './history';
import type { MoodSample } from './mood';
import type { BreakPrompt } from './prompts';
import type { CheckIn } from './text-input';

/** Today (or any day): the fused mood per minute, with what happened on it. */
export interface DayHistory {
  rollups: MinuteRollup[];
  prompts: BreakPrompt[];
  events: HistoryEvent[];
  checkIns: CheckIn[];
}

/** Week, month and year views. */
export interface Trends {
  /** One entry per local day of the range, empty days included (n = 0). */
  days: DayTrend[];
  /** 24 entries, by local hour, over the whole range. */
  hours: HourOfDayTrend[];
  breaks: BreakOutcomeSummary;
}

/** One local day of the calendar heatmap. */
export interface HeatmapDay {
  /** Unix ms of the local day's start. */
  day: number;
  n: number;
  /** Mean valence, [-1, 1]; null when nothing was recorded that day. */
  meanValence: number | null;
}

/** "What did the app sense then?": everything stored within a short span around an instant. */
export interface Explanation {
  /** The instant asked about, unix ms. */
  t: number;
  /** Samples of every source within ±30 s of t (raw samples may have been pruned: then only what is left). */
  samples: MoodSample[];
  /** A prompt shown within ±1 min of t, with its evidence; null when none. */
  prompt: BreakPrompt | null;
  /** The minute's rollup, which outlives pruning; null when nothing was recorded then. */
  rollup: MinuteRollup | null;
}

export type { ExportFormat };

/**
 * Where an export went. The headless host answers with a one-time download address on its loopback server;
 * Electron shows a save dialog and writes the file itself.
 */
export type ExportTarget =
  | { kind: 'download'; url: string; filename: string }
  | { kind: 'saved'; path: string; bytes: number }
  | { kind: 'cancelled' };

export type DeleteScope = { kind: 'all' } | { kind: 'day'; t: number } | { kind: 'range'; from: number; to: number };

export interface DeleteSummary {
  /** Rows removed, by table. */
  deleted: Record<string, number>;
}

/** Which sensors run, and how often the camera is sampled. */
export interface SensorSettings {
  camera: boolean;
  microphone: boolean;
  /** Camera frames analysed per second (default 2, 0.5…5). */
  frameRate: number;
}

export const DEFAULT_SENSOR_SETTINGS: SensorSettings = { camera: true, microphone: true, frameRate: 2 };
export const FRAME_RATE_LIMITS = { min: 0.5, max: 5 } as const;

export interface FirstRunState {
  /** False until the person has read the first-run page and chosen their sensors. */
  completed: boolean;
}

/** Desktop-only settings; the headless host reports them as unsupported (null). */
export interface DesktopSettings {
  startAtLogin: boolean;
}
