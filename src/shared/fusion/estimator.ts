/**
 * The live mood from the three modalities: per-modality evidence (fusion.ts), corrected by the personal
 * baseline, mixed, then held steady by the label smoother (smoothing.ts). Pure; time comes in with each call.
 */
import { valenceArousal } from '../affect';
import type { EmotionProbs } from '../labels';
import type { LiveMood, Modality } from '../mood';
import type { BaselineInfo } from '../prompts';
import { applyBias, type Bias } from './baseline';
import { DEFAULT_MODALITY_TUNING, fuse, ModalityEvidence, MODALITIES } from './fusion';
import type { ModalityPart, ModalityTuning } from './fusion';
import { DEFAULT_SMOOTHING_TUNING, LabelSmoother, type SmoothingTuning } from './smoothing';

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
}

export class MoodEstimator {
  private readonly evidence = {} as Record<Modality, ModalityEvidence>;
  private readonly smoother: LabelSmoother;
  private readonly voiceFullWeightMs: number;

  constructor(tuning: EstimatorTuning = {}) {
    for (const m of MODALITIES) {
      this.evidence[m] = new ModalityEvidence({ ...DEFAULT_MODALITY_TUNING[m], ...tuning.modalities?.[m] });
    }
    this.smoother = new LabelSmoother({ ...DEFAULT_SMOOTHING_TUNING, ...tuning.smoothing });
    this.voiceFullWeightMs = tuning.voiceFullWeightMs ?? 1_500;
  }

  /** One video frame; probs null when no face was found (it dilutes face confidence). */
  face(t: number, probs: EmotionProbs | null, confidence: number, quality: number): void {
    this.evidence.face.add(t, probs, confidence * quality);
  }

  /** One utterance, counted at its end. */
  voice(startMs: number, endMs: number, probs: EmotionProbs, confidence: number): void {
    const quality = Math.min(1, Math.max(0, endMs - startMs) / this.voiceFullWeightMs);
    this.evidence.voice.add(endMs, probs, confidence * quality);
  }

  text(t: number, probs: EmotionProbs, confidence: number): void {
    this.evidence.text.add(t, probs, confidence);
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
    const label = paused ? 'unknown' : this.smoother.update(t, fused.probs, fused.confidence);
    const { valence, arousal } = fused.confidence > 0 ? valenceArousal(fused.probs) : { valence: 0, arousal: 0 };
    return {
      t,
      label,
      probs: fused.probs,
      valence,
      arousal,
      confidence: fused.confidence,
      modalities: fused.modalities,
    };
  }

  /** After a correction the person should see its effect at once, not after the dwell. */
  adoptNextCandidate(): void {
    this.smoother.adoptNextCandidate();
  }
}
