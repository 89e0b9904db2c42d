/**
 * Strict command-line parsing for every `attune` command: unknown options, missing values, stray positionals,
 * and numbers that are not numbers or out of range are usage errors (AttuneError 'bad-input'; the command
 * table prints them with the command's usage and exits 2) rather than NaN passed on to a run.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AttuneError } from '../../shared/envelope';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | undefined>;

export interface StrictArgs {
  values: OptionValues;
  positionals: string[];
}

/** Every command's options plus `--help`/`-h`; `positionals` is how many (min–max) the command takes. */
export function parseStrict(
  argv: readonly string[],
  options: OptionsConfig,
  positionals: { min: number; max: number; names?: string } = { min: 0, max: 0 },
): StrictArgs & { help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: positionals.max > 0,
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (err) {
    // parseArgs names the option and what is wrong with it ("Unknown option '--runz'"): a usage error.
    throw new AttuneError('bad-input', err instanceof Error ? err.message : String(err));
  }
  const { help, ...values } = parsed.values as OptionValues;
  if (help === true) return { help: true, values, positionals: parsed.positionals };
  const n = parsed.positionals.length;
  if (n < positionals.min || n > positionals.max) {
    const want = positionals.names ?? `${positionals.min}–${positionals.max} arguments`;
    throw new AttuneError('bad-input', `expected ${want}, got ${n === 0 ? 'none' : parsed.positionals.join(' ')}`);
  }
  return { help: false, values, positionals: parsed.positionals };
}

export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only (default true). */
  integer?: boolean;
}

/** The number given as `--name`, or undefined when absent; anything else than a number in range is refused. */
export function numberOption(values: OptionValues, name: string, range: NumberRange): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new AttuneError('bad-input', `--${name} takes a value`);
  const integer = range.integer ?? true;
  const value = Number(raw);
  const ok = raw.trim() !== '' && Number.isFinite(value) && (!integer || Number.isInteger(value));
  if (!ok || value < range.min || value > range.max) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new AttuneError('bad-input', `--${name} must be ${kind} from ${range.min} to ${range.max}, got ${raw}`);
  }
  return value;
}

/** The text given as `--name`, or undefined; an empty value is refused. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new AttuneError('bad-input', `--${name} is empty`);
  return raw;
}

export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}
