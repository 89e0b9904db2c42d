/**
 * `attune classify <file.csv|file.tsv|file.jsonl> [--column NAME|N] [--json|--csv]`: every message of a file
 * through the text model the engine uses for check-ins and the text endpoint (TextClassifier.classify, so a
 * retrained model or one with its own valence/arousal output is picked up as it is).
 *   default  the summary in words on stdout
 *   --csv    one CSV line per message on stdout (line, label, confidence, valence, arousal, p_<emotion>…, text);
 *            the summary goes to stderr
 *   --json   `{ source, layout, summary, rows, skipped }` on stdout
 * The progress bar and skipped rows go to stderr; skipped rows never stop the run.
 */
import { performance } from 'node:perf_hooks';
import { AttuneError } from '../../shared/envelope';
import type { TextClassification } from '../../engine/text/text-classifier';
import { executeCommand, HELP, options, type CliCommand, type CliIo, type Parsed } from '../args/command';
import { parseStrict, stringOption } from '../args/strict';
import { ProgressBar } from '../eval/progress';
import { CSV_HEADER, csvLine, formatBadRows, formatSummary } from './format';
import { readMessages } from './read-messages';
import { summarise, type ClassifiedRow } from './summary';

export const CLASSIFY_USAGE = 'usage: attune classify <file.csv|file.tsv|file.jsonl> [--column NAME|N] [--json|--csv]';

export type ClassifyIo = CliIo;

/** What classify needs of the text model; TextClassifier is one. */
export interface MessageClassifier {
  classify(text: string): TextClassification;
}

export interface ClassifyArgs {
  file: string;
  column?: string;
  output: 'text' | 'csv' | 'json';
}

export function parseClassifyArgs(argv: readonly string[]): Parsed<ClassifyArgs> {
  const { help, values, positionals } = parseStrict(
    argv,
    {
      column: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
    },
    // Any number, so that none or a second file is refused with the message below.
    { min: 0, max: Number.POSITIVE_INFINITY },
  );
  if (help) return HELP;
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) throw new AttuneError('bad-input', 'name exactly one file');
  if (values.json && values.csv) throw new AttuneError('bad-input', '--json and --csv exclude each other');
  const column = stringOption(values, 'column');
  return options({ file, column, output: values.json ? 'json' : values.csv ? 'csv' : 'text' });
}

/** `classify` as a row of the command table; the text model comes from `load`. */
export function classifyCommand(load: () => MessageClassifier): CliCommand<ClassifyArgs> {
  return {
    summary: 'every message of a file through the text model: a summary, CSV or JSON',
    usage: CLASSIFY_USAGE,
    parse: parseClassifyArgs,
    run: (args, io) => {
      classifyFile(args, io, load);
      return Promise.resolve(0);
    },
  };
}

/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad usage). Bugs are rethrown. */
export function runClassifyCommand(argv: string[], io: ClassifyIo, load: () => MessageClassifier): Promise<number> {
  return executeCommand('classify', classifyCommand(load), argv, io);
}

function classifyFile(args: ClassifyArgs, io: ClassifyIo, load: () => MessageClassifier): void {
  const now = io.now ?? (() => performance.now());
  const started = now();
  const { messages, bad, layout } = readMessages(args.file, args.column);
  const classifier = load();
  const bar = new ProgressBar('classify', {
    stream: { write: (s) => (io.stderr(s), true), isTTY: io.stderrIsTTY === true },
    now,
  });
  const rows: ClassifiedRow[] = [];
  if (args.output === 'csv') io.stdout(`${CSV_HEADER.join(',')}\n`);
  messages.forEach((m, i) => {
    const { label, confidence, valence, arousal, probs } = classifier.classify(m.text);
    const row: ClassifiedRow = { line: m.line, text: m.text, label, confidence, valence, arousal, probs };
    rows.push(row);
    if (args.output === 'csv') io.stdout(`${csvLine(row)}\n`);
    // Every 256 rows: the bar redraws at most every 100 ms anyway, and the check costs more than a message.
    if (i % 256 === 0) bar.update(i, messages.length);
  });
  bar.update(messages.length, messages.length);
  bar.finish();
  io.stderr(formatBadRows(args.file, bad));
  const summary = summarise(rows, bad.length);
  const seconds = (now() - started) / 1000;
  const source = `${args.file} (${layout})`;
  if (args.output === 'json') {
    io.stdout(`${JSON.stringify({ source: args.file, layout, summary, rows, skipped: bad })}\n`);
  } else if (args.output === 'csv') io.stderr(formatSummary(summary, source, seconds));
  else io.stdout(formatSummary(summary, source, seconds));
}
