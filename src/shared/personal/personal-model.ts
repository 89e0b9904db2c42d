/**
 * A personal model per modality: a small tilt of the generic model's final probabilities, fitted on the device
 * from a person's labelled readings (guided calibration, corrections, check-ins).
 *
 * Representation: the generic probabilities' centred log-probabilities x (features.ts), so the model does not
 * depend on which face or voice members the generic ensemble has. Each label k has a population prototype m_k
 * (an idealised confident reading of k) and a personal prototype mu_k, the mean x of the person's examples of k
 * shrunk toward m_k with `priorWeight` pseudo-examples. The adapted score is
 *
 *   z_k = ln p_k + strength * (mu_k - m_k) . (x - (mu_k + m_k) / 2)
 *
 * the difference of the squared distances to m_k and to mu_k: a reading like the person's own examples of k is
 * tilted toward k, one unlike them away from it. A label without examples has mu_k = m_k and is left exactly
 * as the generic model scores it (still predictable, never boosted for being unknown). The generic ensemble is
 * the prior: the tilt's strength is a tuned default, stepped down toward 0 (the generic model, unchanged) while
 * leave-one-out on the person's own examples says adapting reads them worse than the generic model.
 *
 * The stored model is the tilt written out as a linear map (z = ln p + W x + o): numbers only.
 */
import { EMOTIONS, argmaxLabel, isEmotion, probsFromVector } from '../labels';
import type { Emotion, EmotionProbs } from '../labels';
import { N_LABELS, centred, logProbs, populationPrototype, softmaxInPlace } from './features';

export type PersonalModality = 'face' | 'voice';
export const PERSONAL_MODALITIES: readonly PersonalModality[] = ['face', 'voice'];

/** One labelled reading: what the person said it was, and the generic model's probabilities for it. */
export interface PersonalExample {
  label: Emotion;
  probs: EmotionProbs;
  /** How much this example counts, > 0. Default 1. */
  weight?: number;
  /**
   * Examples sharing a group (e.g. the frames of one calibration step) are left out together by
   * crossValidatePersonal, so near-identical frames never score one another. Default: each on its own.
   */
  group?: string;
}

export interface PersonalTuning {
  /** The tilt strength used when leave-one-out finds no harm in it. Default 0.5. */
  strength: number;
  /** Weaker strengths to fall back to, strongest first, when leave-one-out finds harm; then 0 (generic). */
  strengths: readonly number[];
  /** Pseudo-examples pulling each personal prototype toward its population prototype. Default 1. */
  priorWeight: number;
  /** The probability a population prototype puts on its own label. Default 0.7. */
  prototypeConfidence: number;
  /**
   * How many fewer leave-one-out examples (weighted) an adapted strength may get right than the generic model
   * before a weaker one is tried; guards a well-read person against being made worse. Default 0.
   */
  margin: number;
}

export const DEFAULT_TUNING: Readonly<PersonalTuning> = Object.freeze({
  strength: 0.5,
  strengths: Object.freeze([0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1]),
  priorWeight: 1,
  prototypeConfidence: 0.7,
  margin: 0,
});

export interface PersonalModel {
  version: 1;
  modality: PersonalModality;
  /** Examples it was fitted on. */
  examples: number;
  /** Examples per label (weighted). */
  perLabel: Record<Emotion, number>;
  /** The chosen tilt strength; 0 means the model is the generic one. */
  strength: number;
  /** Row k: the weights of x in label k's tilt (EMOTIONS order, 7 numbers each). */
  weights: Record<Emotion, number[]>;
  /** Label k's tilt offset. */
  offsets: Record<Emotion, number>;
}

/** truth -> predicted -> count. */
export type Confusion = Record<Emotion, Record<Emotion, number>>;

/** Sanity bounds of a stored model; a fitted one stays far inside them. */
const MAX_ABS = 1e4;
const MAX_EXAMPLES = 1e7;

function tuningOf(options: Partial<PersonalTuning> | undefined): PersonalTuning {
  const t = { ...DEFAULT_TUNING, ...options };
  const strengths = [...new Set([0, ...t.strengths.filter((s) => Number.isFinite(s) && s >= 0)])].sort((a, b) => a - b);
  return {
    strength: Number.isFinite(t.strength) && t.strength >= 0 ? t.strength : DEFAULT_TUNING.strength,
    strengths: [...strengths, t.strength].filter((v) => Number.isFinite(v) && v >= 0),
    priorWeight: Number.isFinite(t.priorWeight) && t.priorWeight > 0 ? t.priorWeight : DEFAULT_TUNING.priorWeight,
    prototypeConfidence:
      t.prototypeConfidence > 1 / N_LABELS && t.prototypeConfidence < 1
        ? t.prototypeConfidence
        : DEFAULT_TUNING.prototypeConfidence,
    margin: Number.isFinite(t.margin) && t.margin >= 0 ? t.margin : 0,
  };
}

const weightOf = (e: PersonalExample): number =>
  e.weight === undefined ? 1 : Number.isFinite(e.weight) && e.weight > 0 ? e.weight : 0;

