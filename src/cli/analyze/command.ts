/**
 * `attune analyze`: the live engine on recorded streams. The engine comes from `makeTarget` (src/cli wires
 * the real Engine), so this file owns only arguments, inputs, progress and output.
 */
import { access, constants } from 'node:fs/promises';
import { extname } from 'node:path';
import { AttuneError } from '../../shared/envelope';
import { ProgressBar } from '../eval/progress';
import { executeCommand, HELP, options, type CliCommand, type CliIo } from '../args/command';
import { ANALYZE_USAGE, parseAnalyzeArgs } from './args';
import { findFfmpeg } from './ffmpeg';
import { formatAnalyzeText } from './format';
import { type AnalyzeOptions, type AnalyzeTarget, openAnalyzeInputs, runAnalyze } from './runner';

export type AnalyzeIo = CliIo;

export type MakeAnalyzeTarget = (options: AnalyzeOptions) => Promise<AnalyzeTarget>;

export interface AnalyzeArgs {
  json: boolean;
  options: AnalyzeOptions;
}

/** `analyze` as a row of the command table; the engine comes from `makeTarget`. */
export function analyzeCommand(makeTarget: MakeAnalyzeTarget): CliCommand<AnalyzeArgs> {
  return {
    summary: 'the live engine on a recorded video (and audio, text): mood timeline and prompts',
    usage: ANALYZE_USAGE,
    parse: (argv) => {
      const parsed = parseAnalyzeArgs(argv);
      return parsed.help ? HELP : options({ json: parsed.json, options: parsed.options });
    },
    run: (args, io) => runAnalyzeFiles(args, io, makeTarget),
  };
}

/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad usage). Bugs are rethrown. */
export function runAnalyzeCommand(argv: string[], io: AnalyzeIo, makeTarget: MakeAnalyzeTarget): Promise<number> {
  return executeCommand('analyze', analyzeCommand(makeTarget), argv, io);
}

async function runAnalyzeFiles(
  { options, json }: AnalyzeArgs,
  io: AnalyzeIo,
  makeTarget: MakeAnalyzeTarget,
): Promise<number> {
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
