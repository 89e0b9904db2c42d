import { createHash } from 'node:crypto';
import { AttuneError } from '../../shared/envelope';
import type { Emotion, EmotionProbs } from '../../shared/labels';

/**
 * The text model's valence and arousal outputs, regressed on ratings (EmoBank) over the same hashed features
 * as the emotion scores, plus a term on the calibrated emotion probabilities:
 *
 *   out_o = bias_o + scale_o × Σ_b q[b × 2 + o] × x_b + Σ_k labelCoefficients[o][k] × p_k,  clamped to [-1, 1]
 *
 * with o = 0 for valence and 1 for arousal. Outputs are on Attune's [-1, 1] scale; EmoBank's 1–5 ratings
 * were mapped to it by (rating − 3) / 2 before fitting, so 3 + 2 × out is the EmoBank-scale reading.
 */
export interface AffectHeadFile {
  readonly outputs: readonly ['valence', 'arousal'];
  readonly bias: readonly number[];
  /** Per output, the int8 scale (max |w| / 127). */
  readonly scales: readonly number[];
  /** Per output, one coefficient per label, in the model's `labels` order. */
  readonly labelCoefficients: readonly (readonly number[])[];
  /** sha256 (hex) of the decoded weight bytes. */
  readonly weightsSha256: string;
  /** int8, bucket-major (q[b × 2 + o]), base64. */
  readonly weights: string;
  readonly provenance: Readonly<Record<string, unknown>>;
}

export interface AffectHead extends Omit<AffectHeadFile, 'weights'> {
  readonly q: Int8Array;
}

export const AFFECT_OUTPUTS = ['valence', 'arousal'] as const;

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const corrupt = (file: string, why: string): AttuneError =>
  new AttuneError('model-corrupt', `The text model ${file} is unusable: affect ${why}.`);

const numbers = (v: unknown, length: number): v is number[] =>
  Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Int8-quantises float weights (per output, length D + 1 with the bias last) into a file entry. */
export function encodeAffectHead(params: {
  weights: readonly [Float64Array, Float64Array];
  dimensions: number;
  labelCoefficients: readonly (readonly number[])[];
  provenance: Readonly<Record<string, unknown>>;
}): AffectHeadFile {
  const { weights, dimensions } = params;
  const outputs = AFFECT_OUTPUTS.length;
  const q = new Int8Array(dimensions * outputs);
  const scales = weights.map((w) => {
    let max = 0;
    for (let b = 0; b < dimensions; b++) max = Math.max(max, Math.abs(w[b] ?? 0));
    return Number((max > 0 ? max / 127 : 1).toPrecision(9));
  });
  weights.forEach((w, o) => {
    for (let b = 0; b < dimensions; b++) q[b * outputs + o] = Math.round((w[b] ?? 0) / (scales[o] ?? 1));
  });
  const bytes = new Uint8Array(q.buffer, q.byteOffset, q.byteLength);
  return {
    outputs: AFFECT_OUTPUTS,
    bias: weights.map((w) => Number((w[dimensions] ?? 0).toFixed(6))),
    scales,
    labelCoefficients: params.labelCoefficients.map((row) => row.map((c) => Number(c.toFixed(6)))),
    weightsSha256: sha256Hex(bytes),
    provenance: params.provenance,
    weights: Buffer.from(bytes).toString('base64'),
  };
}

/** Checks a file's `affect` entry and decodes its weights; `model-corrupt` naming what is wrong. */
export function decodeAffectHead(json: unknown, labels: number, dimensions: number, file: string): AffectHead {
  if (typeof json !== 'object' || json === null) throw corrupt(file, 'is not an object');
  const m = json as Partial<Record<keyof AffectHeadFile, unknown>>;
  const outputs = AFFECT_OUTPUTS.length;
  if (!Array.isArray(m.outputs) || m.outputs.join() !== AFFECT_OUTPUTS.join()) {
    throw corrupt(file, 'outputs must be valence, arousal');
  }
  if (!numbers(m.bias, outputs)) throw corrupt(file, 'bias must hold one number per output');
  if (!numbers(m.scales, outputs)) throw corrupt(file, 'scales must hold one number per output');
  const coefficients = m.labelCoefficients;
  if (
    !Array.isArray(coefficients) ||
    coefficients.length !== outputs ||
    !coefficients.every((c) => numbers(c, labels))
  ) {
    throw corrupt(file, 'labelCoefficients must hold one number per label for each output');
  }
  if (typeof m.weights !== 'string') throw corrupt(file, 'weights missing');
  const bytes = Buffer.from(m.weights, 'base64');
  if (bytes.length !== dimensions * outputs) {
    throw corrupt(file, `expected ${dimensions * outputs} weight bytes, found ${bytes.length}`);
  }
  const digest = sha256Hex(bytes);
  if (digest !== m.weightsSha256) throw corrupt(file, 'weights do not match their sha256');
  return {
    outputs: AFFECT_OUTPUTS,
    bias: m.bias,
    scales: m.scales,
    labelCoefficients: coefficients,
    weightsSha256: digest,
    provenance:
      typeof m.provenance === 'object' && m.provenance !== null ? (m.provenance as Record<string, unknown>) : {},
    q: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length),
  };
}

const clamp = (x: number): number => Math.max(-1, Math.min(1, x));

/**
 * Valence and arousal in [-1, 1] of a hashed feature vector (`indices`, `values`) and its calibrated
 * probabilities, under the head (labels in the model's order).
 */
export function applyAffectHead(
  head: AffectHead,
  labels: readonly Emotion[],
  indices: Int32Array,
  values: Float32Array,
  probs: EmotionProbs,
): { valence: number; arousal: number } {
  let v = 0;
  let a = 0;
  for (let i = 0; i < indices.length; i++) {
    const base = (indices[i] ?? 0) * 2;
    const x = values[i] ?? 0;
    v += (head.q[base] ?? 0) * x;
    a += (head.q[base + 1] ?? 0) * x;
  }
  let valence = (head.bias[0] ?? 0) + (head.scales[0] ?? 0) * v;
  let arousal = (head.bias[1] ?? 0) + (head.scales[1] ?? 0) * a;
  labels.forEach((label, k) => {
    valence += (head.labelCoefficients[0]?.[k] ?? 0) * probs[label];
    arousal += (head.labelCoefficients[1]?.[k] ?? 0) * probs[label];
  });
  return { valence: clamp(valence), arousal: clamp(arousal) };
}
