/**
 * Fitting and scoring the two voice classifiers (global, speaker-relative) under the baseline modes the app
 * can offer. Everything here is deterministic given the clips.
 */
import { EMOTIONS, type Emotion } from '../../../src/shared/labels';
import {
  foldToEmotions,
  linearSoftmax,
  type LinearSoftmax,
  type VoiceOutputLabel,
} from '../../../src/engine/voice/voice-model';
import type { Clip } from './data';
import { fitLogReg } from './logreg';
import { mulberry32 } from '../../../src/engine/sim/prng';
export { mulberry32 } from '../../../src/engine/sim/prng';

export const FOUR: readonly Emotion[] = ['neutral', 'happy', 'sad', 'angry'];
/** Standardised inputs are clamped like voice-model.ts does at run time. */
const CLAMP = 8;

export interface Hyper {
  /** L2 strength of the global model. */
  lambdaGlobal: number;
  /** L2 strength of the speaker-relative model. */
  lambdaSpeaker: number;
  /** Prior weight (utterances) of the population mean in a young baseline. */
  priorUtterances: number;
  /** Fewer baseline utterances than this: use the global model. */
  minUtterances: number;
  /**
   * Copies of each training clip read against baselines of a random few (3 … all) of its speaker's clips, so
   * the speaker model learns what a young, noisy baseline looks like. 0: only the full baseline.
   */
  augment: number;
  /** Learn RAVDESS calm as an 8th class (reported as neutral) instead of inside neutral. Default false. */
  calmClass?: boolean;
}

export interface Trained {
  /** The models' outputs, in order. */
  labels: VoiceOutputLabel[];
  global: LinearSoftmax;
  speaker: LinearSoftmax;
  populationMean: number[];
  /** Mean over speakers of (all-clips mean − plain-neutral mean): turns a neutral calibration into a baseline. */
  calibrationOffset: number[];
}

