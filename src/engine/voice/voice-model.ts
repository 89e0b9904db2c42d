/**
 * The voice emotion model as resources/models/voice-emotion.json stores it: two linear softmax classifiers
 * over standardised utterance features. `global` reads raw features (no speaker known); `speaker` reads the
 * deviation from the speaker's baseline mean, shrunk towards the training population's mean while the
 * baseline is young. scripts/train/voice.ts writes the file; this module validates and applies it.
 */
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, type Emotion } from '../../shared/labels';

export const VOICE_MODEL_FORMAT = 'attune-voice-emotion';

/**
 * A class a voice model may output: one of Attune's labels, or RAVDESS `calm` learnt as a class of its own
 * (relaxed speech sounds unlike plain neutral reading, and closer to sad) and reported as neutral.
 */
export type VoiceOutputLabel = Emotion | 'calm';

const isVoiceOutputLabel = (l: unknown): l is VoiceOutputLabel =>
  l === 'calm' || (EMOTIONS as readonly unknown[]).includes(l);

/** The Attune label each output counts for: calm → neutral, the others themselves. */
export const outputEmotion = (l: VoiceOutputLabel): Emotion => (l === 'calm' ? 'neutral' : l);

/** Probabilities over a model's outputs (in `labels` order) → over EMOTIONS, summing outputs of one label. */
export function foldToEmotions(labels: readonly VoiceOutputLabel[], probs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(EMOTIONS.length);
  labels.forEach((l, i) => {
    const at = EMOTIONS.indexOf(outputEmotion(l));
    out[at] = (out[at] ?? 0) + (probs[i] ?? 0);
  });
  return out;
}

export interface LinearSoftmax {
  /** Subtracted from the input, per feature. */
  mean: number[];
  /** Divides the centred input, per feature (> 0). */
  scale: number[];
  /** labels × features. */
  weights: number[][];
  /** Per label. */
  bias: number[];
}

export interface VoiceModelFile {
  format: typeof VOICE_MODEL_FORMAT;
  /** Must equal features.ts FEATURE_VERSION. */
  featureVersion: number;
  featureNames: string[];
  /** Order of the model's outputs: Attune labels and possibly `calm`, each at most once. */
  labels: VoiceOutputLabel[];
  global: LinearSoftmax;
  speaker: LinearSoftmax & {
    /** Population mean the baseline mean is shrunk towards. */
    populationMean: number[];
    /** Weight of the population mean, in utterances: μ̂ = (n·μ_speaker + k·μ_population) / (n + k). */
    priorUtterances: number;
    /** Baselines with fewer utterances use `global` instead. */
    minUtterances: number;
    /**
     * Added to a calibration utterance (read in an everyday, neutral voice) before it joins the baseline:
     * the training speakers' mean offset from their neutral voice to their overall mean.
     */
    calibrationOffset: number[];
  };
  provenance: Record<string, unknown>;
  metrics?: Record<string, unknown>;
}

/** Checks shapes and values; throws AttuneError('model-corrupt') naming what is wrong. */
export function validateVoiceModel(json: unknown, expectedFeatureVersion: number): VoiceModelFile {
  const fail = (what: string): never => {
    throw new AttuneError('model-corrupt', `voice-emotion model: ${what}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not an object');
  const m = json as Partial<VoiceModelFile>;
  if (m.format !== VOICE_MODEL_FORMAT) fail(`format is not ${VOICE_MODEL_FORMAT}`);
  if (m.featureVersion !== expectedFeatureVersion) {
    fail(`built for feature version ${String(m.featureVersion)}, this engine computes ${expectedFeatureVersion}`);
  }
  const d = Array.isArray(m.featureNames) ? m.featureNames.length : fail('featureNames missing');
  const labels = Array.isArray(m.labels) ? m.labels : fail('labels missing');
  if (labels.length < 2 || !labels.every(isVoiceOutputLabel) || new Set(labels).size !== labels.length) {
    fail('bad labels');
  }
  const vector = (v: unknown, n: number, what: string, positive = false) => {
    if (!Array.isArray(v) || v.length !== n || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      fail(`${what} must be ${n} finite numbers`);
    }
    if (positive && !(v as number[]).every((x) => x > 0)) fail(`${what} must be positive`);
  };
  const linear = (l: unknown, what: string) => {
    if (typeof l !== 'object' || l === null) return fail(`${what} missing`);
    const s = l as Partial<LinearSoftmax>;
    vector(s.mean, d, `${what}.mean`);
    vector(s.scale, d, `${what}.scale`, true);
    vector(s.bias, labels.length, `${what}.bias`);
    if (!Array.isArray(s.weights) || s.weights.length !== labels.length) fail(`${what}.weights rows`);
    s.weights?.forEach((row, i) => vector(row, d, `${what}.weights[${i}]`));
  };
  linear(m.global, 'global');
  linear(m.speaker, 'speaker');
  const s = m.speaker as VoiceModelFile['speaker'];
  vector(s.populationMean, d, 'speaker.populationMean');
  vector(s.calibrationOffset, d, 'speaker.calibrationOffset');
  if (!(s.priorUtterances >= 0) || !(s.minUtterances >= 1)) fail('speaker priorUtterances/minUtterances');
  return m as VoiceModelFile;
}

/** Softmax of the linear model on `x` (raw input, standardised here). */
export function linearSoftmax(model: LinearSoftmax, x: ArrayLike<number>): Float64Array {
  const k = model.bias.length;
  const logits = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const w = model.weights[c] ?? [];
    let z = model.bias[c] ?? 0;
    for (let j = 0; j < w.length; j++) {
      // Clamp standardised inputs: an absurd feature (a broken segment) must not dominate the vote.
      const v = Math.max(-8, Math.min(8, ((x[j] ?? 0) - (model.mean[j] ?? 0)) / (model.scale[j] ?? 1)));
      z += (w[j] ?? 0) * v;
    }
    logits[c] = z;
  }
  const max = Math.max(...logits);
  let total = 0;
  for (let c = 0; c < k; c++) total += logits[c] = Math.exp((logits[c] ?? 0) - max);
  for (let c = 0; c < k; c++) logits[c] = (logits[c] ?? 0) / total;
  return logits;
}
