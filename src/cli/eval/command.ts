/** The `eval` commands as rows of the command table: what they run once options.ts has parsed their options. */
import type { CliCommand, CliIo } from '../args/command';
import { runCheckVad } from './check-vad';
import { formatReport } from './format-table';
import { evalFaces } from './faces';
import { PersonalRun, formatPersonal } from './personal-args';
import {
  EVAL_FACES_USAGE,
  EVAL_TEXT_USAGE,
  EVAL_VAD_USAGE,
  EVAL_VOICE_USAGE,
  parseEvalFacesArgs,
  parseEvalTextArgs,
  parseEvalVadArgs,
  parseEvalVoiceArgs,
  type EvalFacesArgs,
  type EvalTextArgs,
  type EvalVadArgs,
  type EvalVoiceArgs,
} from './options';

import { evalText, formatTextReport } from './text';
import { FOUR as VOICE_FOUR, evalVoice } from './voice';

function print(io: CliIo, json: boolean, value: unknown, text: string): void {
  io.stdout(json ? `${JSON.stringify(value)}\n` : text);
}

export async function runEvalFaces(args: EvalFacesArgs, io: CliIo): Promise<number> {
  const personal = args.personal ? new PersonalRun(args.personal, 'face') : undefined;
  const report = await evalFaces({
    path: args.path,
    split: args.split,
    flip: args.flip,
    crop: args.crop,
    models: args.models,
    subjectColumn: personal?.args.subjectColumn,
    groupColumn: personal?.args.groupColumn,
    onReading: personal?.onReading,
  });
  const extra = personal?.results() ?? {};
  print(io, args.json, { ...report, ...extra }, formatReport(report) + formatPersonal(extra));
  return 0;
}

export async function runEvalVoice(args: EvalVoiceArgs, io: CliIo): Promise<number> {
  const personal = args.personal ? new PersonalRun(args.personal, 'voice', VOICE_FOUR) : undefined;
  const report = await evalVoice(args.path, {
    split: args.split,
    speakerColumn: args.speakerColumn,
    subjectColumn: personal?.args.subjectColumn,
    groupColumn: personal?.args.groupColumn,
    onReading: personal?.onReading,
  });
  const adapted = report.speakerBaseline === 'running' ? 'speaker-adapted (running baseline)' : 'no speaker baseline';
  const extra = personal?.results() ?? {};
  print(
    io,
    args.json,
    { ...report, ...extra },
    `${formatReport(report)}4-class accuracy (neutral, happy, sad, angry): ${report.accuracy4.toFixed(3)}\n` +
      `${adapted}\n${formatPersonal(extra)}`,
  );
  return 0;
}

export async function runEvalText(args: EvalTextArgs, io: CliIo): Promise<number> {
  const report = await evalText(args.path);
  print(io, args.json, report, formatTextReport(report));
  return 0;
}

export const evalFacesCommand: CliCommand<EvalFacesArgs> = {
  summary: 'face expression accuracy on a labelled image set (optionally with personal adaptation)',
  usage: EVAL_FACES_USAGE,
  parse: parseEvalFacesArgs,
  run: runEvalFaces,
};

export const evalVoiceCommand: CliCommand<EvalVoiceArgs> = {
  summary: 'voice emotion accuracy on a labelled audio set (optionally with personal adaptation)',
  usage: EVAL_VOICE_USAGE,
  parse: parseEvalVoiceArgs,
  run: runEvalVoice,
};

export const evalTextCommand: CliCommand<EvalTextArgs> = {
  summary: 'text emotion accuracy (and valence/arousal) on a labelled CSV or TSV',
  usage: EVAL_TEXT_USAGE,
  parse: parseEvalTextArgs,
  run: runEvalText,
};

export const evalVadCommand: CliCommand<EvalVadArgs> = {
  summary: 'voice activity detection boundaries on the shared speech clip (eval:ci runs it)',
  usage: EVAL_VAD_USAGE,
  parse: parseEvalVadArgs,
  run: runCheckVad,
};
