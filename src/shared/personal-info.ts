/**
 * What the app tells the dashboard about the personal model (src/engine/personal/) and the guided calibration
 * ("Teach Attune your expressions"). Numbers and labels only: an example is the generic models' seven
 * probabilities for one moment, never a picture or a sound.
 */
import type { AppError } from './envelope';
import { EMOTIONS, isEmotion, type Emotion } from './labels';
/** The modalities a personal model adapts (text is read as written, so it needs none). */
export type PersonalModality = 'face' | 'voice';

export const isPersonalModality = (v: unknown): v is PersonalModality => v === 'face' || v === 'voice';

/**
 * Where an example came from: a guided calibration step, a correction ("I feel …"), a check-in whose rating or
 * note names a feeling, or the neutral-only baseline of an older Attune (migration 0004).
 */
export const PERSONAL_SOURCES = ['calibration', 'correction', 'check-in', 'migrated'] as const;
export type PersonalSource = (typeof PERSONAL_SOURCES)[number];

/** The expressions the face steps ask for, in the order they are shown. */
export const FACE_STEP_LABELS: readonly Emotion[] = [
  'neutral',
  'happy',
  'sad',
  'angry',
  'surprised',
  'fearful',
  'disgusted',
];
/** The tones the optional voice steps ask for (calm counts as neutral, as in RAVDESS). */
export const VOICE_STEP_LABELS: readonly Emotion[] = ['neutral', 'happy', 'sad', 'angry'];

export const stepLabels = (m: PersonalModality): readonly Emotion[] =>
  m === 'face' ? FACE_STEP_LABELS : VOICE_STEP_LABELS;

/** Whether (modality, label) is a step the calibration offers: the API refuses any other. */
export function isStep(modality: unknown, label: unknown): boolean {
  return isPersonalModality(modality) && isEmotion(label) && stepLabels(modality).includes(label);
}

/**
 * What the calibration changed for one label, cross-validated on the calibration examples (never scored on
 * the frames it was fitted on): of `total` held-out readings of the person's `label` expression, the generic
 * models most often said `before.label` (`before.count` times); the personal model says `label` `after` times.
 */
export interface LabelChange {
  label: Emotion;
  total: number;
  before: { label: Emotion; count: number };
  after: number;
}

export interface PersonalModalityInfo {
  modality: PersonalModality;
  /** True when a personal model is fitted and tilts this modality's readings. */
  active: boolean;
  /** Stored examples, in all and by source and label. */
  examples: number;
  bySource: Record<PersonalSource, number>;
  perLabel: Record<Emotion, number>;
  /** Unix ms of the latest calibration step kept, null when never calibrated. */
  calibratedAt: number | null;
  /** One entry per calibrated label, in EMOTIONS order (empty before any calibration). */
  changes: LabelChange[];
}

export interface PersonalInfo {
  face: PersonalModalityInfo;
  voice: PersonalModalityInfo;
  /**
   * Set when a stored personal model could not be read (`model-corrupt`): Attune then reads with the generic
   * models alone until the person calibrates again or resets. Null otherwise.
   */
  problem: AppError | null;
}

/**
 * One guided step: the person shows `label` (face) or says the sentence in that tone (voice) while the engine
 * keeps the generic models' outputs of usable frames or utterances.
 */
export type ExpressionStep =
  | { phase: 'idle' }
  | {
      phase: 'collecting';
      modality: PersonalModality;
      label: Emotion;
      startedAt: number;
      /** The step fails after this long without enough usable input, ms. */
      timeoutMs: number;
      /** Usable frames (face) or ms of speech (voice) kept so far, and how many are needed. */
      kept: number;
      needed: number;
      /**
       * Why the last frame was not kept, for "hold it…" hints; null when it was. 'smiling': the relaxed step keeps
       * no frame the general models read as a clear smile (a grin taught as "relaxed" would read as neutral after).
       */
      hint: 'no-face' | 'low-quality' | 'smiling' | null;
    }
  | { phase: 'done'; modality: PersonalModality; label: Emotion; at: number; kept: number }
  | { phase: 'failed'; modality: PersonalModality; label: Emotion; at: number; error: AppError };

export const zeroByLabel = (): Record<Emotion, number> =>
  Object.fromEntries(EMOTIONS.map((l) => [l, 0])) as Record<Emotion, number>;

export const zeroBySource = (): Record<PersonalSource, number> =>
  Object.fromEntries(PERSONAL_SOURCES.map((s) => [s, 0])) as Record<PersonalSource, number>;

export const emptyModalityInfo = (modality: PersonalModality): PersonalModalityInfo => ({
  modality,
  active: false,
  examples: 0,
  bySource: zeroBySource(),
  perLabel: zeroByLabel(),
  calibratedAt: null,
  changes: [],
});
