/**
 * eval:ci's personal-adaptation checks (issue 13): the calibration protocol of `eval faces|voice --personal K`
 * on CK+48 by subject and sequence (K = 1) and on RAVDESS actors 01-20 by actor (K = 2, actors 17-20, which
 * voice training never saw, also on their own, and heard through a synthetic shift: shifted-voice.ts), plus the
 * corrections protocol at rate 0.5. Each data set goes through the live pipeline once; the protocols run on
 * the cached readings. CK+48 is also scored by subject only, where neutral is never taught, to hold down the
 * drift into untaught labels. Floors sit a little under the figures measured when they were set (in the
 * comments), so only a real regression fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emotion } from '../../shared/labels';
import { FOUR, evalVoice } from './voice';
import { evalFaces } from './faces';
import { PersonalRun, formatPersonal } from './personal-args';
import type { CachedReading, CorrectionsReport, PersonalReport } from './personal-protocol';
import { runPersonalCalibration } from './personal-protocol';
import { writeShiftedCopy } from './shifted-voice';

type Report = PersonalReport | CorrectionsReport;

/** Problems with `report` against its floors. */
function below(
  name: string,
  report: Report | undefined,
  min: { accuracy?: number; gain?: number; gain4?: number; worse?: number; worse4?: number },
): string[] {
  if (report === undefined) return [`${name}: no report`];
  const out: string[] = [];
  const { generic, adapted } = report;
  if (min.accuracy !== undefined && adapted.accuracy < min.accuracy) {
    out.push(`${name}: adapted accuracy ${adapted.accuracy.toFixed(3)} < ${min.accuracy}`);
  }
  if (min.gain !== undefined && adapted.accuracy - generic.accuracy < min.gain) {
    out.push(`${name}: gain ${(adapted.accuracy - generic.accuracy).toFixed(3)} < ${min.gain}`);
  }
  const gain4 = (adapted.accuracy4 ?? 0) - (generic.accuracy4 ?? 0);
  if (min.gain4 !== undefined && gain4 < min.gain4)
    out.push(`${name}: 4-class gain ${gain4.toFixed(3)} < ${min.gain4}`);
  if (min.worse !== undefined && report.bySubject.worse > min.worse) {
    out.push(`${name}: ${report.bySubject.worse} subjects made worse (at most ${min.worse})`);
  }
  const worse4 = report.bySubject4?.worse ?? 0;
  if (min.worse4 !== undefined && worse4 > min.worse4) {
    out.push(`${name}: ${worse4} subjects made worse on the 4-class task (at most ${min.worse4})`);
  }
  return out;
}

