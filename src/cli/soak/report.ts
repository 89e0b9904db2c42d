/** What `attune soak` reports, and its words. */

export interface SoakReport {
  /** Minutes of media fed (simulated time). */
  minutes: number;
  /** Camera frames sent over the capture socket (the engine analyses the newest while busy, as live). */
  frames: number;
  /** Rows in the samples table at the end (face, voice, text and the fused 1 Hz history). */
  samplesStored: number;
  /** Samples the engine acknowledged as committed (face/voice events, text endpoint replies) but absent at the end. */
  samplesLost: number;
  /** Times the host restarted the engine after it was killed. */
  engineRestarts: number;
  /** From SIGKILL to the new engine answering `ready`, ms. */
  restartMs: { median: number; max: number };
  /**
   * Host + engine resident memory, MB, a warm spare engine included: after the first simulated minute (warm-up), at
   * the end, and the most.
   */
  rssMB: { start: number; end: number; max: number };
  /** The most a warm spare engine held, MB (0: the host kept none). Part of `rssMB`. */
  spareRssMB: number;
  rssGrowthPct: number;
  /** SQLite's `PRAGMA integrity_check` on the database afterwards ("ok" when sound). */
  integrity: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The report with figures rounded for reading (MB and % to 0.1, ms to whole). */
export function roundReport(r: SoakReport): SoakReport {
  return {
    ...r,
    restartMs: { median: Math.round(r.restartMs.median), max: Math.round(r.restartMs.max) },
    rssMB: { start: round1(r.rssMB.start), end: round1(r.rssMB.end), max: round1(r.rssMB.max) },
    spareRssMB: round1(r.spareRssMB),
    rssGrowthPct: round1(r.rssGrowthPct),
  };
}

export function formatReport(r: SoakReport, wallS: number): string {
  return [
    `soak: ${r.minutes} min of media in ${wallS.toFixed(0)} s`,
    `  frames fed        ${r.frames}`,
    `  samples stored    ${r.samplesStored}`,
    `  samples lost      ${r.samplesLost}`,
    `  engine restarts   ${r.engineRestarts} (median ${r.restartMs.median} ms, max ${r.restartMs.max} ms)`,
    `  memory (MB)       start ${r.rssMB.start}, end ${r.rssMB.end}, max ${r.rssMB.max} (${r.rssGrowthPct}% growth)`,
    `  spare engine (MB) ${r.spareRssMB} of that`,
    `  integrity         ${r.integrity}`,
    '',
  ].join('\n');
}
