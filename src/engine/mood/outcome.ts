/**
 * After a break (breathe or stretch): did the mood that prompted it recover within 15 minutes? The watch
 * keeps its own short window of moods recorded after the answer, so the evidence that led to the prompt
 * cannot count against recovery.
 */
import type { PromptReason } from '../../shared/prompts';
import { DEFAULT_PERSISTENCE_TUNING, judge, MoodWindow, type MoodPoint, type PersistenceTuning } from './persistence';

export interface OutcomeTuning {
  /** How long after the answer recovery may show, ms (default 900 000 = 15 min, from the issue). */
  watchMs: number;
  /**
   * Recovery is judged on the moods of this trailing span, ms (default 300 000 = 5 min): long enough that
   * one calm minute right after a breathing exercise is not yet "recovered", short enough to see a change
   * within the 15 minutes.
   */
  lookbackMs: number;
  /**
   * Confident time needed in the lookback before any verdict, ms (default 60 000). Someone who took a
   * 15-min walk away from the camera gives no evidence: their outcome stays unknown, not "not recovered".
   */
  minEvidenceMs: number;
}

export const DEFAULT_OUTCOME_TUNING: OutcomeTuning = { watchMs: 900_000, lookbackMs: 300_000, minEvidenceMs: 60_000 };

export type Verdict = { done: false } | { done: true; recovered: boolean | null };

export class OutcomeWatch {
  private readonly window: MoodWindow;

  constructor(
    readonly promptId: number,
    readonly reason: PromptReason,
    readonly answeredAt: number,
    private readonly tuning: OutcomeTuning = DEFAULT_OUTCOME_TUNING,
    private readonly persistence: PersistenceTuning = DEFAULT_PERSISTENCE_TUNING,
  ) {
    this.window = new MoodWindow(tuning.lookbackMs, persistence);
  }

  record(point: MoodPoint): void {
    if (point.t > this.answeredAt) this.window.record(point);
  }

  breakContinuity(): void {
    this.window.breakContinuity();
  }

  /** Recovered as soon as the reason's share in the lookback falls below the prompt threshold. */
  check(t: number): Verdict {
    const stats = this.window.stats(t);
    const enough = stats.evidenceMs >= this.tuning.minEvidenceMs;
    const share = judge(stats, this.reason, this.tuning.lookbackMs, this.persistence).evidence.share;
    if (enough && share < this.persistence.shareThreshold) return { done: true, recovered: true };
    if (t < this.answeredAt + this.tuning.watchMs) return { done: false };
    return { done: true, recovered: enough ? false : null };
  }
}
