/**
 * Turns a stream of per-frame observations into the mood shown live: confidence-weighted exponential
 * smoothing of the label probabilities, and an honest `unknown` when recent evidence is missing or weak.
 * Pure; time comes in with each call. (The fusion issue extends this to several modalities.)
 */
import { valenceArousal } from './affect';
import { argmaxLabel, EMOTIONS, type EmotionProbs } from './labels';
import type { LiveMood } from './mood';

export interface LiveMoodOptions {
  /** Evidence loses half its weight after this long, ms (default 4 000: a passing frown fades in seconds). */
  halfLifeMs?: number;
  /** With no usable evidence for this long the mood becomes unknown, ms (default 10 000). */
  staleAfterMs?: number;
  /** Below this smoothed confidence the label is unknown (default 0.3). */
  minConfidence?: number;
}

export interface Evidence {
  t: number;
  probs: EmotionProbs;
  /** [0, 1]: the observation's confidence times its quality. */
  weight: number;
}

export class LiveMoodTracker {
  private probs: Record<string, number> = Object.fromEntries(EMOTIONS.map((l) => [l, 0]));
  /** Decayed sum of evidence weights. */
  private mass = 0;
  /** Decayed count of observations, with or without a face: frames without evidence dilute confidence. */
  private count = 0;
  private lastT: number | null = null;
  private lastEvidenceT: number | null = null;
  private readonly halfLifeMs: number;
  private readonly staleAfterMs: number;
  private readonly minConfidence: number;

  constructor(options: LiveMoodOptions = {}) {
    this.halfLifeMs = options.halfLifeMs ?? 4_000;
    this.staleAfterMs = options.staleAfterMs ?? 10_000;
    this.minConfidence = options.minConfidence ?? 0.3;
  }

  /** Adds one observation; weight 0 (no face) only lets time pass. */
  add(evidence: Evidence): LiveMood {
    this.decayTo(evidence.t);
    const w = Math.min(1, Math.max(0, evidence.weight));
    this.count += 1;
    if (w > 0) {
      for (const label of EMOTIONS) this.probs[label] = (this.probs[label] ?? 0) + w * evidence.probs[label];
      this.mass += w;
      this.lastEvidenceT = evidence.t;
    }
    return this.current(evidence.t);
  }

  /** The mood at time `t` without adding evidence. */
  current(t: number): LiveMood {
    this.decayTo(t);
    const probs = {} as EmotionProbs;
    for (const label of EMOTIONS)
      probs[label] = this.mass > 0 ? (this.probs[label] ?? 0) / this.mass : 1 / EMOTIONS.length;
    const { valence, arousal } = valenceArousal(probs);
    // Confidence is the recent observations' mean evidence weight (each frame's own confidence × quality;
    // frames without a face count as 0), discounted until a few frames have been seen.
    const meanWeight = this.count > 0 ? this.mass / this.count : 0;
    const amount = 1 - Math.exp(-this.count);
    const stale = this.lastEvidenceT === null || t - this.lastEvidenceT > this.staleAfterMs;
    const confidence = stale ? 0 : meanWeight * amount;
    const label = confidence < this.minConfidence ? 'unknown' : argmaxLabel(probs);
    return { t, label, probs, valence, arousal, confidence };
  }

  private decayTo(t: number): void {
    if (this.lastT !== null && t > this.lastT) {
      const factor = 0.5 ** ((t - this.lastT) / this.halfLifeMs);
      for (const label of EMOTIONS) this.probs[label] = (this.probs[label] ?? 0) * factor;
      this.mass *= factor;
      this.count *= factor;
    }
    if (this.lastT === null || t > this.lastT) this.lastT = t;
  }
}
