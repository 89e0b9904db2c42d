/** One `attune` command as a row of the command table (src/cli/commands.ts), and how a row is run. */
import { AttuneError } from '../../shared/envelope';

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** stderr is a terminal, so a progress bar can redraw in place. Default false (no bar). */
  stderrIsTTY?: boolean;
  /** Wall clock for progress and durations, ms. Default performance.now. */
  now?: () => number;
}

/** What a command's parser returns: its typed options, or a request for its usage. */
export type Parsed<O> = { help: true } | { help: false; options: O };

export interface CliCommand<O> {
  /** One line for `attune --help`. */
  summary: string;
  /** The command's usage, printed for `--help` and after a usage error. */
  usage: string;
  /** Strict: throws AttuneError('bad-input') for anything it does not accept (exit 2). */
  parse(argv: readonly string[]): Parsed<O>;
  /** Runs the command; resolves with the exit code (0 done, 1 failed). */
  run(options: O, io: CliIo): Promise<number>;
}

export const HELP = { help: true } as const;

export function options<O>(value: O): Parsed<O> {
  return { help: false, options: value };
}

/**
 * Parses then runs `command`: 2 with the message and usage on stderr for a usage error, 0 with the usage on
 * stdout for --help, else the run's code; an AttuneError from the run is reported as `kind: message` (1).
 * Anything else is a bug and is rethrown.
 */
export async function executeCommand<O>(
  name: string,
  command: CliCommand<O>,
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  let parsed: Parsed<O>;
  try {
    parsed = command.parse(argv);
  } catch (err) {
    if (!(err instanceof AttuneError)) throw err;
    io.stderr(`attune ${name}: ${err.message}\n${command.usage}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(parsed.options, io);
  } catch (err) {
    if (!(err instanceof AttuneError)) throw err;
    io.stderr(`attune ${name}: ${err.kind}: ${err.message}\n`);
    return 1;
  }
}
