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
import { parseArgs } from 'node:util';
import { AttuneError } from '../../shared/envelope';
import type { TextClassification } from '../../engine/text/text-classifier';
import { ProgressBar } from '../eval/progress';
import { CSV_HEADER, csvLine, formatBadRows, formatSummary } from './format';
import { readMessages } from './read-messages';
import { summarise, type ClassifiedRow } from './summary';

export const CLASSIFY_USAGE = 'usage: attune classify <file.csv|file.tsv|file.jsonl> [--column NAME|N] [--json|--csv]';

export interface ClassifyIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** stderr is a terminal, so the progress bar can redraw in place. Default false (no bar). */
  stderrIsTTY?: boolean;
  /** Wall clock, ms (progress and the summary's duration). Default performance.now. */
  now?: () => number;
}

/** What classify needs of the text model; TextClassifier is one. */
export interface MessageClassifier {
  classify(text: string): TextClassification;
}

interface ClassifyArgs {
  file: string;
  column?: string;
  output: 'text' | 'csv' | 'json';
}

function parseClassifyArgs(argv: string[]): ClassifyArgs | 'help' {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      column: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) throw new AttuneError('bad-input', 'name exactly one file');
  if (values.json && values.csv) throw new AttuneError('bad-input', '--json and --csv exclude each other');
  if (values.column !== undefined && values.column.trim() === '')
    throw new AttuneError('bad-input', '--column is empty');
  return { file, column: values.column, output: values.json ? 'json' : values.csv ? 'csv' : 'text' };
}

/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad usage). Bugs are rethrown. */
export function runClassifyCommand(argv: string[], io: ClassifyIo, load: () => MessageClassifier): number {
  let args: ClassifyArgs | 'help';
  try {
    args = parseClassifyArgs(argv);
  } catch (err) {
    // parseArgs throws plain TypeErrors with a code for unknown options: usage errors all the same.
    io.stderr(`attune classify: ${err instanceof Error ? err.message : String(err)}\n${CLASSIFY_USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(`${CLASSIFY_USAGE}\n`);
    return 0;
  }
  try {
    classifyFile(args, io, load);
    return 0;
  } catch (err) {
    if (!(err instanceof AttuneError)) throw err;
    io.stderr(`attune classify: ${err.kind}: ${err.message}\n`);
    return 1;
  }
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
