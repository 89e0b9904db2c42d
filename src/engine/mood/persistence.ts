/**
 * Persistence of sadness and anger: over a trailing window, how much of the confident time showed the
 * mood, and whether there was enough confident time at all. Moods are recorded at most once a second into
 * a queue with running sums, so adding and evaluating are O(1) amortised and a working day takes
 * milliseconds. Pure; time comes in with each call.
 */
import { EMOTIONS, type Emotion, type MoodLabel } from '../../shared/labels';
import type { Modality } from '../../shared/mood';
import type { PromptEvidence, PromptReason } from '../../shared/prompts';
import { PROMPT_REASONS } from '../../shared/prompts';
import { MODALITIES } from './fusion';

export interface MoodPoint {
  t: number;
  label: MoodLabel;
  confidence: number;
  /** Each modality's share of the fused evidence at `t`. */
  shares: Record<Modality, number>;
}

export interface PersistenceTuning {
  /**
   * A moment counts as confident evidence at this fused confidence or above, [0, 1] (default 0.3, the level at
   * which the app names a mood at all rather than "not sure yet"). Moments below it (face half out of view,
   * dark, mostly absent) count neither for nor against a mood. 0.4 was tried first: on a clip of real sad faces
   * (FER2013 test photos, 2 s each, `analyze --loop-for 20m`) the fused confidence hovers around 0.2–0.6 as
   * faces change, so too little time counted and no prompt came although 76% of the seconds read sad; at 0.3
   * the clip prompts once while happy and neutral clips still prompt never.
   */
  confidenceThreshold: number;
  /**
   * Share of the confident time that must show the mood, [0, 1] (default 0.6). Sustained sadness reaches
   * it about 6 min into a 10-min window and stays near 1; anger in 30-s bursts every 5 min peaked at 0.19
   * in any window with enough evidence (six seeded two-hour runs of that scenario), far below. A window
   * split evenly between two moods is not "persistent": a prompt interrupts, so doubt goes to no prompt.
   */
  shareThreshold: number;
  /**
   * Confident time needed, as a fraction of the window (default 0.5, 5 min of the default 10). A few sad
   * minutes while the person was mostly away or turned aside are too little to call persistent, and the
   * first minutes after start-up or a resume cannot prompt on a thin window.
   */
  minEvidenceFraction: number;
  /** Moods are recorded at most this often, ms (default 1 000: the window needs no finer grain). */
  sampleIntervalMs: number;
  /**
   * A recorded mood stands for the time since the previous one, up to this much, ms (default 2 000): a
   * stalled engine or a sleep does not stretch one reading over minutes.
   */
  maxGapMs: number;
}

export const DEFAULT_PERSISTENCE_TUNING: PersistenceTuning = {
  confidenceThreshold: 0.3,
  shareThreshold: 0.6,
  minEvidenceFraction: 0.5,
  sampleIntervalMs: 1_000,
  maxGapMs: 2_000,
};

interface Entry {
  t: number;
  /** Confident ms this entry stands for (0 when not confident). */
  ms: number;
  label: Emotion | null;
  shares: Record<Modality, number>;
}

export interface WindowStats {
  from: number;
  to: number;
  evidenceMs: number;
  labelMs: Record<Emotion, number>;
  modalityMs: Record<Modality, number>;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** A trailing window of confident mood time with running sums. */
export class MoodWindow {
  private entries: Entry[] = [];
  private head = 0;
  private lastT: number | null = null;
  private evidenceMs = 0;
  private labelMs = zeros(EMOTIONS);
  private modalityMs = zeros(MODALITIES);

  constructor(
    private windowMs: number,
    private readonly tuning: PersistenceTuning = DEFAULT_PERSISTENCE_TUNING,
  ) {}

