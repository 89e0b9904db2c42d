import { valenceArousal } from '../mood/affect';
import { EMOTIONS, argmaxLabel, type EmotionProbs, type MoodLabel } from '../../shared/labels';
import type { Box, FaceObservation, QualityFlag } from '../../shared/mood';

/**
 * Default confidence under which the label is 'unknown'. 0.35 sits between a clear frame with a
 * plain answer (quality 1, top 0.6 over 0.2 gives 0.5) and a muddled one (top 0.4 over 0.3 gives 0.25).
 */
export const UNKNOWN_BELOW = 0.35;

/**
 * How far to trust a frame's answer, in [0, 1]: the mean of the top probability and its margin over
 * the runner-up (1 for a certain answer, near 0 for a tie between two labels), times frame quality.
 */
export function expressionConfidence(probs: EmotionProbs, quality: number): number {
  const sorted = EMOTIONS.map((e) => probs[e]).sort((a, b) => b - a);
  const top = sorted[0] ?? 0;
  const margin = top - (sorted[1] ?? 0);
  return Math.min(1, Math.max(0, (quality * (top + margin)) / 2));
}

/** The argmax label, or 'unknown' when `confidence` is under `unknownBelow`. */
export function labelFor(probs: EmotionProbs, confidence: number, unknownBelow = UNKNOWN_BELOW): MoodLabel {
  return confidence < unknownBelow ? 'unknown' : argmaxLabel(probs);
}

/** What a frame without a usable face reports. */
export function emptyObservation(t: number, faceCount: number, timings: Record<string, number>): FaceObservation {
  return {
    t,
    faceCount,
    face: null,
    probs: null,
    label: 'unknown',
    valence: 0,
    arousal: 0,
    confidence: 0,
    quality: 0,
    flags: ['no-face'],
    timings,
  };
}

export interface ObservationParts {
  t: number;
  faceCount: number;
  face: Box & { score: number };
  probs: EmotionProbs;
  quality: number;
  flags: QualityFlag[];
  timings: Record<string, number>;
  unknownBelow?: number;
}

export function faceObservation(p: ObservationParts): FaceObservation {
  const confidence = expressionConfidence(p.probs, p.quality);
  const { valence, arousal } = valenceArousal(p.probs);
  return {
    t: p.t,
    faceCount: p.faceCount,
    face: p.face,
    probs: p.probs,
    label: labelFor(p.probs, confidence, p.unknownBelow),
    valence,
    arousal,
    confidence,
    quality: p.quality,
    flags: p.flags,
    timings: p.timings,
  };
}
