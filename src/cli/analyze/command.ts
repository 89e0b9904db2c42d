/**
 * `attune analyze`: the live engine on recorded streams. The engine comes from `makeTarget` (src/cli wires
 * the real Engine), so this file owns only arguments, inputs, progress and output.
 */
import { access, constants } from 'node:fs/promises';
import { extname } from 'node:path';
import { AttuneError } from '../../shared/envelope';
import { ProgressBar } from '../eval/progress';
import { ANALYZE_USAGE, parseAnalyzeArgs } from './args';
import { findFfmpeg } from './ffmpeg';
import { formatAnalyzeText } from './format';
import { type AnalyzeOptions, type AnalyzeTarget, openAnalyzeInputs, runAnalyze } from './runner';

export interface AnalyzeIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** stderr is a terminal, so a progress bar can redraw in place. Default false (no bar). */
  stderrIsTTY?: boolean;
  /** Wall clock for progress, ms. Default performance.now. */
  now?: () => number;
}

export type MakeAnalyzeTarget = (options: AnalyzeOptions) => Promise<AnalyzeTarget>;

/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad usage). Bugs are rethrown. */
export async function runAnalyzeCommand(argv: string[], io: AnalyzeIo, makeTarget: MakeAnalyzeTarget): Promise<number> {
  let parsed;
  try {
    parsed = parseAnalyzeArgs(argv);
  } catch (err) {
    if (!(err instanceof AttuneError)) throw err;
    io.stderr(`attune analyze: ${err.message}\n${ANALYZE_USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(`${ANALYZE_USAGE}\n`);
    return 0;
  }
  const { options, json } = parsed;
  try {
    // Cheap checks first: loading the engine's models takes seconds, a missing file should not.
    await checkInputs(options);
    const inputs = await openAnalyzeInputs(options);
    const target = await makeTarget(options);
    const bar = new ProgressBar('analyze', {
      stream: { write: (s) => (io.stderr(s), true), isTTY: io.stderrIsTTY === true },
      now: io.now,
    });
    try {
      const result = await runAnalyze(
        options,
        target,
        (doneMs, totalMs) => {
          if (totalMs !== null) bar.update(Math.floor(doneMs / 1000), Math.ceil(totalMs / 1000));
        },
        inputs,
      );
      bar.finish();
      io.stdout(json ? `${JSON.stringify(result)}\n` : formatAnalyzeText(result, options));
    } finally {
      bar.finish();
      await target.close();
    }
    return 0;
  } catch (err) {
    if (!(err instanceof AttuneError)) throw err;
    io.stderr(`attune analyze: ${err.kind}: ${err.message}\n`);
    return 1;
  }
}

async function checkInputs(options: AnalyzeOptions): Promise<void> {
  const files: [string, string | undefined][] = [
    ['--video', options.video],
    ['--audio', options.audio],
    ['--text', options.text],
  ];
  for (const [flag, path] of files) {
    if (path === undefined) continue;
    try {
      await access(path, constants.R_OK);
    } catch {
      throw new AttuneError('bad-input', `${flag} ${path}: no such readable file`);
    }
  }
  const ext = extname(options.video).toLowerCase();
  if (ext !== '.y4m' && findFfmpeg() === null) {
    throw new AttuneError(
      'bad-input',
      `reading ${ext || 'this video'} needs ffmpeg on the PATH; .y4m is read natively`,
    );
  }
}
