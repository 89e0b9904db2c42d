/**
 * `npm run eval:ci`: the evaluations CI runs when ../shared (research data, never committed) is present.
 * Each check prints its report and fails the run when a figure falls below its accepted level.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { writeFaceClip } from '../analyze/face-clip';
import { runAnalyze } from '../analyze/runner';
import { engineTarget } from '../analyze/target';
import { formatReport } from './format-table';
import { MODELS_DIR } from '../paths';
import { DEFAULT_PROMPT_SETTINGS } from '../../shared/prompts';
import type { EvalReport } from './run-eval';
import { evalFaces } from './faces';
import { evalText } from './text';
import { evalVoice } from './voice';
import { runPersonalChecks } from './ci-personal';
import { runTextChecks } from './ci-text';

const SHARED = process.env.ATTUNE_SHARED ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared');

interface Check {
  name: string;
  run: () => Promise<EvalReport & { accuracy4?: number }>;
  /** Accepted levels: the run fails if a figure is lower. */
  min: { accuracy?: number; accuracy4?: number; macroF1?: number; recall?: Partial<Record<string, number>> };
}

const FER = (): string => join(SHARED, 'datasets', 'fer2013');

/** RAVDESS actors 17–20, which voice training never sees, as a labels file of absolute paths with the actor. */
function ravdessHeldOut(): string {
  const dir = join(SHARED, 'datasets', 'ravdess');
  const [, ...rows] = readFileSync(join(dir, 'labels.csv'), 'utf8').trim().split(/\r?\n/);
  const kept = rows
    .map((row) => row.split(','))
    .filter((cells) => ['17', '18', '19', '20'].includes(cells[2] ?? ''))
    .map((cells) => `${join(dir, cells[0] ?? '')},${cells[1] ?? ''},${cells[2] ?? ''}`);
  const file = join(mkdtempSync(join(tmpdir(), 'attune-eval-')), 'ravdess-17-20.csv');
  writeFileSync(file, `path,label,actor\n${kept.join('\n')}\n`);
  return file;
}

// Levels: the figures measured when they were set (in the comments; no flip, the app's default, with the
// stacker of resources/models/expression-stacker.json) less about one point, so only a real regression fails.
const CHECKS: Check[] = [
  {
    // FER+ test (FER2013 PrivateTest's faces scored on FER+ majority labels; unclear and contempt skipped:
    // 2,716). Issue 14's target is 0.82. Measured: accuracy 0.836, macro-F1 0.718, recall sad 0.667,
    // angry 0.877, fearful 0.700 (50 faces).
    name: 'faces: FER+ test',
    run: () => evalFaces({ path: join(SHARED, 'datasets', 'ferplus', 'labels.csv'), split: 'PrivateTest' }),
    min: { accuracy: 0.826, macroF1: 0.705, recall: { sad: 0.65, angry: 0.86 } },
  },
  {
    // CK+48, posed lab faces (927; contempt skipped). Half its subjects were one of the stacker's three
    // fitting domains (held-out half alone: 0.894). Issue 14's target is 0.75. Measured: accuracy 0.901,
    // recall sad 0.833, angry 0.748, fearful 0.720, disgusted 0.938.
    name: 'faces: CK+48',
    run: () => evalFaces({ path: join(SHARED, 'datasets', 'ckplus48', 'labels.csv') }),
    min: { accuracy: 0.89, recall: { sad: 0.81, angry: 0.73, fearful: 0.7, disgusted: 0.92 } },
  },
  {
    // FER2013 PrivateTest (3,589 faces) on FER2013's own labels; its PublicTest half is in the stacker's
    // fitting mix. Since the FER+ fine-tune (issue 14) the models follow FER+'s labels, which agree with
    // FER2013's on 72% of these faces: 0.705 before, now under issue 14's 0.69 (see MODELS.md). Measured:
    // accuracy 0.667, macro-F1 0.644, recall sad 0.458, angry 0.582, fearful 0.307; FER2013 test 0.658.
    name: 'faces: FER2013 PrivateTest',
    run: () => evalFaces({ path: join(FER(), 'labels.csv'), split: 'PrivateTest' }),
    min: { accuracy: 0.657, macroF1: 0.634, recall: { sad: 0.448, angry: 0.572, fearful: 0.297 } },
  },
  {
    // GoEmotions Ekman test, single-label rows (4,968). Measured: accuracy 0.667, macro-F1 0.592 (trained on
    // GoEmotions + dair-emotion; GoEmotions alone gave 0.681 / 0.622). The target is 0.66.
    // dair-emotion and EmoBank: eval/ci-text.ts.
    name: 'text: GoEmotions test',
    run: () => evalText(join(SHARED, 'datasets', 'goemotions', 'ekman', 'test.tsv')),
    min: { accuracy: 0.66, macroF1: 0.58 },
  },
  {
    // RAVDESS actors 17–20 (240 clips; 22 hold no audible speech and count as neutral), whole pipeline
    // (logistic model blended with the log-mel CNN), no speaker baseline. Measured: 7-class accuracy 0.633,
    // 4-class 0.708, macro-F1 0.600 (the logistic model alone: 0.529 / 0.646). The voice issue's targets are
    // 0.55 and 0.70; 4-class holds by one file of 144, so its floor sits a point under the measure.
    name: 'voice: RAVDESS actors 17-20',
    run: () => evalVoice(ravdessHeldOut()),
    min: { accuracy: 0.62, accuracy4: 0.695 },
  },
  {
    // The same clips, speaker-adapted (`--speaker-column actor`): each actor's files in a seeded order, judged
    // against the running baseline of their earlier files, as the app adapts to its user. Measured: 7-class
    // 0.592, 4-class 0.667: on these four actors the baseline does not help (two of them lost most calm and
    // soft sad clips to digital silence, which skews their baselines towards aroused speech); in
    // cross-validation on actors 01–16 it adds 0 and 3.4 points.
    name: 'voice: RAVDESS actors 17-20, speaker-adapted',
    run: () => evalVoice(ravdessHeldOut(), { speakerColumn: 'actor' }),
    min: { accuracy: 0.58, accuracy4: 0.655 },
  },
];

