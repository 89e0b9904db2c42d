/**
 * Late fusion: each modality keeps its own recency-decayed evidence, and the fused probabilities mix the
 * modalities by how much fresh, good evidence each has right now. Pure; time comes in with each call.
 */
import { EMOTIONS, type Emotion, type EmotionProbs } from '../../shared/labels';
import type { Modality, ModalityContributions } from '../../shared/mood';

export const MODALITIES: readonly Modality[] = ['face', 'voice', 'text'];

export interface ModalityTuning {
  /** Evidence loses half its weight after this long, ms. */
  halfLifeMs: number;
  /** With no evidence for this long the modality says nothing, ms. */
  staleAfterMs: number;
  /**
   * Observations (decayed count) at which the modality is about 63 % "sure it has seen enough":
   * its strength is meanWeight × (1 − e^(−count / saturationCount)). Unitless.
   */
  saturationCount: number;
}

/**
 * Defaults, per modality:
 * - face: half-life 2 s. Expressions change within seconds and frames come 2–30 per second, so 2 s still
 *   averages ≥ 4 frames at the slowest rate; steadiness is the smoother's job, not fusion's. Stale after
 *   10 s: a face missing that long is gone, not blinking. Saturation 2 frames: at 2 frames/s the decayed
 *   count settles near 5.8 (2/s × 2 s / ln 2), giving 94 % strength, and at 30 frames/s 100 %, so the
 *   frame rate barely changes confidence.
 * - voice: half-life 20 s. Utterances last 1–10 s and speaking turns are tens of seconds apart, so an
 *   utterance should still count through a listening pause and fade within a minute. Stale after 60 s.
 *   Saturation 0.5 utterance: one fresh utterance gives 86 % strength, 63 % after one half-life.
 * - text: half-life 2 min. Messages are minutes apart and a sentence typed says something about mood for
 *   a few minutes, not hours. Stale after 10 min. Saturation 0.5 message, as for voice.
 */
export const DEFAULT_MODALITY_TUNING: Record<Modality, ModalityTuning> = {
  face: { halfLifeMs: 2_000, staleAfterMs: 10_000, saturationCount: 2 },
  voice: { halfLifeMs: 20_000, staleAfterMs: 60_000, saturationCount: 0.5 },
  text: { halfLifeMs: 120_000, staleAfterMs: 600_000, saturationCount: 0.5 },
};

/** One modality's decayed sums. */
export class ModalityEvidence {
  private readonly sums = new Float64Array(EMOTIONS.length);
  /** Decayed sum of evidence weights (confidence × quality). */
  private mass = 0;
  /** Decayed count of observations, with or without evidence: empty observations dilute the mean weight. */
  private count = 0;
  private lastT: number | null = null;
  private lastEvidenceAt: number | null = null;

  constructor(private readonly tuning: ModalityTuning) {}

  /** Adds one observation; probs null or weight 0 counts as an observation without evidence. */
  add(t: number, probs: EmotionProbs | null, weight: number): void {
    this.decayTo(t);
    this.count += 1;
    const w = Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : 0;
    if (probs === null || w === 0) return;
    for (let i = 0; i < EMOTIONS.length; i++) {
      const label = EMOTIONS[i];
      if (label !== undefined) this.sums[i] = (this.sums[i] ?? 0) + w * probs[label];
    }
    this.mass += w;
    this.lastEvidenceAt = Math.max(this.lastEvidenceAt ?? t, t);
  }

  /** [0, 1]: how much this modality can be trusted at `t` (0 when stale or empty). */
  strength(t: number): number {
    this.decayTo(t);
    if (this.lastEvidenceAt === null || t - this.lastEvidenceAt > this.tuning.staleAfterMs) return 0;
    if (this.count <= 0 || this.mass <= 0) return 0;
    return (this.mass / this.count) * (1 - Math.exp(-this.count / this.tuning.saturationCount));
  }

  /** Recency-weighted mean probabilities, or null when there is no evidence at all. (Order of EMOTIONS.) */
  probs(t: number): EmotionProbs | null {
    this.decayTo(t);
    if (this.mass <= 0) return null;
    const s = this.sums;
    const m = this.mass;
    return {
      neutral: (s[0] ?? 0) / m,
      happy: (s[1] ?? 0) / m,
      sad: (s[2] ?? 0) / m,
      angry: (s[3] ?? 0) / m,
      fearful: (s[4] ?? 0) / m,
      disgusted: (s[5] ?? 0) / m,
      surprised: (s[6] ?? 0) / m,
    };
  }

  lastAt(): number | null {
    return this.lastEvidenceAt;
  }

  private decayTo(t: number): void {
    // Out-of-order calls (a voice reading ending before the last frame) do not move time backwards.
    if (this.lastT !== null && t > this.lastT) {
      const factor = 0.5 ** ((t - this.lastT) / this.tuning.halfLifeMs);
      for (let i = 0; i < this.sums.length; i++) this.sums[i] = (this.sums[i] ?? 0) * factor;
      this.mass *= factor;
      this.count *= factor;
    }
    if (this.lastT === null || t > this.lastT) this.lastT = t;
  }
}

/** What one modality brings to fusion at a moment. */
export interface ModalityPart {
  /** [0, 1], from ModalityEvidence.strength. */
  strength: number;
  /** Its recency-weighted probabilities (after the personal baseline), null when it has none. */
  probs: EmotionProbs | null;
  lastAt: number | null;
}

export interface Fused {
  /** Mixed probabilities; uniform when no modality has fresh evidence. */
  probs: EmotionProbs;
  /** [0, 1]; 0 when no modality has fresh evidence. */
  confidence: number;
  modalities: ModalityContributions;
}

export const uniformProbs = (): EmotionProbs =>
  Object.fromEntries(EMOTIONS.map((l) => [l, 1 / EMOTIONS.length])) as Record<Emotion, number>;

/**
 * Mixes per-modality probabilities (already corrected by the personal baseline) by strength. Confidence
 * combines strengths as independent evidence (noisy-OR): a second modality agreeing adds to it, and it
 * never exceeds what the evidence itself claimed when only one modality speaks.
 */
export function fuse(parts: Record<Modality, ModalityPart>): Fused {
  let total = 0;
  for (const m of MODALITIES) if (parts[m].probs !== null) total += parts[m].strength;
  const modalities = {} as ModalityContributions;
  const probs: EmotionProbs = { neutral: 0, happy: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 };
  let doubt = 1;
  for (const m of MODALITIES) {
    const part = parts[m];
    const share = total > 0 && part.probs !== null ? part.strength / total : 0;
    modalities[m] = { share, probs: part.strength > 0 ? part.probs : null, lastAt: part.lastAt };
    if (share > 0 && part.probs !== null) {
      for (const label of EMOTIONS) probs[label] += share * part.probs[label];
      doubt *= 1 - part.strength;
    }
  }
  if (total <= 0) return { probs: uniformProbs(), confidence: 0, modalities };
  return { probs, confidence: 1 - doubt, modalities };
}
