/**
 * `npm run -s attune -- <command>`: the engine's own code on files.
 *   eval faces <dir|labels.csv> [--split NAME] [--flip] [--crop detect|whole-image-if-small] [--models human,faceapi,attune] [--json]
 *   eval voice <dir|labels.csv> [--split NAME] [--speaker-column NAME] [--json]
 *   eval faces|voice … --personal K|--corrections RATE --subject-column NAME [--group-column NAME] [--seeds N]
 *   eval text <file.csv|file.tsv> [--json]
 *   bench [--json] [--runs N] [--faceapi-runs N] [--text-messages N] [--voice-seconds N] [--realtime-seconds N]
 *         [--history-days N] [--feed-seconds N]
 *   analyze --video <file> [--audio <file.wav>] [--text <file.jsonl>] [--loop-for <duration>] [--fps N] [--prompts] [--json]
 *   classify <file.csv|file.tsv|file.jsonl> [--column NAME|N] [--json|--csv]
 *   soak [--minutes N] [--fps N] [--kill-engine-every DURATION] [--json]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AttuneError } from '../shared/envelope';
import { TextClassifier } from '../engine/text/text-classifier';
import { EXPRESSION_MODEL_IDS, isExpressionModelId, type ExpressionModelId } from '../engine/vision/expression';
import { runAnalyzeCommand } from './analyze/command';
import { runClassifyCommand } from './classify/command';
import { runSoakCommand } from './soak/command';
import { engineTarget } from './analyze/target';
import { runBench } from './bench/bench';
import { formatReport } from './eval/format-table';
import { PersonalRun, formatPersonal, parsePersonalArgs, type PersonalValues } from './eval/personal-args';
import { evalFaces } from './eval/faces';
import { evalText, formatTextReport } from './eval/text';
import { FOUR as VOICE_FOUR, evalVoice } from './eval/voice';
import { MODELS_DIR } from './paths';

const USAGE = `usage:
  attune eval faces <dir|labels.csv> [--split NAME] [--flip] [--crop detect|whole-image-if-small]
                    [--models human,faceapi,attune] [--json]
  attune eval voice <dir|labels.csv> [--split NAME] [--speaker-column NAME] [--json]
  attune eval faces|voice <labels.csv> … [--personal K] [--corrections RATE] --subject-column NAME
                    [--group-column NAME] [--seeds N]   (personal adaptation; either of --personal, --corrections)
  attune eval text <file.csv|file.tsv> [--json]
  attune bench [--runs N] [--faceapi-runs N] [--text-messages N] [--voice-seconds N] [--realtime-seconds N]
               [--history-days N] [--feed-seconds N] [--json]
  attune analyze --video <file> [--audio <file.wav>] [--text <file.jsonl>] [--loop-for <duration>]
                 [--fps N] [--prompts] [--json]
  attune classify <file.csv|file.tsv|file.jsonl> [--column NAME|N] [--json|--csv]
  attune soak [--minutes N] [--fps N] [--kill-engine-every DURATION] [--json]`;

async function main(argv: string[]): Promise<number> {
  // analyze has options of its own and parses them itself.
  if (argv[0] === 'analyze') {
    return runAnalyzeCommand(
      argv.slice(1),
      {
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
        stderrIsTTY: process.stderr.isTTY,
      },
      (options) =>
        engineTarget({ modelsDir: MODELS_DIR, prompts: options.prompts ?? false, voice: options.audio !== undefined }),
    );
  }
  if (argv[0] === 'soak') {
    return runSoakCommand(argv.slice(1), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
    });
  }
  if (argv[0] === 'classify') {
    const io = {
      stdout: (s: string) => process.stdout.write(s),
      stderr: (s: string) => process.stderr.write(s),
      stderrIsTTY: process.stderr.isTTY,
    };
    return runClassifyCommand(argv.slice(1), io, () => TextClassifier.load(join(MODELS_DIR, 'text-emotion.json')));
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      split: { type: 'string' },
      'speaker-column': { type: 'string' },
      flip: { type: 'boolean', default: false },
      crop: { type: 'string' },
      models: { type: 'string' },
      runs: { type: 'string' },
      'faceapi-runs': { type: 'string' },
      'text-messages': { type: 'string' },
      'voice-seconds': { type: 'string' },
      'realtime-seconds': { type: 'string' },
      'history-days': { type: 'string' },
      'feed-seconds': { type: 'string' },
      personal: { type: 'string' },
      corrections: { type: 'string' },
      'subject-column': { type: 'string' },
      'group-column': { type: 'string' },
      seeds: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, task, path] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const print = (value: unknown, text: string): void => {
    process.stdout.write(values.json ? `${JSON.stringify(value)}\n` : text);
  };
  if (command === 'eval' && task === 'faces' && path) {
    const crop = values.crop;
    if (crop !== undefined && crop !== 'detect' && crop !== 'whole-image-if-small') {
      throw new AttuneError('bad-input', `--crop must be detect or whole-image-if-small, got ${crop}`);
    }
    const models = values.models?.split(',').map((m) => m.trim());
    if (models?.some((m) => !isExpressionModelId(m))) {
      throw new AttuneError('bad-input', `--models takes ${EXPRESSION_MODEL_IDS.join(', ')}, got ${values.models}`);
    }
    const personal = personalRun(values, 'face');
    const report = await evalFaces({
      path,
      split: values.split,
      flip: values.flip,
      crop,
      models: models as ExpressionModelId[] | undefined,
      subjectColumn: personal?.args.subjectColumn,
      groupColumn: personal?.args.groupColumn,
      onReading: personal?.onReading,
    });
    const extra = personal?.results() ?? {};
    print({ ...report, ...extra }, formatReport(report) + formatPersonal(extra));
    return 0;
  }
  if (command === 'eval' && task === 'voice' && path) {
    const personal = personalRun(values, 'voice');
    const report = await evalVoice(path, {
      split: values.split,
      speakerColumn: values['speaker-column'],
      subjectColumn: personal?.args.subjectColumn,
      groupColumn: personal?.args.groupColumn,
      onReading: personal?.onReading,
    });
    const adapted = report.speakerBaseline === 'running' ? 'speaker-adapted (running baseline)' : 'no speaker baseline';
    const extra = personal?.results() ?? {};
    print(
      { ...report, ...extra },
      `${formatReport(report)}4-class accuracy (neutral, happy, sad, angry): ${report.accuracy4.toFixed(3)}\n` +
        `${adapted}\n${formatPersonal(extra)}`,
    );
    return 0;
  }
  if (command === 'eval' && task === 'text' && path) {
    const report = await evalText(path);
    print(report, formatTextReport(report));
    return 0;
  }
  if (command === 'bench') {
    const result = await runBench({
      runs: values.runs ? Number(values.runs) : undefined,
      faceapiRuns: values['faceapi-runs'] ? Number(values['faceapi-runs']) : undefined,
      textMessages: values['text-messages'] ? Number(values['text-messages']) : undefined,
      voiceSeconds: values['voice-seconds'] ? Number(values['voice-seconds']) : undefined,
      realtimeSeconds: values['realtime-seconds'] ? Number(values['realtime-seconds']) : undefined,
      historyDays: values['history-days'] ? Number(values['history-days']) : undefined,
      feedSeconds: values['feed-seconds'] ? Number(values['feed-seconds']) : undefined,
    });
    print(result.json, result.text);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

/** The personal-adaptation run asked for by --personal / --corrections, or undefined. */
function personalRun(values: PersonalValues, modality: 'face' | 'voice'): PersonalRun | undefined {
  const args = parsePersonalArgs(values);
  if (args === null) return undefined;
  return new PersonalRun(args, modality, modality === 'voice' ? VOICE_FOUR : undefined);
}

main(process.argv.slice(2)).then(
  // Exit once stdout has drained: a piped JSON report longer than the pipe's buffer would be cut short.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    const kind = err instanceof AttuneError ? `${err.kind}: ` : '';
    console.error(`attune: ${kind}${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
