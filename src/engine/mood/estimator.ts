/**
 * The live mood from the three modalities: per-modality evidence (fusion.ts), corrected by the personal
 * baseline, mixed, then held steady by the label smoother (smoothing.ts). Pure; time comes in with each call.
 */
import { valenceArousal } from './affect';
import type { EmotionProbs } from '../../shared/labels';
import type { LiveMood, Modality } from '../../shared/mood';
import type { BaselineInfo } from '../../shared/prompts';
import { applyBias, type Bias } from './baseline';
import { DEFAULT_MODALITY_TUNING, fuse, ModalityEvidence, MODALITIES } from './fusion';
import type { ModalityPart, ModalityTuning } from './fusion';
import { DEFAULT_SMOOTHING_TUNING, LabelSmoother, type SmoothingTuning } from './smoothing';
import { agreeingAffect } from './story';

export interface EstimatorTuning {
  /** fusion.ts: half-lives, staleness, saturation per modality. */
  modalities?: Partial<Record<Modality, Partial<ModalityTuning>>>;
  /** smoothing.ts: dwell, margin, the confidence below which the label is unknown. */
  smoothing?: Partial<SmoothingTuning>;
  /**
   * An utterance this long or longer carries its full confidence, ms (default 1 500); shorter ones carry
   * proportionally less: a word or two says little through prosody.
   */
  voiceFullWeightMs?: number;
  /**
   * The face must be missing this long before the mood is held as "away", ms (default 1 500): a blink or a
   * turned head for a frame or two is not stepping away.
   */
  awayAfterMs?: number;
}

export class MoodEstimator {
  private readonly evidence = {} as Record<Modality, ModalityEvidence>;
  private readonly smoother: LabelSmoother;
  private readonly voiceFullWeightMs: number;
  private readonly awayAfterMs: number;
  /** Since when frames have come without a face (null while a face is in view or before any face). */
  private faceGoneSince: number | null = null;
  /** The last mood computed while the face was in view: what "away" holds. */
  private held: LiveMood | null = null;
  /** Latest voice or text evidence: something new said while away is news, not a held mood. */
  private lastOtherAt = -Infinity;

  constructor(tuning: EstimatorTuning = {}) {
    for (const m of MODALITIES) {
      this.evidence[m] = new ModalityEvidence({ ...DEFAULT_MODALITY_TUNING[m], ...tuning.modalities?.[m] });
    }
    this.smoother = new LabelSmoother({ ...DEFAULT_SMOOTHING_TUNING, ...tuning.smoothing });
    this.voiceFullWeightMs = tuning.voiceFullWeightMs ?? 1_500;
    this.awayAfterMs = tuning.awayAfterMs ?? 1_500;
  }

  /** One video frame; probs null when no face was found (it dilutes face confidence). */
  face(t: number, probs: EmotionProbs | null, confidence: number, quality: number): void {
    this.evidence.face.add(t, probs, confidence * quality);
    if (probs !== null) this.faceGoneSince = null;
    else if (this.faceGoneSince === null && this.held !== null) this.faceGoneSince = t;
  }

  /** One utterance, counted at its end. */
  voice(startMs: number, endMs: number, probs: EmotionProbs, confidence: number): void {
    const quality = Math.min(1, Math.max(0, endMs - startMs) / this.voiceFullWeightMs);
    this.evidence.voice.add(endMs, probs, confidence * quality);
    this.lastOtherAt = Math.max(this.lastOtherAt, endMs);
  }

  text(t: number, probs: EmotionProbs, confidence: number): void {
    this.evidence.text.add(t, probs, confidence);
    this.lastOtherAt = Math.max(this.lastOtherAt, t);
  }

  /**
   * The mood at `t` under `baseline`. While paused it is unknown and the smoother keeps its state:
   * paused time is no evidence, not a change of mood.
   */
  mood(t: number, baseline: BaselineInfo, paused = false): LiveMood {
    const part = (m: Modality, bias: Bias | null): ModalityPart => {
      const evidence = this.evidence[m];
      const raw = evidence.probs(t);
      return {
        strength: paused || raw === null ? 0 : evidence.strength(t),
        probs: raw && bias ? applyBias(raw, bias) : raw,
        lastAt: evidence.lastAt(),
      };
    };
    const fused = fuse({
      face: part('face', baseline.faceBias),
      voice: part('voice', baseline.voiceBias),
      text: part('text', null),
    });
    const away = paused ? null : this.awayMood(t);
    if (away) return away;
    const label = paused ? 'unknown' : this.smoother.update(t, fused.probs, fused.confidence);
    const expected = fused.confidence > 0 ? valenceArousal(fused.probs) : { valence: 0, arousal: 0 };
    const { valence, arousal } = agreeingAffect(label, expected.valence, expected.arousal);
    const mood: LiveMood = {
      t,
      label,
      probs: fused.probs,
      valence,
      arousal,
      confidence: fused.confidence,
      modalities: fused.modalities,
    };
    if (!paused && this.faceGoneSince === null && label !== 'unknown' && fused.modalities.face.share > 0) {
      this.held = mood;
    }
    return mood;
  }

  /**
   * Stepping away from the camera is not a change of mood: once the face has been missing for
   * `awayAfterMs` and nothing was said or written since, the last mood seen with the face is held
   * (the views grey it) instead of letting older voice or text evidence, or nothing at all, replace it.
   */
  private awayMood(t: number): LiveMood | null {
    const since = this.faceGoneSince;
    const held = this.held;
    if (held === null || since === null || t - since < this.awayAfterMs || this.lastOtherAt >= since) return null;
    return { ...held, t, away: true };
  }

  /** After a correction the person should see its effect at once, not after the dwell. */
  adoptNextCandidate(): void {
    this.smoother.adoptNextCandidate();
  }
}
