import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, canonicalLabel, type EmotionProbs } from '../../shared/labels';
import { faceApiTensor, humanTensor } from './expression-input';
import { flipHorizontal, type RgbaImage } from './image';
import type { Model } from '../models/model';

/** The expression models: two converted from npm packages, one trained by scripts/train/face-cnn.py. */
export const EXPRESSION_MODEL_IDS = ['human', 'faceapi', 'attune'] as const;
export type ExpressionModelId = (typeof EXPRESSION_MODEL_IDS)[number];

export const isExpressionModelId = (v: string): v is ExpressionModelId =>
  (EXPRESSION_MODEL_IDS as readonly string[]).includes(v);

/**
 * Weights for the plain weighted mean, used only when no stacking layer fits the loaded models. 0.7 / 0.3
 * scored best for the converted pair on FER2013 test (../shared/README.md: 0.677 flip-averaged against 0.666
 * for human alone); attune's own model is weighted like human's, its peer in accuracy.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<ExpressionModelId, number>> = { human: 0.7, faceapi: 0.3, attune: 0.7 };

/** How each model wants its crop: side in px, tensor layout and the normalisation (expression-input.ts). */
interface InputSpec {
  size: number;
  /** Dimensions of a batch of `n` crops. */
  dims: (n: number) => number[];
  tensor: (crops: readonly RgbaImage[]) => Float32Array;
}

const INPUT_SPECS: Readonly<Record<ExpressionModelId, InputSpec>> = {
  human: { size: 64, dims: (n) => [n, 64, 64, 1], tensor: humanTensor },
  faceapi: { size: 112, dims: (n) => [n, 112, 112, 3], tensor: faceApiTensor },
  // Grey in [−1, 1] like human's, NCHW with one channel (PyTorch's layout; same bytes as NHWC).
  attune: { size: 48, dims: (n) => [n, 1, 48, 48], tensor: humanTensor },
};

/** Input side, px, of each expression model. */
export const EXPRESSION_INPUT_SIZE = Object.fromEntries(
  EXPRESSION_MODEL_IDS.map((id) => [id, INPUT_SPECS[id].size]),
) as Readonly<Record<ExpressionModelId, number>>;

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

/**
 * Reorders one model output (ordered as `labels`) into canonical {@link EMOTIONS} order. Both
 * models end in a softmax; if a vector is not a distribution (negative or not summing to 1) it is
 * treated as logits. Labels outside the canonical set are dropped and the rest renormalised.
 */
export function toCanonical(vector: ArrayLike<number>, labels: readonly string[]): EmotionProbs {
  if (vector.length !== labels.length) {
    throw new AttuneError('model-corrupt', `model gave ${vector.length} values for ${labels.length} labels`);
  }
  let values = Array.from(vector);
  const sum = values.reduce((a, b) => a + b, 0);
  if (values.some((v) => v < 0) || Math.abs(sum - 1) > 1e-3) values = softmax(values);
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionProbs;
  let kept = 0;
  labels.forEach((name, i) => {
    const label = canonicalLabel(name);
    if (!label) return;
    out[label] += values[i] ?? 0;
    kept += values[i] ?? 0;
  });
  if (kept > 0) for (const e of EMOTIONS) out[e] /= kept;
  return out;
}

/** Weighted mean of distributions; weights need not sum to 1. */
export function combineProbs(parts: readonly { probs: EmotionProbs; weight: number }[]): EmotionProbs {
  const out = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionProbs;
  const total = parts.reduce((a, p) => a + p.weight, 0);
  if (parts.length === 0 || total <= 0) throw new RangeError('combineProbs needs at least one positive weight');
  for (const { probs, weight } of parts) for (const e of EMOTIONS) out[e] += (probs[e] * weight) / total;
  return out;
}

/** One expression model: its tensor layout, its label order and its session. */
export class ExpressionModel {
  readonly size: number;

  constructor(
    readonly id: ExpressionModelId,
    private readonly model: Model,
    private readonly inputName: string,
    private readonly outputName: string,
    private readonly labels: readonly string[],
  ) {
    this.size = EXPRESSION_INPUT_SIZE[id];
  }

  /** Probabilities for each crop (all size × size), in canonical order. */
  async predict(crops: readonly RgbaImage[]): Promise<EmotionProbs[]> {
    const spec = INPUT_SPECS[this.id];
    const result = await this.model.run({
      [this.inputName]: { data: spec.tensor(crops), dims: spec.dims(crops.length) },
    });
    const out = result[this.outputName];
    if (!out) throw new AttuneError('model-corrupt', `${this.id}: no output named ${this.outputName}`);
    const k = this.labels.length;
    return crops.map((_, i) => toCanonical(out.data.subarray(i * k, (i + 1) * k), this.labels));
  }

  release(): Promise<void> {
    return this.model.release();
  }
}

export interface EnsembleMember {
  model: ExpressionModel;
  /** Relative weight in the mean, > 0. */
  weight: number;
}

/** One model's answer for one face: each view (the crop, then its mirror when flipping) and their mean. */
export interface MemberOutput {
  probs: EmotionProbs;
  views: EmotionProbs[];
  /** Time this model took, tensor included, ms. */
  ms: number;
}

/**
 * Runs every member on its crop. With `flip`, each model also sees the mirrored crop (one batch of
 * two) and `probs` is the mean of the two views: about +1 point on FER2013 test.
 */
export async function predictMembers(
  members: readonly EnsembleMember[],
  crops: ReadonlyMap<ExpressionModelId, RgbaImage>,
  flip: boolean,
): Promise<Map<ExpressionModelId, MemberOutput>> {
  // One model after another: the engine runs each session on one thread and shares the machine.
  const out = new Map<ExpressionModelId, MemberOutput>();
  for (const { model } of members) {
    const crop = crops.get(model.id);
    if (!crop) throw new AttuneError('internal', `no crop prepared for ${model.id}`);
    const started = performance.now();
    const batch = flip ? [crop, flipHorizontal(crop)] : [crop];
    const views = await model.predict(batch);
    const probs = combineProbs(views.map((p) => ({ probs: p, weight: 1 })));
    out.set(model.id, { probs, views, ms: performance.now() - started });
  }
  return out;
}

/** Runs every member on its crop (see {@link predictMembers}) and takes the weighted mean. */
export async function classifyExpression(
  members: readonly EnsembleMember[],
  crops: ReadonlyMap<ExpressionModelId, RgbaImage>,
  flip: boolean,
): Promise<EmotionProbs> {
  const outputs = await predictMembers(members, crops, flip);
  return combineProbs(
    members.map(({ model, weight }) => ({ probs: (outputs.get(model.id) as MemberOutput).probs, weight })),
  );
}
