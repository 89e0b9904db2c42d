/**
 * Hysteresis on the shown label: a challenger must lead the shown label, by a margin, for a dwell time
 * before it is shown. With the face's 2 s evidence half-life a sustained change starts to lead after
 * about 2–3 s and shows about 4 s later (≈ 6–7 s in all), while a 2–3 s frown leads for only a second or
 * two and never flips the label. Pure; time comes in with each call.
 */
import { argmaxLabel, type EmotionProbs, type MoodLabel } from '../../shared/labels';

export interface SmoothingTuning {
  /** A challenger must lead the shown label this long before it replaces it, ms (default 4 000). */
  dwellMs: number;
  /**
   * From `unknown` to a first label, ms (default 1 500): nothing is being overruled, so a shorter wait
   * only filters a single odd frame.
   */
  firstDwellMs: number;
  /**
   * A challenger leads only when its probability beats the shown label's by this much (default 0.05), so
   * two labels running neck and neck do not make the label flicker.
   */
  margin: number;
  /**
   * Below this fused confidence the honest answer is `unknown` (default 0.3: a face at the low end of
   * usable confidence, ~0.4, still names a mood; frames where half have no face fall below it).
   */
  minConfidence: number;
}

export const DEFAULT_SMOOTHING_TUNING: SmoothingTuning = {
  dwellMs: 4_000,
  firstDwellMs: 1_500,
  margin: 0.05,
  minConfidence: 0.3,
};

export class LabelSmoother {
  private shown: MoodLabel = 'unknown';
  private challenger: MoodLabel | null = null;
  private since = 0;
  private lastT: number | null = null;
  private adoptNext = false;

  constructor(private readonly tuning: SmoothingTuning = DEFAULT_SMOOTHING_TUNING) {}

  /** The label to show at `t`, given the fused probabilities and confidence at `t`. */
  update(t: number, probs: EmotionProbs, confidence: number): MoodLabel {
    if (this.lastT !== null && t < this.lastT) return this.shown;
    this.lastT = t;
    // No fresh evidence at all: say so at once rather than hold an old label.
    if (confidence <= 0) return this.set('unknown');
    const candidate: MoodLabel = confidence < this.tuning.minConfidence ? 'unknown' : argmaxLabel(probs);
    if (this.adoptNext) {
      this.adoptNext = false;
      return this.set(candidate);
    }
    if (candidate === this.shown || !this.leads(candidate, probs)) {
      this.challenger = null;
      return this.shown;
    }
    if (this.challenger !== candidate) {
      this.challenger = candidate;
      this.since = t;
    }
    const dwell = this.shown === 'unknown' ? this.tuning.firstDwellMs : this.tuning.dwellMs;
    if (t - this.since >= dwell) this.set(candidate);
    return this.shown;
  }

  label(): MoodLabel {
    return this.shown;
  }

  /** The next update shows its candidate at once: after a correction the person should see its effect. */
  adoptNextCandidate(): void {
    this.adoptNext = true;
  }

  private leads(candidate: MoodLabel, probs: EmotionProbs): boolean {
    if (candidate === 'unknown' || this.shown === 'unknown') return true;
    return probs[candidate] >= probs[this.shown] + this.tuning.margin;
  }

  private set(label: MoodLabel): MoodLabel {
    this.shown = label;
    this.challenger = null;
    return label;
  }
}
