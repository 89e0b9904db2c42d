import type { EmotionProbs, MoodLabel } from './labels';
import type { HealthProblem } from './health';

export type Modality = 'face' | 'voice' | 'text';

/** Where a stored sample came from: one modality, or the fused mood. */
export type SampleSource = Modality | 'fused';

/** One stored mood estimate. Only numbers: never pixels, audio or (by default) text. */
export interface MoodSample {
  /** Unix time in milliseconds. */
  t: number;
  source: SampleSource;
  label: MoodLabel;
  probs: EmotionProbs;
  /** [-1, 1], unpleasant → pleasant. */
  valence: number;
  /** [-1, 1], calm → activated. */
  arousal: number;
  /** [0, 1]; how much the estimate can be trusted. */
  confidence: number;
  /** Fused samples only, optional: each modality's share of the evidence ({@link ModalityContribution.share}). */
  shares?: Record<Modality, number>;
}

/** An axis-aligned box in source-image pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Why a frame's face evidence is weak. */
export type QualityFlag = 'no-face' | 'too-small' | 'too-dark' | 'overexposed' | 'blurred' | 'turned-away';

/** What the face pipeline saw in one frame. */
export interface FaceObservation {
  t: number;
  /** Faces present in the frame; only the primary one is used. */
  faceCount: number;
  /** The primary face, in source pixels, with its detector score; null when no face. */
  face: (Box & { score: number }) | null;
  /** Expression probabilities for the primary face; null when no face. */
  probs: EmotionProbs | null;
  label: MoodLabel;
  valence: number;
  arousal: number;
  confidence: number;
  /** [0, 1]; weights this frame in fusion. */
  quality: number;
  flags: QualityFlag[];
  /** Stage timings in milliseconds (detect, align, expression, total). */
  timings: Record<string, number>;
}

/** One spoken utterance's reading: numbers only, the audio itself is never kept. */
export interface VoiceReading {
  /** Unix ms of the utterance's first and last speech sample. */
  startMs: number;
  endMs: number;
  label: MoodLabel;
  probs: EmotionProbs;
  valence: number;
  arousal: number;
  /** [0, 1]. */
  confidence: number;
}

/** How much one modality contributes to the fused mood right now. */
export interface ModalityContribution {
  /** [0, 1]: this modality's share of the fused evidence (the shares of all modalities sum to 1, or all are 0). */
  share: number;
  /** The modality's own recency-weighted probabilities, null when it has no fresh evidence. */
  probs: EmotionProbs | null;
  /** Unix ms of its latest evidence, null when none. */
  lastAt: number | null;
}

export type ModalityContributions = Record<Modality, ModalityContribution>;

/** The mood the dashboard shows right now: the fused, smoothed state. */
export interface LiveMood {
  t: number;
  label: MoodLabel;
  probs: EmotionProbs;
  valence: number;
  arousal: number;
  confidence: number;
  /** What each modality adds to this estimate. */
  modalities: ModalityContributions;
  /**
   * True while the face has left the camera and nothing new was said or written: the fields are the last
   * mood seen with the face, held (and shown greyed) rather than changed. Absent otherwise.
   */
  away?: boolean;
}

export const CAMERA_STATES = ['off', 'starting', 'on', 'denied', 'busy', 'unavailable', 'paused'] as const;

export type CameraState = (typeof CAMERA_STATES)[number];

export function isCameraState(value: unknown): value is CameraState {
  return typeof value === 'string' && (CAMERA_STATES as readonly string[]).includes(value);
}

export type EngineState = 'starting' | 'ready' | 'restarting' | 'failed' | 'stopped';

export interface AppStatus {
  engine: EngineState;
  paused: boolean;
  /** Unix ms at which a timed pause resumes by itself; absent when not paused or paused until resumed. */
  pausedUntil?: number;
  camera: CameraState;
  /** Time the engine took to load its models, in ms, once ready. */
  modelLoadMs: number | null;
  /** Unix ms of the last frame the engine analysed. */
  lastFrameAt: number | null;
  /** Present when the engine failed: what the user should know. */
  problem: string | null;
  /**
   * What the running engine cannot do right now (no history, saving paused, a model missing), one per part; the
   * rest keeps working. Absent or empty when all is well.
   */
  problems?: readonly HealthProblem[];
}
