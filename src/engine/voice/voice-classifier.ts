/**
 * Utterance → emotion. Extracts the features, reads them against the speaker's baseline when there is a
 * usable one (the `speaker` model) or on their own (the `global` model), and reports probabilities over
 * Attune's labels, valence/arousal and a confidence that falls for short, quiet, noisy, clipped or unvoiced
 * segments (see confidence.ts). Loading is synchronous: the model is a small JSON file.
 */
import { readFileSync } from 'node:fs';
import { valenceArousal } from '../mood/affect';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, argmaxLabel, type EmotionProbs, type MoodLabel } from '../../shared/labels';
import { voiceConfidence, type VoiceFlag } from './confidence';
import { FEATURE_VERSION, extractFeatures, type SegmentQuality } from './features';
import { FrameAnalyser } from './frames';
import { SpeakerBaseline } from './speaker-baseline';
import { blendProbs } from './voice-blend';
import { foldToEmotions, linearSoftmax, validateVoiceModel, type VoiceModelFile } from './voice-model';
import { VOICE_CNN_WEIGHT } from './voice-models';

export interface VoiceResult {
  probs: EmotionProbs;
  /** The most likely label, or 'unknown' when confidence is under the classifier's `unknownBelow`. */
  label: MoodLabel;
  /** [-1, 1]. */
  valence: number;
  /** [-1, 1]. */
  arousal: number;
  /** [0, 1]. */
  confidence: number;
  flags: VoiceFlag[];
  quality: SegmentQuality;
  /** Which model judged: 'speaker' (relative to a baseline) or 'global'. */
  model: 'speaker' | 'global';
  /** The segment's features, for adding to a baseline afterwards. */
  features: Float64Array;
}

export interface VoiceClassifierOptions {
  /** Confidence under which the label is 'unknown', 0..1. Default 0.15. */
  unknownBelow?: number;
  /**
   * Weight of the CNN's log-probabilities when CNN probabilities are given (voice-blend.ts), 0..1, for each of
   * the logistic models it joins. Default {@link VOICE_CNN_WEIGHT}, chosen by cross-validation.
   */
  cnnWeight?: { global: number; speaker: number };
}

export class VoiceClassifier {
  private readonly analyser = new FrameAnalyser();
  private readonly unknownBelow: number;
  private readonly cnnWeight: { global: number; speaker: number };

  private constructor(
    readonly model: VoiceModelFile,
    options: VoiceClassifierOptions,
  ) {
    this.unknownBelow = options.unknownBelow ?? 0.15;
    this.cnnWeight = options.cnnWeight ?? VOICE_CNN_WEIGHT;
  }

  /** Reads voice-emotion.json: absent is 'model-missing', unreadable or inconsistent is 'model-corrupt'. */
  static load(file: string, options: VoiceClassifierOptions = {}): VoiceClassifier {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new AttuneError('model-missing', `voice model not found: ${file}`, { cause: err });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new AttuneError('model-corrupt', `voice model is not JSON: ${file}`, { cause: err });
    }
    return VoiceClassifier.fromJson(json, options);
  }

  static fromJson(json: unknown, options: VoiceClassifierOptions = {}): VoiceClassifier {
    return new VoiceClassifier(validateVoiceModel(json, FEATURE_VERSION), options);
  }

  /** An empty baseline of the right size for this model. */
  newBaseline(): SpeakerBaseline {
    return new SpeakerBaseline(this.model.featureNames.length, FEATURE_VERSION);
  }

  /**
   * Classifies one utterance (16 kHz mono). Never throws on odd audio; a baseline of other features throws.
   * `cnnProbs` (EMOTIONS order, from VoiceCnn.predict on the same segment) are blended in when given.
   */
  classify(segment: Float32Array, baseline?: SpeakerBaseline | null, cnnProbs?: ArrayLike<number> | null): VoiceResult {
    const { values, quality } = extractFeatures(segment, this.analyser);
    return this.classifyFeatures(values, quality, baseline ?? null, cnnProbs ?? null);
  }

  classifyFeatures(
    values: Float64Array,
    quality: SegmentQuality,
    baseline: SpeakerBaseline | null,
    cnnProbs: ArrayLike<number> | null = null,
  ): VoiceResult {
    const { speaker, global, labels } = this.model;
    if (baseline && (baseline.featureVersion !== FEATURE_VERSION || baseline.dimension !== values.length)) {
      throw new AttuneError('bad-input', 'speaker baseline was built from other features; start a new one');
    }
    const useSpeaker = baseline !== null && baseline.count >= speaker.minUtterances;
    let raw: Float64Array;
    if (useSpeaker) {
      const n = baseline.count;
      const k = speaker.priorUtterances;
      const deviation = values.map(
        (v, j) => v - (n * baseline.mean(j) + k * (speaker.populationMean[j] ?? 0)) / (n + k),
      );
      raw = linearSoftmax(speaker, deviation);
    } else {
      raw = linearSoftmax(global, values);
    }
    let folded = foldToEmotions(labels, raw);
    if (cnnProbs !== null) {
      if (cnnProbs.length !== EMOTIONS.length)
        throw new AttuneError('bad-input', 'CNN probabilities must cover EMOTIONS');
      folded = blendProbs(folded, cnnProbs, useSpeaker ? this.cnnWeight.speaker : this.cnnWeight.global);
    }
    const probs = Object.fromEntries(EMOTIONS.map((e, i) => [e, folded[i] ?? 0])) as EmotionProbs;
    const { confidence, flags } = voiceConfidence(Math.max(...folded), EMOTIONS.length, quality, useSpeaker);
    const { valence, arousal } = valenceArousal(probs);
    return {
      probs,
      label: confidence < this.unknownBelow ? 'unknown' : argmaxLabel(probs),
      valence,
      arousal,
      confidence,
      flags,
      quality,
      model: useSpeaker ? 'speaker' : 'global',
      features: values,
    };
  }

  /**
   * Adds a calibration utterance (read in the speaker's everyday, neutral voice) to `baseline`, shifted by the
   * model's calibration offset so a handful of neutral sentences stand in for the speaker's overall mean.
   */
  calibrate(segment: Float32Array, baseline: SpeakerBaseline): SegmentQuality {
    const { values, quality } = extractFeatures(segment, this.analyser);
    baseline.add(values.map((v, j) => v + (this.model.speaker.calibrationOffset[j] ?? 0)));
    return quality;
  }
}