/** Means and standard deviations (floored at 1e-6 of the largest, 1 for constants) of rows. */
function standardiser(rows: readonly Float64Array[]): { mean: number[]; scale: number[] } {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((v, j) => (mean[j] = (mean[j] ?? 0) + v / rows.length));
  for (const r of rows) r.forEach((v, j) => (scale[j] = (scale[j] ?? 0) + (v - (mean[j] ?? 0)) ** 2 / rows.length));
  return { mean, scale: scale.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

function fitLinear(
  rows: readonly Float64Array[],
  y: readonly number[],
  classes: number,
  lambda: number,
): LinearSoftmax {
  const { mean, scale } = standardiser(rows);
  const x = rows.map((r) => r.map((v, j) => Math.max(-CLAMP, Math.min(CLAMP, (v - (mean[j] ?? 0)) / (scale[j] ?? 1)))));
  const { weights, bias } = fitLogReg(x, y, classes, { lambda });
  return { mean, scale, weights, bias };
}

/** The outputs a model trained with `h` has: EMOTIONS, then calm when it is a class of its own. */
export function outputLabels(h: Hyper): VoiceOutputLabel[] {
  return h.calmClass ? [...EMOTIONS, 'calm'] : [...EMOTIONS];
}

/** Mean feature vector of clips. */
export function meanOf(clips: readonly { features: Float64Array }[]): Float64Array {
  const d = clips[0]?.features.length ?? 0;
  const m = new Float64Array(d);
  for (const c of clips) c.features.forEach((v, j) => (m[j] = (m[j] ?? 0) + v / clips.length));
  return m;
}

export function train(clips: readonly Clip[], h: Hyper): Trained {
  const labels = outputLabels(h);
  const target = (c: Clip) => labels.indexOf(h.calmClass && c.original === 'calm' ? 'calm' : c.label);
  const global = fitLinear(
    clips.map((c) => c.features),
    clips.map(target),
    labels.length,
    h.lambdaGlobal,
  );
  const actors = [...new Set(clips.map((c) => c.actor))];
  const byActor = new Map<number, Float64Array>();
  for (const a of actors) byActor.set(a, meanOf(clips.filter((c) => c.actor === a)));
  const rows: Float64Array[] = [];
  const ys: number[] = [];
  const rand = mulberry32(7);
  for (const c of clips) {
    const full = byActor.get(c.actor) ?? c.features;
    rows.push(c.features.map((v, j) => v - (full[j] ?? 0)));
    ys.push(target(c));
    const own = clips.filter((o) => o.actor === c.actor);
    for (let k = 0; k < h.augment; k++) {
      const n = 3 + Math.floor(rand() * (own.length - 3));
      const subset = own
        .map((o) => ({ o, r: rand() }))
        .sort((a, b) => a.r - b.r)
        .slice(0, n)
        .map((x) => x.o);
      const mu = shrunk(meanOf(subset), n, [...full], 0);
      rows.push(c.features.map((v, j) => v - (mu[j] ?? 0)));
      ys.push(target(c));
    }
  }
  const speaker = fitLinear(rows, ys, labels.length, h.lambdaSpeaker);
  const offsets = actors.map((a) => {
    const neutral = meanOf(clips.filter((c) => c.actor === a && c.original === 'neutral'));
    const all = byActor.get(a) ?? neutral;
    return all.map((v, j) => v - (neutral[j] ?? 0));
  });
  const calibrationOffset = Array.from(meanOf(offsets.map((features) => ({ features }))));
  return { labels, global, speaker, populationMean: Array.from(meanOf(clips)), calibrationOffset };
}

/** The baseline mean shrunk towards the population: (n·μ + k·μ_pop) / (n + k). */
export function shrunk(
  speakerMean: ArrayLike<number>,
  n: number,
  populationMean: readonly number[],
  k: number,
): Float64Array {
  return Float64Array.from(populationMean, (p, j) => (n * (speakerMean[j] ?? 0) + k * p) / (n + k));
}

/**
 * Probabilities over EMOTIONS (calm folded into neutral, as the app reports it) for a clip given a baseline of
 * n utterances with mean μ (null: no baseline).
 */
export function predict(
  m: Trained,
  h: Hyper,
  f: Float64Array,
  baseline: { mean: ArrayLike<number>; n: number } | null,
): Float64Array {
  if (baseline === null || baseline.n < h.minUtterances) return foldToEmotions(m.labels, linearSoftmax(m.global, f));
  const mu = shrunk(baseline.mean, baseline.n, m.populationMean, h.priorUtterances);
  return foldToEmotions(
    m.labels,
    linearSoftmax(
      m.speaker,
      f.map((v, j) => v - (mu[j] ?? 0)),
    ),
  );
}

export type Mode = 'global' | 'full' | 'calibration' | 'running';
export interface Outcome {
  truth: Emotion;
  probs: Float64Array;
}

/**
 * Scores held-out clips. `full`: baseline from all of the speaker's clips (labels unused); `calibration`: from
 * their 4 plain neutral clips, which are then left out of the score; `running`: clips in a seeded random order,
 * each judged with the baseline of those before it, then added (what the app does live).
 */
export function score(m: Trained, h: Hyper, clips: readonly Clip[], mode: Mode): Outcome[] {
  const out: Outcome[] = [];
  for (const actor of [...new Set(clips.map((c) => c.actor))].sort((a, b) => a - b)) {
    const own = clips.filter((c) => c.actor === actor);
    if (mode === 'global') for (const c of own) out.push({ truth: c.label, probs: predict(m, h, c.features, null) });
    if (mode === 'full') {
      const b = { mean: meanOf(own), n: own.length };
      for (const c of own) out.push({ truth: c.label, probs: predict(m, h, c.features, b) });
    }
    if (mode === 'calibration') {
      const calib = own.filter((c) => c.original === 'neutral');
      const b = { mean: meanOf(calib).map((v, j) => v + (m.calibrationOffset[j] ?? 0)), n: calib.length };
      for (const c of own)
        if (c.original !== 'neutral') out.push({ truth: c.label, probs: predict(m, h, c.features, b) });
    }
    if (mode === 'running') {
      const rand = mulberry32(actor);
      const order = own
        .map((c) => ({ c, r: rand() }))
        .sort((a, b) => a.r - b.r)
        .map((o) => o.c);
      const sum = new Float64Array(own[0]?.features.length ?? 0);
      order.forEach((c, n) => {
        const b = { mean: sum.map((s) => (n > 0 ? s / n : 0)), n };
        out.push({ truth: c.label, probs: predict(m, h, c.features, b) });
        c.features.forEach((v, j) => (sum[j] = (sum[j] ?? 0) + v));
      });
    }
  }
  return out;
}

/** 7-class accuracy, 4-class accuracy (argmax among the four, on their clips) and the eval tool's subset figure. */
export function accuracies(outcomes: readonly Outcome[]): { seven: number; four: number; fourUnrestricted: number } {
  const argmax = (p: Float64Array, allowed: readonly Emotion[]) =>
    allowed.reduce((best, l) => ((p[EMOTIONS.indexOf(l)] ?? 0) > (p[EMOTIONS.indexOf(best)] ?? 0) ? l : best));
  const seven = outcomes.filter((o) => argmax(o.probs, EMOTIONS) === o.truth).length / outcomes.length;
  const four = outcomes.filter((o) => FOUR.includes(o.truth));
  return {
    seven,
    four: four.filter((o) => argmax(o.probs, FOUR) === o.truth).length / four.length,
    fourUnrestricted: four.filter((o) => argmax(o.probs, EMOTIONS) === o.truth).length / four.length,
  };
}
