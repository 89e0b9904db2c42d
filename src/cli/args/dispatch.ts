/**
 * Finds a command in the command table by its name (one or two words: `bench`, `bench history`, `eval faces`)
 * and runs it through its strict parser; prints the table's summaries for `attune --help`.
 */
import { executeCommand, type CliCommand, type CliIo } from './command';

export interface CommandRow {
  /** One or two words, e.g. `eval faces`. */
  name: string;
  summary: string;
  usage: string;
  /** Parses `argv` (the words after the name) strictly and runs the command: its exit code. */
  execute(argv: readonly string[], io: CliIo): Promise<number>;
}

/** A table row for `command` (keeps the command's option type inside the row). */
export function row<O>(name: string, command: CliCommand<O>): CommandRow {
  return {
    name,
    summary: command.summary,
    usage: command.usage,
    execute: (argv, io) => executeCommand(name, command, argv, io),
  };
}

/** The row named by the first words of `argv` (the longest name wins), with the words after it. */
export function findCommand(
  table: readonly CommandRow[],
  argv: readonly string[],
): { row: CommandRow; rest: string[] } | null {
  let best: { row: CommandRow; rest: string[] } | null = null;
  for (const candidate of table) {
    const words = candidate.name.split(' ');
    if (!words.every((w, i) => argv[i] === w)) continue;
    if (!best || words.length > best.row.name.split(' ').length)
      best = { row: candidate, rest: argv.slice(words.length) };
  }
  return best;
}

export function tableUsage(table: readonly CommandRow[]): string {
  const width = Math.max(...table.map((r) => r.name.length));
  const lines = table.map((r) => `  ${r.name.padEnd(width)}  ${r.summary}`);
  return `usage: attune <command> [options]   (attune <command> --help for its options)\n${lines.join('\n')}`;
}

/** Runs the command `argv` names: 0 for `--help` alone, 2 with the table's usage for no or an unknown command. */
export function runCommandLine(table: readonly CommandRow[], argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(`${tableUsage(table)}\n`);
    return Promise.resolve(0);
  }
  const found = findCommand(table, argv);
  if (!found) {
    const family = table.filter((r) => r.name.startsWith(`${argv[0]} `)).map((r) => r.name);
    const what =
      argv.length === 0
        ? 'name a command'
        : family.length > 0
          ? `${argv[0]} needs one of: ${family.join(', ')}`
          : `unknown command: ${argv[0]}`;
    io.stderr(`attune: ${what}\n${tableUsage(table)}\n`);
    return Promise.resolve(2);
  }
  return found.row.execute(found.rest, io);
}
