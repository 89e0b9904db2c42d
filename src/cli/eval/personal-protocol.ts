/**
 * `eval faces|voice --personal K` and `--corrections RATE`: how much the personal model (src/shared/personal)
 * helps, measured on the generic pipeline's cached readings, so each file goes through the pipeline once.
 *
 * Calibration (`--personal K`): for each seed and each subject, K items of each class the subject has more than K
 * of are drawn as the calibration; the personal model is fitted on their generic readings and the subject's
 * other items are scored, generic and adapted on exactly the same items. Classes with K or fewer items get no
 * calibration example (the person skipped that step). With groups (e.g. CK+ sequences, whose frames are near
 * copies), each of the subject's groups is scored in turn, its calibration drawn from the subject's other
 * groups only, so a calibration item and a scored item never share a group.
 *
 * Partial calibration (`--personal K --taught LABELS`): the same, but calibration examples are drawn only for
 * the labels listed (the person skipped every other step). The report adds `partial`: accuracy on scored items
 * of taught and of untaught labels, generic and adapted, and the share of scored items the adaptation moved
 * INTO an untaught label (the adapted label is untaught and differs from the generic one), and how many of
 * those moves were wrong.
 *
 * Corrections (`--corrections RATE`): for each seed and subject, the subject's items in a seeded order, no
 * calibration; when the adapted reading is wrong the person corrects it with probability RATE and the model
 * is refitted with that example. Scored: the last half of each subject's stream. With groups, an item is read
 * by a model fitted without the corrections of its own group.
 */
import { EMOTIONS, argmaxLabel } from '../../shared/labels';
import type { Emotion, EmotionProbs } from '../../shared/labels';
import {
  applyPersonalModel,
  fitPersonalModel,
  type PersonalExample,
  type PersonalModality,
  type PersonalModel,
  type PersonalTuning,
} from '../../engine/personal/personal-model';
import { mulberry32, shuffleInPlace } from '../../engine/sim/prng';
import { computeMetrics, type ClassMetrics, type Outcome } from './metrics';

/** One item's cached generic reading; `probs` null when the pipeline found nothing (scored as `fallback`). */
export interface CachedReading {
  label: Emotion;
  subject: string;
  group?: string;
  probs: EmotionProbs | null;
}

export interface PersonalFigures {
  accuracy: number;
  macroF1: number;
  perClass: Record<Emotion, ClassMetrics>;
  /** Voice only: items labelled neutral, happy, sad or angry, read among those four. */
  accuracy4?: number;
}

export interface SubjectChange {
  /** Subjects whose adapted accuracy (pooled over seeds) is below, equal to, above their generic one. */
  worse: number;
  same: number;
  better: number;
  /** The subjects made worse, with generic and adapted accuracy. */
  worseSubjects: { subject: string; n: number; generic: number; adapted: number }[];
}

interface Common {
  seeds: number;
  subjects: number;
  /** Item readings scored, summed over seeds. */
  scored: number;
  generic: PersonalFigures;
  adapted: PersonalFigures;
  /** Accuracy per seed, generic and adapted. */
  bySeed: { generic: number[]; adapted: number[] };
  bySubject: SubjectChange;
  /** Voice only: the same on the 4-class task. */
  bySubject4?: SubjectChange;
}

/** What a partial calibration (`--taught`) did to labels never taught. */
export interface PartialReport {
  /** Scored items whose true label is taught / untaught, and accuracy on each, generic and adapted. */
  taughtN: number;
  untaughtN: number;
  taught: { generic: number; adapted: number };
  untaught: { generic: number; adapted: number };
  taughtLabels: Emotion[];
  untaughtLabels: Emotion[];
  /** Share of scored items whose adapted label is an untaught one other than the generic label. */
  movedIntoUntaught: number;
  /** Share of scored items moved into an untaught label that is wrong (the drift this measures). */
  movedIntoUntaughtWrongly: number;
  /** The same for taught labels, for comparison. */
  movedIntoTaught: number;
  movedIntoTaughtWrongly: number;
}

