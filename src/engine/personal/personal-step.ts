/**
 * One step of the guided calibration ("show a happy face", "say the sentence in a sad tone"): keeps the generic
 * models' outputs of usable frames or utterances until there are enough, or fails with a typed error. Pure; time
 * comes in with each call, so a test lives through a step in microseconds.
 */
import type { AppError } from '../../shared/envelope';
import type { Emotion, EmotionProbs } from '../../shared/labels';
import type { ExpressionStep, PersonalModality } from '../../shared/personal-info';

export interface StepTuning {
  /** Fewest usable face frames a face step keeps (default 5: 2.5 s at the default 2 frames/s). */
  minFaceFrames: number;
  /**
   * How long the expression must be held once the first usable frame came, ms (default 2 500, about the 3 s the
   * person is asked for); at higher frame rates this, not the frame count, sets the step's length.
   */
  holdMs: number;
  /** At most this many frames of one step are kept (default 15), so a long step cannot outweigh the others. */
  maxFaceFrames: number;
  /** Frames below this quality are not used, [0, 1] (default 0.3, as the old calibration). */
  minFaceQuality: number;
  /**
   * The relaxed-face step keeps no frame read as happy at or above this, [0, 1] (default 0.7): a clear smile is
   * not a resting face, and teaching it as one would make a grin read as neutral afterwards.
   */
  maxRelaxedHappy: number;
  /** Least speech a voice step keeps, ms (default 1 500: one short sentence). */
  minVoiceMs: number;
  /**
   * A step with too little usable input after this long fails, ms (default 20 000: several times the 3 s asked
   * for, so a slow machine or a moment of looking away does not fail it).
   */
  timeoutMs: number;
}

export const DEFAULT_STEP_TUNING: StepTuning = {
  minFaceFrames: 5,
  holdMs: 2_500,
  maxFaceFrames: 15,
  minFaceQuality: 0.3,
  maxRelaxedHappy: 0.7,
  minVoiceMs: 1_500,
  timeoutMs: 20_000,
};

type Collecting = Extract<ExpressionStep, { phase: 'collecting' }>;

export class StepCollector {
  private state: ExpressionStep = { phase: 'idle' };
  private kept: EmotionProbs[] = [];
  private firstKeptAt: number | null = null;
  private facesSeen = 0;
  private smiles = 0;

  constructor(private readonly tuning: StepTuning = DEFAULT_STEP_TUNING) {}

  current(): ExpressionStep {
    return this.state;
  }

  start(t: number, modality: PersonalModality, label: Emotion): ExpressionStep {
    this.kept = [];
    this.firstKeptAt = null;
    this.facesSeen = 0;
    this.smiles = 0;
    const needed = modality === 'face' ? this.tuning.minFaceFrames : this.tuning.minVoiceMs;
    this.state = {
      phase: 'collecting',
      modality,
      label,
      startedAt: t,
      timeoutMs: this.tuning.timeoutMs,
      kept: 0,
      needed,
      hint: null,
    };
    return this.state;
  }

  cancel(): ExpressionStep {
    this.state = { phase: 'idle' };
    this.kept = [];
    return this.state;
  }

  /** One analysed frame (probs null: no face). Returns the new state when it changed. */
  face(t: number, probs: EmotionProbs | null, quality: number): ExpressionStep | null {
    const s = this.collecting('face');
    if (!s) return null;
    if (probs === null) return this.set({ ...s, hint: 'no-face' });
    this.facesSeen += 1;
    if (quality < this.tuning.minFaceQuality) return this.set({ ...s, hint: 'low-quality' });
    if (s.label === 'neutral' && probs.happy >= this.tuning.maxRelaxedHappy) {
      this.smiles += 1;
      return this.set({ ...s, hint: 'smiling' });
    }
    if (this.kept.length < this.tuning.maxFaceFrames) this.kept.push(probs);
    this.firstKeptAt ??= t;
    const held = t - this.firstKeptAt >= this.tuning.holdMs;
    if (this.kept.length >= this.tuning.minFaceFrames && held) return this.done(t, s);
    return this.set({ ...s, kept: this.kept.length, hint: null });
  }

  /** One utterance heard during a voice step. */
  voice(startMs: number, endMs: number, probs: EmotionProbs): ExpressionStep | null {
    const s = this.collecting('voice');
    if (!s || endMs < s.startedAt) return null;
    this.kept.push(probs);
    const ms = s.kept + Math.max(0, endMs - Math.max(startMs, s.startedAt));
    if (ms >= this.tuning.minVoiceMs) return this.done(endMs, { ...s, kept: ms });
    return this.set({ ...s, kept: ms });
  }

  /** About once a second: fails a step that ran out of time. Returns the new state when it changed. */
  tick(t: number): ExpressionStep | null {
    const s = this.state;
    if (s.phase !== 'collecting' || t < s.startedAt + s.timeoutMs) return null;
    return this.fail(t, s, this.timeoutError(s));
  }

  /** The generic outputs a finished step kept, once: later calls give none. */
  take(): EmotionProbs[] {
    if (this.state.phase !== 'done') return [];
    const out = this.kept;
    this.kept = [];
    return out;
  }

  private timeoutError(s: Collecting): AppError {
    if (s.modality === 'face' && this.facesSeen === 0) {
      return {
        kind: 'no-face',
        message: 'No face was found: is the camera pointed at you, with light on your face?',
      };
    }
    if (s.modality === 'face' && this.smiles > this.kept.length) {
      return {
        kind: 'timed-out',
        message:
          'Your face looked like a smile, so it was not kept as your relaxed face. Relax your face and try again.',
      };
    }
    if (s.modality === 'voice' && s.kept === 0) {
      return {
        kind: 'timed-out',
        message:
          'No speech was heard: is the microphone on (Settings → Sensors) and near you? You can try again or skip this step.',
      };
    }
    const what =
      s.modality === 'face'
        ? `${this.kept.length} clear pictures of ${s.needed} came`
        : `${(s.kept / 1000).toFixed(1)} s of speech of ${(s.needed / 1000).toFixed(1)} s came`;
    return { kind: 'timed-out', message: `The step ran out of time: ${what}. You can try it again or skip it.` };
  }

  private collecting(modality: PersonalModality): Collecting | null {
    const s = this.state;
    return s.phase === 'collecting' && s.modality === modality ? s : null;
  }

  private done(t: number, s: Collecting): ExpressionStep {
    const kept = s.modality === 'face' ? this.kept.length : s.kept;
    return this.set({ phase: 'done', modality: s.modality, label: s.label, at: t, kept });
  }

  private fail(t: number, s: Collecting, error: AppError): ExpressionStep {
    this.kept = [];
    return this.set({ phase: 'failed', modality: s.modality, label: s.label, at: t, error });
  }

  private set(next: ExpressionStep): ExpressionStep {
    this.state = next;
    return next;
  }
}
