/**
 * Strict parsers for the `eval` commands (`eval faces`, `eval voice`, `eval text`, `eval vad`): typed options
 * or an AttuneError('bad-input') naming the option, before any file is read.
 */
import { join } from 'node:path';
import { AttuneError } from '../../shared/envelope';
import { EXPRESSION_MODEL_IDS, isExpressionModelId, type ExpressionModelId } from '../../engine/vision/expression';
import { SILERO_MODEL_FILE } from '../../engine/voice/voice-models';
import { HELP, options, type Parsed } from '../args/command';
import { flagOption, parseStrict, stringOption, type OptionValues } from '../args/strict';
import { parsePersonalArgs, type PersonalArgs, type PersonalValues } from './personal-args';

const PERSONAL_USAGE = `  personal adaptation (either or both of --personal, --corrections):
    --personal K          calibration items per class and subject (1–100)
    --corrections RATE    probability a wrong reading is corrected (0–1)
    --subject-column NAME --group-column NAME --seeds N (1–1000, default 5)
    --taught LABEL,…      with --personal: calibrate only these labels`;

export const EVAL_FACES_USAGE = `usage: attune eval faces <dir|labels.csv> [--split NAME] [--flip] [--crop detect|whole-image-if-small]
                         [--models ${EXPRESSION_MODEL_IDS.join(',')}] [--json]
                         [personal adaptation options]
${PERSONAL_USAGE}`;

export const EVAL_VOICE_USAGE = `usage: attune eval voice <dir|labels.csv> [--split NAME] [--speaker-column NAME] [--json]
                         [personal adaptation options]
${PERSONAL_USAGE}`;

export const EVAL_TEXT_USAGE = 'usage: attune eval text <file.csv|file.tsv> [--json]';

export const EVAL_VAD_USAGE = `usage: attune eval vad [--shared ../shared] [--model resources/models/${SILERO_MODEL_FILE}]
  every sentence of <shared>/media/speech-8-emotions-16k.wav found within 200 ms (exit 1 otherwise)`;

const PERSONAL_OPTIONS = {
  personal: { type: 'string' },
  corrections: { type: 'string' },
  'subject-column': { type: 'string' },
  'group-column': { type: 'string' },
  seeds: { type: 'string' },
  taught: { type: 'string' },
} as const;

const ONE_PATH = { min: 1, max: 1, names: 'one data set (a folder or labels.csv)' };

export interface EvalFacesArgs {
  path: string;
  split?: string;
  flip: boolean;
  crop?: 'detect' | 'whole-image-if-small';
  models?: ExpressionModelId[];
  personal: PersonalArgs | null;
  json: boolean;
}

export interface EvalVoiceArgs {
  path: string;
  split?: string;
  speakerColumn?: string;
  personal: PersonalArgs | null;
  json: boolean;
}

export interface EvalTextArgs {
  path: string;
  json: boolean;
}

export interface EvalVadArgs {
  /** The shared research folder (default ../shared), resolved against the working directory. */
  shared: string;
  /** The Silero VAD model (default resources/models/silero-vad-v6.onnx). */
  model: string;
}

function personal(values: OptionValues): PersonalArgs | null {
  // Every personal option as given (strings; parseStrict declared them all as such): personal-args.ts checks them.
  const given = Object.keys(PERSONAL_OPTIONS).map((name) => [name, values[name]]);
  return parsePersonalArgs(Object.fromEntries(given.filter(([, v]) => v !== undefined)) as PersonalValues);
}

export function parseEvalFacesArgs(argv: readonly string[]): Parsed<EvalFacesArgs> {
  const { help, values, positionals } = parseStrict(
    argv,
    {
      split: { type: 'string' },
      flip: { type: 'boolean', default: false },
      crop: { type: 'string' },
      models: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...PERSONAL_OPTIONS,
    },
    ONE_PATH,
  );
  if (help) return HELP;
  const crop = stringOption(values, 'crop');
  if (crop !== undefined && crop !== 'detect' && crop !== 'whole-image-if-small') {
    throw new AttuneError('bad-input', `--crop must be detect or whole-image-if-small, got ${crop}`);
  }
  const rawModels = stringOption(values, 'models');
  const models = rawModels?.split(',').map((m) => m.trim());
  if (models?.some((m) => !isExpressionModelId(m))) {
    throw new AttuneError('bad-input', `--models takes ${EXPRESSION_MODEL_IDS.join(', ')}, got ${rawModels}`);
  }
  return options({
    path: positionals[0] as string,
    split: stringOption(values, 'split'),
    flip: flagOption(values, 'flip'),
    crop,
    models: models as ExpressionModelId[] | undefined,
    personal: personal(values),
    json: flagOption(values, 'json'),
  });
}

export function parseEvalVoiceArgs(argv: readonly string[]): Parsed<EvalVoiceArgs> {
  const { help, values, positionals } = parseStrict(
    argv,
    {
      split: { type: 'string' },
      'speaker-column': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...PERSONAL_OPTIONS,
    },
    ONE_PATH,
  );
  if (help) return HELP;
  return options({
    path: positionals[0] as string,
    split: stringOption(values, 'split'),
    speakerColumn: stringOption(values, 'speaker-column'),
    personal: personal(values),
    json: flagOption(values, 'json'),
  });
}

export function parseEvalTextArgs(argv: readonly string[]): Parsed<EvalTextArgs> {
  const { help, values, positionals } = parseStrict(
    argv,
    { json: { type: 'boolean', default: false } },
    {
      min: 1,
      max: 1,
      names: 'one file (.csv or .tsv)',
    },
  );
  if (help) return HELP;
  return options({ path: positionals[0] as string, json: flagOption(values, 'json') });
}

export function parseEvalVadArgs(argv: readonly string[]): Parsed<EvalVadArgs> {
  const { help, values } = parseStrict(argv, { shared: { type: 'string' }, model: { type: 'string' } });
  if (help) return HELP;
  return options({
    shared: stringOption(values, 'shared') ?? '../shared',
    model: stringOption(values, 'model') ?? join('resources/models', SILERO_MODEL_FILE),
  });
}