export type PersonalReport = Common & { k: number; partial?: PartialReport };
export type CorrectionsReport = Common & {
  rate: number;
  /** Corrections made, mean per subject and seed. */ corrections: number;
};

export interface ProtocolOptions {
  modality: PersonalModality;
  seeds: number;
  /** Also report 4-class figures over these labels (voice: neutral, happy, sad, angry). */
  four?: readonly Emotion[];
  /** The label a reading without probabilities gets (voice: neutral, as the live app). Default neutral. */
  fallback?: Emotion;
  tuning?: Partial<PersonalTuning>;
  /** Calibration draws examples of these labels only (a partial calibration). Default: every label. */
  taught?: readonly Emotion[];
}

/** Scored outcomes, tagged by seed and subject. */
export interface Scored {
  seed: number;
  subject: string;
  truth: Emotion;
  generic: EmotionProbs | null;
  adapted: EmotionProbs | null;
}

const argmaxAmong = (probs: EmotionProbs, labels: readonly Emotion[]): Emotion =>
  labels.reduce((best, l) => (probs[l] > probs[best] ? l : best));

function bySubjectOf(items: readonly CachedReading[]): Map<string, CachedReading[]> {
  const out = new Map<string, CachedReading[]>();
  for (const item of items) out.set(item.subject, [...(out.get(item.subject) ?? []), item]);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

const exampleOf = (item: CachedReading): PersonalExample | null =>
  item.probs === null ? null : { label: item.label, probs: item.probs };

/** K calibration examples per class (classes with more than K items), drawn from `pool` in a seeded order. */
function drawCalibration(
  all: readonly CachedReading[],
  pool: readonly CachedReading[],
  k: number,
  random: () => number,
  taught: readonly Emotion[],
): CachedReading[] {
  const out: CachedReading[] = [];
  for (const label of EMOTIONS) {
    if (all.filter((i) => i.label === label).length <= k) continue;
    const candidates = pool.filter((i) => i.label === label && i.probs !== null);
    shuffleInPlace(candidates, random);
    // Drawn and then dropped, so a taught label gets the same examples as in a full calibration.
    if (taught.includes(label)) out.push(...candidates.slice(0, k));
  }
  return out;
}

/**
 * One subject's calibration folds for one seed: without groups, one fold (K items of each class with more than K
 * drawn, the rest scored); with groups, one fold per group, scoring it with a calibration from the other groups.
 */
export function planCalibration(
  own: readonly CachedReading[],
  k: number,
  random: () => number,
  taught: readonly Emotion[] = EMOTIONS,
): { calibration: CachedReading[]; targets: CachedReading[] }[] {
  if (own.every((i) => i.group === undefined)) {
    const calibration = drawCalibration(own, own, k, random, taught);
    return [{ calibration, targets: own.filter((i) => !calibration.includes(i)) }];
  }
  const groups = [...new Set(own.map((i) => i.group ?? ''))].sort();
  return groups.map((group) => ({
    calibration: drawCalibration(
      own,
      own.filter((i) => (i.group ?? '') !== group),
      k,
      random,
      taught,
    ),
    targets: own.filter((i) => (i.group ?? '') === group),
  }));
}

/** The calibration protocol (see the file comment). */
export function runPersonalCalibration(
  items: readonly CachedReading[],
  k: number,
  options: ProtocolOptions,
): PersonalReport {
  const scored: Scored[] = [];
  const subjects = bySubjectOf(items);
  for (let seed = 1; seed <= options.seeds; seed++) {
    const random = mulberry32(seed);
    for (const [subject, own] of subjects) {
      for (const { calibration, targets } of planCalibration(own, k, random, options.taught)) {
        const examples = calibration.map(exampleOf).filter((e): e is PersonalExample => e !== null);
        const model = fitPersonalModel(options.modality, examples, options.tuning);
        for (const t of targets) scored.push(scoredOf(seed, subject, t, model));
      }
    }
  }
  const report: PersonalReport = { k, ...summarise(scored, subjects.size, options) };
  if (options.taught !== undefined) report.partial = partialOf(scored, options.taught, options.fallback ?? 'neutral');
  return report;
}

/** The `partial` figures of a calibration that taught only `taught` (see the file comment). */
export function partialOf(scored: readonly Scored[], taught: readonly Emotion[], fallback: Emotion): PartialReport {
  const read = (p: EmotionProbs | null) => (p === null ? fallback : argmaxLabel(p));
  const isTaught = (l: Emotion) => taught.includes(l);
  const tally = { taughtN: 0, untaughtN: 0, tg: 0, ta: 0, ug: 0, ua: 0, mu: 0, muw: 0, mt: 0, mtw: 0 };
  for (const s of scored) {
    const g = read(s.generic);
    const a = read(s.adapted);
    if (isTaught(s.truth)) {
      tally.taughtN++;
      tally.tg += +(g === s.truth);
      tally.ta += +(a === s.truth);
    } else {
      tally.untaughtN++;
      tally.ug += +(g === s.truth);
      tally.ua += +(a === s.truth);
    }
    if (a === g) continue;
    if (isTaught(a)) {
      tally.mt++;
      tally.mtw += +(a !== s.truth);
    } else {
      tally.mu++;
      tally.muw += +(a !== s.truth);
    }
  }
  const share = (v: number, n: number) => (n === 0 ? 0 : v / n);
  return {
    taughtLabels: EMOTIONS.filter(isTaught),
    untaughtLabels: EMOTIONS.filter((l) => !isTaught(l)),
    taughtN: tally.taughtN,
    untaughtN: tally.untaughtN,
    taught: { generic: share(tally.tg, tally.taughtN), adapted: share(tally.ta, tally.taughtN) },
    untaught: { generic: share(tally.ug, tally.untaughtN), adapted: share(tally.ua, tally.untaughtN) },
    movedIntoUntaught: share(tally.mu, scored.length),
    movedIntoUntaughtWrongly: share(tally.muw, scored.length),
    movedIntoTaught: share(tally.mt, scored.length),
    movedIntoTaughtWrongly: share(tally.mtw, scored.length),
  };
}

function scoredOf(seed: number, subject: string, item: CachedReading, model: PersonalModel | null): Scored {
  return {
    seed,
    subject,
    truth: item.label,
    generic: item.probs,
    adapted: item.probs === null ? null : applyPersonalModel(model, item.probs),
  };
}

/** The corrections protocol (see the file comment). */
export function runPersonalCorrections(
  items: readonly CachedReading[],
  rate: number,
  options: ProtocolOptions,
): CorrectionsReport {
  const scored: Scored[] = [];
  const subjects = bySubjectOf(items);
  const fallback = options.fallback ?? 'neutral';
  let corrections = 0;
  for (let seed = 1; seed <= options.seeds; seed++) {
    const random = mulberry32(seed);
    // Whether the person corrects is drawn apart from the order, so every tuning sees the same streams.
    const corrects = mulberry32(seed + 0x9e3779b9);
    for (const [subject, own] of subjects) {
      const stream = [...own];
      shuffleInPlace(stream, random);
      const learnt: { example: PersonalExample; group?: string }[] = [];
      let model: PersonalModel | null = null;
      stream.forEach((item, position) => {
        // With groups, the item is read by a model that never saw a correction of its own group.
        const ownGroup = item.group !== undefined && learnt.some((l) => l.group === item.group);
        const reader = ownGroup
          ? fitPersonalModel(
              options.modality,
              learnt.filter((l) => l.group !== item.group).map((l) => l.example),
              options.tuning,
            )
          : model;
        const result = scoredOf(seed, subject, item, reader);
        if (position >= Math.floor(stream.length / 2)) scored.push(result);
        const shown = result.adapted === null ? fallback : argmaxLabel(result.adapted);
        if (shown === item.label || item.probs === null || corrects() >= rate) return;
        learnt.push({ example: { label: item.label, probs: item.probs, corrective: true }, group: item.group });
        corrections++;
        model = fitPersonalModel(
          options.modality,
          learnt.map((l) => l.example),
          options.tuning,
        );
      });
    }
  }
  const report = summarise(scored, subjects.size, options);
  return { rate, ...report, corrections: subjects.size === 0 ? 0 : corrections / (subjects.size * options.seeds) };
}

function figures(outcomes: readonly Outcome[], four: readonly Emotion[] | undefined, fourRight: number, fourN: number) {
  const m = computeMetrics(outcomes);
  const out: PersonalFigures = { accuracy: m.accuracy, macroF1: m.macroF1, perClass: m.perClass };
  if (four !== undefined) out.accuracy4 = fourN === 0 ? 0 : fourRight / fourN;
  return out;
}

function summarise(scored: readonly Scored[], subjects: number, options: ProtocolOptions): Common {
  const fallback = options.fallback ?? 'neutral';
  const four = options.four;
  const read = (p: EmotionProbs | null) => (p === null ? fallback : argmaxLabel(p));
  const read4 = (p: EmotionProbs | null) => (p === null || four === undefined ? fallback : argmaxAmong(p, four));
  const generic: Outcome[] = [];
  const adapted: Outcome[] = [];
  let right4 = { generic: 0, adapted: 0, n: 0 };
  const seedTally = new Map<number, { n: number; g: number; a: number }>();
  const subjectTally = new Map<string, { n: number; g: number; a: number; n4: number; g4: number; a4: number }>();
  for (const s of scored) {
    const g = read(s.generic);
    const a = read(s.adapted);
    generic.push({ truth: s.truth, predicted: g });
    adapted.push({ truth: s.truth, predicted: a });
    const seed = seedTally.get(s.seed) ?? { n: 0, g: 0, a: 0 };
    seedTally.set(s.seed, { n: seed.n + 1, g: seed.g + +(g === s.truth), a: seed.a + +(a === s.truth) });
    const sub = subjectTally.get(s.subject) ?? { n: 0, g: 0, a: 0, n4: 0, g4: 0, a4: 0 };
    sub.n++;
    sub.g += +(g === s.truth);
    sub.a += +(a === s.truth);
    if (four?.includes(s.truth)) {
      const g4 = +(read4(s.generic) === s.truth);
      const a4 = +(read4(s.adapted) === s.truth);
      right4 = { generic: right4.generic + g4, adapted: right4.adapted + a4, n: right4.n + 1 };
      sub.n4++;
      sub.g4 += g4;
      sub.a4 += a4;
    }
    subjectTally.set(s.subject, sub);
  }
  const seeds = [...seedTally.values()];
  const change = (pick: (t: { n: number; g: number; a: number; n4: number; g4: number; a4: number }) => number[]) => {
    const out: SubjectChange = { worse: 0, same: 0, better: 0, worseSubjects: [] };
    for (const [subject, t] of subjectTally) {
      const [n = 0, g = 0, a = 0] = pick(t);
      if (n === 0) continue;
      if (a < g) {
        out.worse++;
        out.worseSubjects.push({ subject, n, generic: g / n, adapted: a / n });
      } else if (a === g) out.same++;
      else out.better++;
    }
    return out;
  };
  const report: Common = {
    seeds: options.seeds,
    subjects,
    scored: scored.length,
    generic: figures(generic, four, right4.generic, right4.n),
    adapted: figures(adapted, four, right4.adapted, right4.n),
    bySeed: { generic: seeds.map((t) => t.g / t.n), adapted: seeds.map((t) => t.a / t.n) },
    bySubject: change((t) => [t.n, t.g, t.a]),
  };
  if (four !== undefined) report.bySubject4 = change((t) => [t.n4, t.g4, t.a4]);
  return report;
}