  /** Records `point` unless the last record is less than a sample interval old; true when recorded. */
  record(point: MoodPoint): boolean {
    if (this.lastT !== null && point.t - this.lastT < this.tuning.sampleIntervalMs) return false;
    const dt = this.lastT === null ? 0 : Math.min(point.t - this.lastT, this.tuning.maxGapMs);
    this.lastT = point.t;
    const label = point.label !== 'unknown' && point.confidence >= this.tuning.confidenceThreshold ? point.label : null;
    const entry: Entry = {
      t: point.t,
      ms: label === null ? 0 : dt,
      label,
      shares: point.shares,
    };
    this.entries.push(entry);
    this.apply(entry, 1);
    this.evict(point.t);
    return true;
  }

  /** The next record stands for no time before it (after a pause: paused time is no evidence). */
  breakContinuity(): void {
    this.lastT = null;
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.evidenceMs = 0;
    this.labelMs = zeros(EMOTIONS);
    this.modalityMs = zeros(MODALITIES);
  }

  setWindowMs(ms: number): void {
    this.windowMs = ms;
  }

  /** Confident ms in the window at `t`, and `label`'s share of it: cheap, for every tick. */
  share(t: number, label: Emotion): { evidenceMs: number; share: number } {
    this.evict(t);
    const evidenceMs = Math.max(0, this.evidenceMs);
    return { evidenceMs, share: evidenceMs > 0 ? this.labelMs[label] / evidenceMs : 0 };
  }

  stats(t: number): WindowStats {
    this.evict(t);
    return {
      from: t - this.windowMs,
      to: t,
      evidenceMs: Math.max(0, this.evidenceMs),
      labelMs: { ...this.labelMs },
      modalityMs: { ...this.modalityMs },
    };
  }

  private apply(e: Entry, sign: 1 | -1): void {
    if (e.ms === 0 || e.label === null) return;
    this.evidenceMs += sign * e.ms;
    this.labelMs[e.label] += sign * e.ms;
    for (const m of MODALITIES) this.modalityMs[m] += sign * e.ms * e.shares[m];
  }

  private evict(t: number): void {
    while (this.head < this.entries.length) {
      const e = this.entries[this.head];
      if (!e || e.t > t - this.windowMs) break;
      this.apply(e, -1);
      this.head += 1;
    }
    // Running sums drift by rounding; an empty window starts again from exact zeros.
    if (this.head === this.entries.length) this.clear();
    else if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}

/** Evidence for `reason` in `stats`, and whether it is persistent. */
export function judge(
  stats: WindowStats,
  reason: PromptReason,
  windowMs: number,
  tuning: PersistenceTuning = DEFAULT_PERSISTENCE_TUNING,
): { persistent: boolean; evidence: PromptEvidence } {
  const minEvidenceMs = tuning.minEvidenceFraction * windowMs;
  const share = stats.evidenceMs > 0 ? stats.labelMs[reason] / stats.evidenceMs : 0;
  const byModality = zeros(MODALITIES);
  for (const m of MODALITIES) byModality[m] = stats.evidenceMs > 0 ? stats.modalityMs[m] / stats.evidenceMs : 0;
  const evidence: PromptEvidence = {
    reason,
    from: stats.from,
    to: stats.to,
    evidenceMs: stats.evidenceMs,
    share,
    shareThreshold: tuning.shareThreshold,
    minEvidenceMs,
    confidenceThreshold: tuning.confidenceThreshold,
    byModality,
  };
  return { persistent: stats.evidenceMs >= minEvidenceMs && share >= tuning.shareThreshold, evidence };
}

/** The persistent reason with the largest share at `t`, or null. */
export function persistentReason(
  window: MoodWindow,
  t: number,
  windowMs: number,
  tuning: PersistenceTuning = DEFAULT_PERSISTENCE_TUNING,
): PromptEvidence | null {
  let best: PromptReason | null = null;
  let bestShare = -1;
  for (const reason of PROMPT_REASONS) {
    const { evidenceMs, share } = window.share(t, reason);
    if (evidenceMs < tuning.minEvidenceFraction * windowMs || share < tuning.shareThreshold) continue;
    if (share > bestShare) {
      best = reason;
      bestShare = share;
    }
  }
  return best === null ? null : judge(window.stats(t), best, windowMs, tuning).evidence;
}