function failures(report: EvalReport & { accuracy4?: number }, min: Check['min']): string[] {
  const out: string[] = [];
  if (min.accuracy !== undefined && report.accuracy < min.accuracy)
    out.push(`accuracy ${report.accuracy.toFixed(3)} < ${min.accuracy}`);
  if (min.accuracy4 !== undefined && (report.accuracy4 ?? 0) < min.accuracy4)
    out.push(`4-class accuracy ${(report.accuracy4 ?? 0).toFixed(3)} < ${min.accuracy4}`);
  if (min.macroF1 !== undefined && report.macroF1 < min.macroF1)
    out.push(`macro-F1 ${report.macroF1.toFixed(3)} < ${min.macroF1}`);
  for (const [label, level] of Object.entries(min.recall ?? {})) {
    const recall = report.perClass[label as keyof EvalReport['perClass']]?.recall ?? 0;
    if (level !== undefined && recall < level) out.push(`${label} recall ${recall.toFixed(3)} < ${level}`);
  }
  if (report.errors.length > 0) out.push(`${report.errors.length} files could not be evaluated`);
  return out;
}

/**
 * `analyze` on 20 minutes of a camera looking at faces of one expression (the first 60 FER2013 test photos of
 * that label, 2 s each, looped), with prompts on. Sad faces must bring at least one prompt and at most the
 * daily cap; happy and neutral faces none. Returns the problems found.
 */
async function analyzeCheck(label: 'sad' | 'happy' | 'neutral'): Promise<string[]> {
  const dir = join(FER(), 'test', label);
  const files = readdirSync(dir).sort().slice(0, 60);
  const video = join(mkdtempSync(join(tmpdir(), 'attune-clip-')), `${label}.y4m`);
  writeFaceClip(
    files.map((f) => join(dir, f)),
    video,
  );
  const target = await engineTarget({ modelsDir: MODELS_DIR, prompts: true, voice: false });
  const result = await runAnalyze({ video, loopForMs: 20 * 60_000, prompts: true }, target).finally(() =>
    target.close(),
  );
  const shares = Object.entries(result.summary.byLabel)
    .filter(([, share]) => share >= 0.05)
    .map(([l, share]) => `${l} ${(share * 100).toFixed(0)}%`)
    .join(', ');
  console.log(`${files.length} ${label} faces, 20 min: ${shares}; prompts ${result.prompts.length}`);
  for (const p of result.prompts) {
    const e = p.evidence;
    console.log(`  ${p.t} s: ${p.reason}, share ${e.share.toFixed(2)} of ${(e.evidenceMs / 60_000).toFixed(1)} min`);
  }
  const n = result.prompts.length;
  if (label === 'sad') {
    return n >= 1 && n <= DEFAULT_PROMPT_SETTINGS.dailyCap ? [] : [`${n} prompts for sad faces (want 1 to the cap)`];
  }
  return n === 0 ? [] : [`${n} prompts for ${label} faces (want none)`];
}

async function main(): Promise<number> {
  if (!existsSync(SHARED)) {
    console.log(`eval:ci: ${SHARED} not found; nothing to evaluate.`);
    return 0;
  }
  let failed = 0;
  for (const check of CHECKS) {
    console.log(`\n== ${check.name}`);
    const report = await check.run();
    process.stdout.write(formatReport(report));
    const problems = failures(report, check.min);
    console.log(problems.length ? `FAILED: ${problems.join('; ')}` : 'ok');
    if (problems.length) failed++;
  }
  const personal = await runPersonalChecks(SHARED);
  failed += personal.failed;
  const text = await runTextChecks(SHARED);
  failed += text.failed;
  // Voice activity detection on the shared speech clip: every sentence found within 200 ms.
  console.log('\n== voice: VAD boundaries on speech-8-emotions-16k.wav');
  const vad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'eval', 'vad', '--shared', SHARED], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
    stdio: 'inherit',
  });
  if (vad.status !== 0) failed++;
  const labels = ['sad', 'happy', 'neutral'] as const;
  for (const label of labels) {
    console.log(`\n== analyze: break prompts on ${label} faces`);
    const problems = await analyzeCheck(label);
    console.log(problems.length ? `FAILED: ${problems.join('; ')}` : 'ok');
    if (problems.length) failed++;
  }
  console.log(
    `\neval:ci: ${CHECKS.length + personal.run + text.run + 1 + labels.length - failed} passed, ${failed} failed`,
  );
  return failed ? 1 : 0;
}

process.exitCode = await main();
