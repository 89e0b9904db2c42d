/**
 * Every `attune` command (`npm run -s attune -- <command>`), one row each: its name, a summary, and a strict
 * parser plus run in its own folder. `attune --help` lists them; `attune <command> --help` shows one.
 * Usage errors (unknown options, numbers that are not numbers or out of range) exit 2.
 */
import { join } from 'node:path';
import { TextClassifier } from '../engine/text/text-classifier';
import { analyzeCommand } from './analyze/command';
import { engineTarget } from './analyze/target';
import { row, type CommandRow } from './args/dispatch';
import { benchCommand, historyBenchCommand, textLoadCommand, voiceFilesCommand } from './bench/command';
import { classifyCommand } from './classify/command';
import { evalFacesCommand, evalTextCommand, evalVadCommand, evalVoiceCommand } from './eval/command';
import { MODELS_DIR } from './paths';
import { soakCommand } from './soak/command';

export const COMMANDS: readonly CommandRow[] = [
  row('eval faces', evalFacesCommand),
  row('eval voice', evalVoiceCommand),
  row('eval text', evalTextCommand),
  row('eval vad', evalVadCommand),
  row('bench', benchCommand),
  row('bench history', historyBenchCommand),
  row('bench text-load', textLoadCommand),
  row('bench voice-files', voiceFilesCommand),
  row(
    'analyze',
    analyzeCommand((options) =>
      engineTarget({ modelsDir: MODELS_DIR, prompts: options.prompts ?? false, voice: options.audio !== undefined }),
    ),
  ),
  row(
    'classify',
    classifyCommand(() => TextClassifier.load(join(MODELS_DIR, 'text-emotion.json'))),
  ),
  row('soak', soakCommand),
];
