/**
 * What `analyze --json` prints. Times in this output are media seconds from the start of the run (the
 * engine's own clock is simulated and means nothing outside the run), except inside `evidence`, which is
 * passed through as the engine's prompt policy wrote it.
 */
import { EMOTIONS, type EmotionProbs, type MoodLabel } from '../../shared/labels';
import type { LiveMood, Modality } from '../../shared/mood';
import type { PromptEvidence, PromptReason } from '../../shared/prompts';

/** The fused mood once per second of media time. */
export interface AnalyzePoint {
  /** Media seconds (whole: 1, 2, 3, …). */
  t: number;
  label: MoodLabel;
  probs: EmotionProbs;
  /** [-1, 1]. */
  valence: number;
  /** [-1, 1]. */
  arousal: number;
  /** [0, 1]. */
  confidence: number;
  /** Each modality's share of the fused evidence, [0, 1] (all 0 when there is none). */
  modalities: Record<Modality, number>;
}

export interface AnalyzePrompt {
  /** Media seconds when the engine raised it. */
  t: number;
  reason: PromptReason;
  evidence: PromptEvidence;
}

export interface AnalyzeSummary {
  /** Share of timeline points per label, [0, 1]; labels never seen are absent. */
  byLabel: Partial<Record<MoodLabel, number>>;
  /** Share of timeline points labelled `unknown`, [0, 1]. */
  unknownShare: number;
  /** Media time covered, s. */
  mediaSeconds: number;
  /** Wall time the run took, s. */
  wallSeconds: number;
  /** Media seconds per wall second. */
  speed: number;
  framesAnalysed: number;
  /** Audio sent to the engine, s. */
  audioSeconds: number;
  textMessages: number;
  /** Passes begun over each input (more than 1 when looped). */
  passes: { video: number; audio: number; text: number };
  /** Prompts raised (0 when prompts were off). */
  prompts: number;
}

export interface AnalyzeResult {
  timeline: AnalyzePoint[];
  prompts: AnalyzePrompt[];
  summary: AnalyzeSummary;
}

/** 4 decimals: finer than any model's meaning, and a 20-minute timeline stays small. */
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export function toPoint(seconds: number, mood: LiveMood): AnalyzePoint {
  const probs = {} as EmotionProbs;
  for (const label of EMOTIONS) probs[label] = r4(mood.probs[label]);
  const m = mood.modalities;
  return {
    t: seconds,
    label: mood.label,
    probs,
    valence: r4(mood.valence),
    arousal: r4(mood.arousal),
    confidence: r4(mood.confidence),
    modalities: { face: r4(m.face.share), voice: r4(m.voice.share), text: r4(m.text.share) },
  };
}

/** Share of points per label, in EMOTIONS order then unknown. */
export function labelShares(points: readonly AnalyzePoint[]): Partial<Record<MoodLabel, number>> {
  const counts = new Map<MoodLabel, number>();
  for (const p of points) counts.set(p.label, (counts.get(p.label) ?? 0) + 1);
  const out: Partial<Record<MoodLabel, number>> = {};
  for (const label of [...EMOTIONS, 'unknown'] as const) {
    const n = counts.get(label);
    if (n !== undefined) out[label] = r4(n / points.length);
  }
  return out;
}