/** CK+48's expressions (it has no neutral, so neutral is never taught there: a label a reading can drift to). */
const CKPLUS_LABELS: readonly Emotion[] = ['happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];

async function ckplus(shared: string): Promise<string[]> {
  const run = new PersonalRun(
    { k: 1, corrections: 0.5, subjectColumn: 'subject', groupColumn: 'sequence', seeds: 5 },
    'face',
  );
  const readings: CachedReading[] = [];
  const path = join(shared, 'datasets', 'ckplus48', 'labels.csv');
  await evalFaces({
    path,
    subjectColumn: 'subject',
    groupColumn: 'sequence',
    onReading: (item, probs) => {
      run.onReading(item, probs);
      readings.push({ label: item.label, subject: item.subject ?? '', probs });
    },
  });
  const results = run.results();
  process.stdout.write(formatPersonal(results));
  // By subject only (no groups): a calibration frame's near copies are scored, and every untaught label gets
  // its chance to take readings that fall far from every taught prototype (the drift maxPenalty bounds).
  const bySubject = runPersonalCalibration(readings, 1, { modality: 'face', seeds: 5, taught: CKPLUS_LABELS });
  console.log('by subject only:');
  process.stdout.write(formatPersonal({ personal: bySubject }));
  const drift = bySubject.partial?.movedIntoUntaughtWrongly ?? 1;
  return [
    // Measured with the FER+-trained face models (b1801d1): generic 0.901, adapted 0.915 (macro-F1 0.774 -> 0.794),
    // 0 of 106 subjects worse (with the FER2013-only models it was 0.680 -> 0.742).
    ...below('CK+48, K = 1', results.personal, { accuracy: 0.905, gain: 0.008, worse: 0 }),
    // Measured: last half 0.900 -> 0.900, 0 subjects worse (0.677 -> 0.692 with the FER2013-only models): the
    // generic reading is rarely wrong here, so few corrections are made; the floor guards against harm.
    ...below('CK+48, corrections 0.5', results.corrections, { accuracy: 0.89, gain: 0, worse: 0 }),
    // Measured with maxPenalty 1.5: 0.899 -> 0.959, 5 of 106 subjects worse, 0.8% of readings moved wrongly into
    // neutral (never taught on CK+); without the bound it was 0.944, 11 worse and 1.7%.
    ...below('CK+48 by subject, K = 1', bySubject, { accuracy: 0.95, worse: 6 }),
    ...(drift > 0.011 ? [`CK+48 by subject: ${(100 * drift).toFixed(1)}% of readings moved wrongly into neutral`] : []),
  ];
}

async function ravdess(shared: string): Promise<string[]> {
  const readings: CachedReading[] = [];
  const run = new PersonalRun({ k: 2, corrections: 0.5, subjectColumn: 'actor', seeds: 5 }, 'voice', FOUR);
  await evalVoice(join(shared, 'datasets', 'ravdess', 'labels.csv'), {
    subjectColumn: 'actor',
    onReading: (item, probs) => {
      run.onReading(item, probs);
      if (Number(item.subject) >= 17) readings.push({ label: item.label, subject: item.subject ?? '', probs });
    },
  });
  const all = run.results();
  console.log("actors 01-20 (01-16 are the voice models' training actors):");
  process.stdout.write(formatPersonal(all));
  const heldOut = runPersonalCalibration(readings, 2, { modality: 'voice', seeds: 5, four: FOUR });
  console.log('actors 17-20:');
  process.stdout.write(formatPersonal({ personal: heldOut }));
  return [
    // Measured: 4-class 0.870 -> 0.869 (7-class 0.848 -> 0.848); 1 actor worse (17: 4-class 0.729 -> 0.707). The
    // 16 training actors are read well already and left alone; the floor guards against harm, not for a gain.
    ...below('RAVDESS 01-20, K = 2', all.personal, { gain4: -0.005, worse4: 1 }),
    // Measured: last half 4-class 0.881 -> 0.883 (7-class 0.858 -> 0.865), 0 actors worse.
    ...below('RAVDESS 01-20, corrections 0.5', all.corrections, { gain: 0, gain4: -0.005, worse: 1 }),
    // Measured: 4-class 0.718 -> 0.721 (7-class 0.648 -> 0.658), 0 of 4 actors worse.
    ...below('RAVDESS 17-20, K = 2', heldOut, { gain4: 0, worse4: 0, worse: 0 }),
  ];
}

/**
 * RAVDESS actors 17-20 through a shift the voice models never heard (shifted-voice.ts: pitch, pace, room, level,
 * band limits), K = 2: the voice class offsets' case, a voice the generic model reads with a lean.
 */
async function ravdessShifted(shared: string): Promise<string[]> {
  const out = mkdtempSync(join(tmpdir(), 'attune-ravdess-shifted-'));
  try {
    writeShiftedCopy(join(shared, 'datasets', 'ravdess'), out, 17, 20);
    const readings: CachedReading[] = [];
    await evalVoice(join(out, 'labels.csv'), {
      subjectColumn: 'actor',
      onReading: (item, probs) => readings.push({ label: item.label, subject: item.subject ?? '', probs }),
    });
    const report = runPersonalCalibration(readings, 2, { modality: 'voice', seeds: 5, four: FOUR });
    process.stdout.write(formatPersonal({ personal: report }));
    // Measured: 4-class 0.511 -> 0.554 (7-class 0.378 -> 0.438), 0 of 4 actors worse; before the class offsets
    // 0.511 -> 0.514.
    return below('RAVDESS 17-20 shifted, K = 2', report, { gain4: 0.03, gain: 0.03, worse4: 0, worse: 0 });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs the checks, printing each; returns how many ran and how many failed. */
export async function runPersonalChecks(shared: string): Promise<{ run: number; failed: number }> {
  let failed = 0;
  const checks = [
    { name: 'personal: CK+48 by subject and sequence', run: ckplus },
    { name: 'personal: RAVDESS 01-20 by actor', run: ravdess },
    { name: 'personal: RAVDESS 17-20 shifted (pitch, pace, room, level, band) by actor', run: ravdessShifted },
  ];
  for (const check of checks) {
    console.log(`\n== ${check.name}`);
    const problems = await check.run(shared);
    console.log(problems.length ? `FAILED: ${problems.join('; ')}` : 'ok');
    if (problems.length) failed++;
  }
  return { run: checks.length, failed };
}
