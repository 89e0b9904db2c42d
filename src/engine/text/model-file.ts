import { createHash } from 'node:crypto';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, isEmotion, type Emotion } from '../../shared/labels';
import { decodeAffectHead, type AffectHead, type AffectHeadFile } from './affect-head';
import { validateFeatureConfig, type FeatureConfig } from './features';
import { HASH_ID } from './hash';

export const TEXT_MODEL_FORMAT = 'attune-text-linear';
export const TEXT_MODEL_VERSION = 1;

/** How the classifier turns a calibrated top probability into a confidence and a label. */
export interface ConfidenceRule {
  /** Below this confidence (0–1) the label is `unknown`. */
  readonly unknownBelow: number;
  /** Texts with fewer tokens (words, emoji) than this have their confidence scaled by (n + 1) / (this + 1). */
  readonly shortTextTokens: number;
}

/**
 * The JSON model file. Scores are s_k = bias_k + scale_k × Σ_b q[b × K + k] × x_b over the hashed feature
 * vector x (see features.ts), with q the int8 weights stored bucket-major in base64; probabilities are
 * softmax(s / temperature). `provenance` is free-form (data, command, measured figures).
 */
export interface TextModelFile {
  readonly format: typeof TEXT_MODEL_FORMAT;
  readonly version: typeof TEXT_MODEL_VERSION;
  readonly hash: typeof HASH_ID;
  readonly features: FeatureConfig;
  readonly labels: readonly Emotion[];
  readonly temperature: number;
  readonly confidence: ConfidenceRule;
  readonly bias: readonly number[];
  readonly quantization: { readonly type: 'int8-per-class'; readonly scales: readonly number[] };
  /** sha256 (hex) of the decoded weight bytes, so a damaged file is refused rather than misread. */
  readonly weightsSha256: string;
  readonly weights: string;
  readonly provenance: Readonly<Record<string, unknown>>;
  /** Optional valence/arousal outputs (affect-head.ts); without them they follow from the label probabilities. */
  readonly affect?: AffectHeadFile;
}

/** A loaded model: the file's settings with the weights decoded. */
export interface TextModel extends Omit<TextModelFile, 'weights' | 'affect'> {
  /** int8 weights, bucket-major: q[bucket × labels.length + k]. */
  readonly q: Int8Array;
  readonly affect?: AffectHead;
}

/** Per-class symmetric int8 quantisation: scale_k = max |w_k| / 127, q = round(w / scale). */
export function quantize(weights: readonly Float64Array[], dimensions: number): { q: Int8Array; scales: number[] } {
  const k = weights.length;
  const q = new Int8Array(dimensions * k);
  const scales = weights.map((w) => {
    let max = 0;
    for (let b = 0; b < dimensions; b++) max = Math.max(max, Math.abs(w[b] ?? 0));
    return max > 0 ? max / 127 : 1;
  });
  weights.forEach((w, c) => {
    const scale = scales[c] ?? 1;
    for (let b = 0; b < dimensions; b++) q[b * k + c] = Math.round((w[b] ?? 0) / scale);
  });
  return { q, scales };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Builds a model file from trained float weights (one array of length D + 1 per label, bias last, in
 * `labels` order): int8-quantises them and records their sha256.
 */
export function encodeModel(params: {
  features: FeatureConfig;
  labels: readonly Emotion[];
  weights: readonly Float64Array[];
  temperature: number;
  confidence: ConfidenceRule;
  provenance: Readonly<Record<string, unknown>>;
}): TextModelFile {
  const { features, weights } = params;
  const { q, scales } = quantize(weights, features.dimensions);
  const bytes = new Uint8Array(q.buffer, q.byteOffset, q.byteLength);
  return {
    format: TEXT_MODEL_FORMAT,
    version: TEXT_MODEL_VERSION,
    hash: HASH_ID,
    features,
    labels: params.labels,
    temperature: Number(params.temperature.toFixed(6)),
    confidence: params.confidence,
    bias: weights.map((w) => Number((w[features.dimensions] ?? 0).toFixed(6))),
    quantization: { type: 'int8-per-class', scales: scales.map((x) => Number(x.toPrecision(9))) },
    weightsSha256: sha256Hex(bytes),
    provenance: params.provenance,
    weights: Buffer.from(bytes).toString('base64'),
  };
}

const corrupt = (file: string, why: string): AttuneError =>
  new AttuneError('model-corrupt', `The text model ${file} is unusable: ${why}.`);

const isFiniteNumberArray = (v: unknown, length: number): v is number[] =>
  Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Checks a parsed model file and decodes its weights; throws `model-corrupt` naming what is wrong. */
export function decodeModel(json: unknown, file: string): TextModel {
  if (typeof json !== 'object' || json === null) throw corrupt(file, 'not a JSON object');
  const m = json as Partial<Record<keyof TextModelFile, unknown>>;
  if (m.format !== TEXT_MODEL_FORMAT) throw corrupt(file, `format is not ${TEXT_MODEL_FORMAT}`);
  if (m.version !== TEXT_MODEL_VERSION) throw corrupt(file, `version ${String(m.version)} is not supported`);
  if (m.hash !== HASH_ID) throw corrupt(file, `hash ${String(m.hash)} is not ${HASH_ID}`);
  const features = m.features as FeatureConfig | undefined;
  const featureProblem =
    typeof features === 'object' && features !== null ? validateFeatureConfig(features) : 'missing';
  if (featureProblem !== undefined || features === undefined) throw corrupt(file, `features: ${featureProblem}`);
  const labels = m.labels;
  if (!Array.isArray(labels) || labels.length !== EMOTIONS.length || !labels.every(isEmotion)) {
    throw corrupt(file, 'labels must list the seven canonical emotions');
  }
  if (new Set(labels).size !== labels.length) throw corrupt(file, 'labels repeat');
  const k = labels.length;
  const t = m.temperature;
  if (typeof t !== 'number' || !(t > 0) || !Number.isFinite(t)) throw corrupt(file, 'temperature must be > 0');
  if (!isFiniteNumberArray(m.bias, k)) throw corrupt(file, 'bias must hold one number per label');
  const quant = m.quantization as TextModelFile['quantization'] | undefined;
  if (quant?.type !== 'int8-per-class' || !isFiniteNumberArray(quant.scales, k)) {
    throw corrupt(file, 'quantization must be int8-per-class with one scale per label');
  }
  const rule = m.confidence as ConfidenceRule | undefined;
  if (typeof rule?.unknownBelow !== 'number' || typeof rule.shortTextTokens !== 'number') {
    throw corrupt(file, 'confidence rule missing');
  }
  if (typeof m.weights !== 'string') throw corrupt(file, 'weights missing');
  const bytes = Buffer.from(m.weights, 'base64');
  if (bytes.length !== features.dimensions * k) {
    throw corrupt(file, `expected ${features.dimensions * k} weight bytes, found ${bytes.length}`);
  }
  const digest = sha256Hex(bytes);
  if (digest !== m.weightsSha256) throw corrupt(file, 'weights do not match their sha256');
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    format: TEXT_MODEL_FORMAT,
    version: TEXT_MODEL_VERSION,
    hash: HASH_ID,
    features,
    labels,
    temperature: t,
    confidence: rule,
    bias: m.bias,
    quantization: quant,
    weightsSha256: digest,
    provenance:
      typeof m.provenance === 'object' && m.provenance !== null ? (m.provenance as Record<string, unknown>) : {},
    q,
    ...(m.affect !== undefined ? { affect: decodeAffectHead(m.affect, k, features.dimensions, file) } : {}),
  };
}
