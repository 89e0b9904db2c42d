/**
 * The personal-adaptation options of `eval faces|voice`: `--personal K`, `--corrections RATE`,
 * `--subject-column NAME`, `--group-column NAME`, `--seeds N`, `--taught LABEL,LABEL…` (a partial calibration). Validated here so a bad value is a bad-input
 * error before any file is read.
 */
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, isEmotion, type Emotion } from '../../shared/labels';
import type { PersonalModality } from '../../engine/personal/personal-model';
import type { LabelledItem } from './dataset';
import {
  runPersonalCalibration,
  runPersonalCorrections,
  type CachedReading,
  type CorrectionsReport,
  type PersonalReport,
} from './personal-protocol';

export interface PersonalArgs {
  /** Calibration items per class and subject; absent: no calibration protocol. */
  k?: number;
  /** Probability a wrong reading is corrected; absent: no corrections protocol. */
  corrections?: number;
  subjectColumn: string;
  groupColumn?: string;
  /** Default 5. */
  seeds: number;
  /** With `k`: calibrate only these labels (the person skipped the other steps). Default: every label. */
  taught?: Emotion[];
}

export interface PersonalValues {
  personal?: string;
  corrections?: string;
  'subject-column'?: string;
  'group-column'?: string;
  seeds?: string;
  taught?: string;
}

const DEFAULT_SEEDS = 5;

/** The personal options, or null when none of `--personal`/`--corrections` is given. */
export function parsePersonalArgs(values: PersonalValues): PersonalArgs | null {
  const { personal, corrections, seeds, taught } = values;
  const subjectColumn = values['subject-column'];
  const groupColumn = values['group-column'];
  if (personal === undefined && corrections === undefined) {
    if (groupColumn !== undefined || seeds !== undefined || subjectColumn !== undefined || taught !== undefined) {
      throw new AttuneError(
        'bad-input',
        '--subject-column, --group-column, --seeds and --taught go with --personal or --corrections',
      );
    }
    return null;
  }
  if (subjectColumn === undefined || subjectColumn.trim() === '') {
    throw new AttuneError('bad-input', '--personal and --corrections need --subject-column NAME');
  }
  const k = personal === undefined ? undefined : Number(personal);
  if (k !== undefined && (!Number.isInteger(k) || k < 1 || k > 100)) {
    throw new AttuneError(
      'bad-input',
      `--personal takes a whole number of items per class from 1 to 100, got ${personal}`,
    );
  }
  const rate = corrections === undefined ? undefined : Number(corrections);
  if (rate !== undefined && (corrections?.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1)) {
    throw new AttuneError('bad-input', `--corrections takes a rate from 0 to 1, got ${corrections}`);
  }
  const n = seeds === undefined ? DEFAULT_SEEDS : Number(seeds);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new AttuneError('bad-input', `--seeds takes a whole number from 1 to 1000, got ${seeds}`);
  }
  const out: PersonalArgs = { subjectColumn, seeds: n };
  if (taught !== undefined) {
    if (k === undefined) throw new AttuneError('bad-input', '--taught goes with --personal K');
    out.taught = parseTaught(taught);
  }
  if (k !== undefined) out.k = k;
  if (rate !== undefined) out.corrections = rate;
  if (groupColumn !== undefined) out.groupColumn = groupColumn;
  return out;
}

/** `--taught neutral,happy`: known labels, at least one, no repeats; EMOTIONS order. */
function parseTaught(text: string): Emotion[] {
  const names = text.split(',').map((n) => n.trim());
  const bad = names.filter((n) => !isEmotion(n));
  if (names.length === 0 || bad.length > 0) {
    throw new AttuneError(
      'bad-input',
      `--taught takes labels from ${EMOTIONS.join(', ')} separated by commas, got ${text === '' ? 'nothing' : text}`,
    );
  }
  if (new Set(names).size !== names.length) throw new AttuneError('bad-input', `--taught names a label twice: ${text}`);
  return EMOTIONS.filter((l) => names.includes(l));
}

/** Collects each item's generic reading as the eval runs, then runs the protocols asked for on them. */
export class PersonalRun {
  private readonly readings: CachedReading[] = [];

  constructor(
    readonly args: PersonalArgs,
    private readonly modality: PersonalModality,
    private readonly four?: readonly Emotion[],
  ) {}

  /** The eval's `onReading` hook. */
  readonly onReading = (item: LabelledItem, probs: Record<Emotion, number> | null): void => {
    const reading: CachedReading = { label: item.label, subject: item.subject ?? '', probs };
    if (item.group !== undefined) reading.group = item.group;
    this.readings.push(reading);
  };

  /** The report fields: `personal` (with --personal) and `corrections` (with --corrections). */
  results(): { personal?: PersonalReport; corrections?: CorrectionsReport } {
    const options = { modality: this.modality, seeds: this.args.seeds, four: this.four };
    const out: { personal?: PersonalReport; corrections?: CorrectionsReport } = {};
    if (this.args.k !== undefined) {
      out.personal = runPersonalCalibration(this.readings, this.args.k, { ...options, taught: this.args.taught });
    }
    if (this.args.corrections !== undefined) {
      out.corrections = runPersonalCorrections(this.readings, this.args.corrections, options);
    }
    return out;
  }
}

const pct = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(3));

/** The text lines for the personal figures. */
export function formatPersonal(results: { personal?: PersonalReport; corrections?: CorrectionsReport }): string {
  const lines: string[] = [];
  const row = (name: string, r: PersonalReport | CorrectionsReport) => {
    const four =
      r.generic.accuracy4 === undefined ? '' : `, 4-class ${pct(r.generic.accuracy4)} -> ${pct(r.adapted.accuracy4)}`;
    lines.push(
      `${name}: accuracy ${pct(r.generic.accuracy)} -> ${pct(r.adapted.accuracy)}, macro-F1 ${pct(r.generic.macroF1)} -> ` +
        `${pct(r.adapted.macroF1)}${four} (${r.subjects} subjects, ${r.scored} readings scored over ${r.seeds} seeds; ` +
        `subjects worse ${r.bySubject.worse}, same ${r.bySubject.same}, better ${r.bySubject.better})`,
    );
  };
  if (results.personal) row(`personal, K = ${results.personal.k} (generic -> adapted)`, results.personal);
  const partial = results.personal?.partial;
  if (partial) {
    lines.push(
      `partial calibration, taught ${partial.taughtLabels.join(', ')}: accuracy on untaught labels ` +
        `${pct(partial.untaught.generic)} -> ${pct(partial.untaught.adapted)} (${partial.untaughtN} readings), on taught ` +
        `${pct(partial.taught.generic)} -> ${pct(partial.taught.adapted)} (${partial.taughtN}); moved into an untaught ` +
        `label ${pct(partial.movedIntoUntaught)} of readings (wrongly ${pct(partial.movedIntoUntaughtWrongly)}), into ` +
        `a taught one ${pct(partial.movedIntoTaught)} (wrongly ${pct(partial.movedIntoTaughtWrongly)})`,
    );
  }
  if (results.corrections) {
    row(
      `corrections at rate ${results.corrections.rate}, last half of each stream (generic -> adapted)`,
      results.corrections,
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