interface Prepared {
  logp: Float64Array[];
  x: Float64Array[];
  label: number[];
  weight: number[];
}

function prepare(examples: readonly PersonalExample[]): Prepared {
  const out: Prepared = { logp: [], x: [], label: [], weight: [] };
  for (const e of examples) {
    const w = weightOf(e);
    const k = EMOTIONS.indexOf(e.label);
    if (w === 0 || k < 0) continue;
    const lp = logProbs(e.probs);
    out.logp.push(lp);
    out.x.push(centred(lp));
    out.label.push(k);
    out.weight.push(w);
  }
  return out;
}

/** Label k's tilt as (weights d = mu - m, offset -d.(mu + m)/2), before the strength. */
function tiltOf(mu: Float64Array, m: Float64Array): { d: Float64Array; o: number } {
  const d = new Float64Array(N_LABELS);
  let o = 0;
  for (let i = 0; i < N_LABELS; i++) {
    const di = (mu[i] ?? 0) - (m[i] ?? 0);
    d[i] = di;
    o -= (di * ((mu[i] ?? 0) + (m[i] ?? 0))) / 2;
  }
  return { d, o };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < N_LABELS; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** Fits the personal model for `modality` on `examples` (see the file comment). Pure; milliseconds. */
export function fitPersonalModel(
  modality: PersonalModality,
  examples: readonly PersonalExample[],
  options?: Partial<PersonalTuning>,
): PersonalModel {
  const tuning = tuningOf(options);
  const data = prepare(examples);
  const tau = tuning.priorWeight;
  const prototypes = EMOTIONS.map((_, k) => populationPrototype(k, tuning.prototypeConfidence));
  // Per-label weighted sums of x and of the weights.
  const sums = EMOTIONS.map(() => new Float64Array(N_LABELS));
  const mass = EMOTIONS.map(() => 0);
  data.x.forEach((x, n) => {
    const k = data.label[n] ?? 0;
    const w = data.weight[n] ?? 0;
    const s = sums[k] as Float64Array;
    for (let i = 0; i < N_LABELS; i++) s[i] = (s[i] ?? 0) + w * (x[i] ?? 0);
    mass[k] = (mass[k] ?? 0) + w;
  });
  const prototypeOf = (k: number, leaveOut?: { x: Float64Array; w: number }): Float64Array => {
    const m = prototypes[k] as Float64Array;
    const s = sums[k] as Float64Array;
    const mu = new Float64Array(N_LABELS);
    const total = (mass[k] ?? 0) - (leaveOut?.w ?? 0) + tau;
    for (let i = 0; i < N_LABELS; i++) {
      mu[i] = ((s[i] ?? 0) - (leaveOut ? leaveOut.w * (leaveOut.x[i] ?? 0) : 0) + tau * (m[i] ?? 0)) / total;
    }
    return mu;
  };
  const tilts = EMOTIONS.map((_, k) => tiltOf(prototypeOf(k), prototypes[k] as Float64Array));
  const strength = chooseStrength(data, tuning, tilts, (n) => {
    const k = data.label[n] ?? 0;
    return tiltOf(
      prototypeOf(k, { x: data.x[n] as Float64Array, w: data.weight[n] ?? 0 }),
      prototypes[k] as Float64Array,
    );
  });
  const perLabel = {} as Record<Emotion, number>;
  const weights = {} as Record<Emotion, number[]>;
  const offsets = {} as Record<Emotion, number>;
  EMOTIONS.forEach((label, k) => {
    const t = tilts[k] as { d: Float64Array; o: number };
    perLabel[label] = mass[k] ?? 0;
    weights[label] = Array.from(t.d, (v) => strength * v);
    offsets[label] = strength * t.o;
  });
  return { version: 1, modality, examples: data.x.length, perLabel, strength, weights, offsets };
}

/**
 * The tilt strength to use: `tuning.strength`, stepped down through `tuning.strengths` while, in leave-one-out
 * on the person's own examples, it gets fewer (weighted) examples right than the generic model (strength 0)
 * less `margin`. Leave-one-out cannot see the gain on a label whose only example is the one left out, so it
 * serves as a guard against harm rather than as the judge of the best strength.
 */
function chooseStrength(
  data: Prepared,
  tuning: PersonalTuning,
  tilts: readonly { d: Float64Array; o: number }[],
  leaveOneOutTilt: (n: number) => { d: Float64Array; o: number },
): number {
  if (data.x.length === 0) return 0;
  const looTilts = data.x.map((_, n) => leaveOneOutTilt(n));
  const z = new Float64Array(N_LABELS);
  const right = (strength: number): number => {
    let total = 0;
    data.x.forEach((x, n) => {
      const lp = data.logp[n] as Float64Array;
      const truth = data.label[n] ?? 0;
      let best = 0;
      for (let k = 0; k < N_LABELS; k++) {
        const t = (k === truth ? looTilts[n] : tilts[k]) as { d: Float64Array; o: number };
        z[k] = (lp[k] ?? 0) + strength * (dot(t.d, x) + t.o);
        if ((z[k] ?? 0) > (z[best] ?? 0)) best = k;
      }
      if (best === truth) total += data.weight[n] ?? 0;
    });
    return total;
  };
  const floor = right(0) - tuning.margin;
  const candidates = tuning.strengths.filter((s) => s > 0 && s <= tuning.strength).sort((a, b) => b - a);
  for (const strength of candidates) if (right(strength) >= floor) return strength;
  return 0;
}

/** The personal model's reading of the generic probabilities `probs`; `null` (no model) gives `probs` back. */
export function applyPersonalModel(model: PersonalModel | null, probs: EmotionProbs): EmotionProbs {
  if (model === null || model.strength === 0) return probs;
  const lp = logProbs(probs);
  const x = centred(lp);
  const z = new Float64Array(N_LABELS);
  EMOTIONS.forEach((label, k) => {
    const w = model.weights[label];
    let s = (lp[k] ?? 0) + model.offsets[label];
    for (let i = 0; i < N_LABELS; i++) s += (w[i] ?? 0) * (x[i] ?? 0);
    z[k] = s;
  });
  return probsFromVector(softmaxInPlace(z));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isBounded = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_ABS;

/** Validates a stored model (e.g. read back from SQLite as JSON); a bad one is described, never half-used. */
export function parsePersonalModel(json: unknown): { ok: true; value: PersonalModel } | { ok: false; error: string } {
  const bad = (error: string) => ({ ok: false as const, error });
  if (!isObject(json)) return bad('a personal model must be an object');
  if (json.version !== 1) return bad(`unknown personal model version ${String(json.version)}`);
  const modality = json.modality;
  if (typeof modality !== 'string' || !(PERSONAL_MODALITIES as readonly string[]).includes(modality)) {
    return bad(`unknown modality ${String(modality)}`);
  }
  const examples = json.examples;
  if (typeof examples !== 'number' || !Number.isInteger(examples) || examples < 0 || examples > MAX_EXAMPLES) {
    return bad('examples must be a whole number ≥ 0');
  }
  const strength = json.strength;
  if (!isBounded(strength) || strength < 0) return bad('strength must be a finite number ≥ 0');
  const { perLabel, weights, offsets } = json;
  if (!isObject(perLabel) || !isObject(weights) || !isObject(offsets)) {
    return bad('perLabel, weights and offsets must be objects keyed by label');
  }
  for (const key of [...Object.keys(perLabel), ...Object.keys(weights), ...Object.keys(offsets)]) {
    if (!isEmotion(key)) return bad(`unknown label ${key}`);
  }
  const value: PersonalModel = {
    version: 1,
    modality: modality as PersonalModality,
    examples,
    perLabel: {} as Record<Emotion, number>,
    strength,
    weights: {} as Record<Emotion, number[]>,
    offsets: {} as Record<Emotion, number>,
  };
  for (const label of EMOTIONS) {
    const count = perLabel[label];
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0 || count > MAX_EXAMPLES) {
      return bad(`perLabel.${label} must be a finite number ≥ 0`);
    }
    const row = weights[label];
    if (!Array.isArray(row) || row.length !== N_LABELS || !row.every(isBounded)) {
      return bad(`weights.${label} must be ${N_LABELS} finite numbers`);
    }
    const offset = offsets[label];
    if (!isBounded(offset)) return bad(`offsets.${label} must be a finite number`);
    value.perLabel[label] = count;
    value.weights[label] = [...(row as number[])];
    value.offsets[label] = offset;
  }
  return { ok: true, value };
}

function emptyConfusion(): Confusion {
  const out = {} as Confusion;
  for (const truth of EMOTIONS) {
    out[truth] = {} as Record<Emotion, number>;
    for (const predicted of EMOTIONS) out[truth][predicted] = 0;
  }
  return out;
}

/**
 * How the examples read before (the generic model) and after personalisation, each example judged by a model
 * fitted without it (without its whole group when examples carry one), so no example scores itself. Counts are
 * weighted. For sentences such as "your angry face read as neutral 7 times in 10; now it reads as angry 8 in 10".
 */
export function crossValidatePersonal(
  modality: PersonalModality,
  examples: readonly PersonalExample[],
  options?: Partial<PersonalTuning>,
): { before: Confusion; after: Confusion } {
  const before = emptyConfusion();
  const after = emptyConfusion();
  const used = examples.filter((e) => weightOf(e) > 0 && isEmotion(e.label));
  const keyOf = (e: PersonalExample, i: number): string => (e.group === undefined ? `#${i}` : `g:${e.group}`);
  const keys = used.map(keyOf);
  const folds = new Map<string, number[]>();
  keys.forEach((key, i) => folds.set(key, [...(folds.get(key) ?? []), i]));
  for (const [key, members] of folds) {
    const model = fitPersonalModel(
      modality,
      used.filter((_, i) => keys[i] !== key),
      options,
    );
    for (const i of members) {
      const e = used[i] as PersonalExample;
      const w = weightOf(e);
      before[e.label][argmaxLabel(e.probs)] += w;
      after[e.label][argmaxLabel(applyPersonalModel(model, e.probs))] += w;
    }
  }
  return { before, after };
}
