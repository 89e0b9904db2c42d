import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { HELP, options, type CliCommand, type CliIo } from './command';
import { findCommand, row, runCommandLine } from './dispatch';
import { numberOption, parseStrict } from './strict';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const sink: CliIo = { stdout: (s) => out.push(s), stderr: (s) => err.push(s) };
  return { sink, out: () => out.join(''), err: () => err.join('') };
}

const runs: number[] = [];
const count: CliCommand<{ n: number }> = {
  summary: 'counts',
  usage: 'usage: attune count [--n N]',
  parse: (argv) => {
    const { help, values } = parseStrict(argv, { n: { type: 'string' } });
    return help ? HELP : options({ n: numberOption(values, 'n', { min: 1, max: 9 }) ?? 1 });
  },
  run: ({ n }) => {
    runs.push(n);
    return Promise.resolve(0);
  },
};
const failing: CliCommand<null> = {
  summary: 'fails',
  usage: 'usage: attune count fail',
  parse: () => options(null),
  run: () => Promise.reject(new AttuneError('bad-input', 'cannot read x.csv')),
};
const TABLE = [row('count', count), row('count fail', failing), row('eval faces', count), row('eval voice', count)];

describe('the command table', () => {
  it('finds the longest name that starts argv, with the words after it', () => {
    expect(findCommand(TABLE, ['count', '--n', '2'])?.row.name).toBe('count');
    expect(findCommand(TABLE, ['count', 'fail'])).toMatchObject({ row: { name: 'count fail' }, rest: [] });
    expect(findCommand(TABLE, ['eval', 'faces', 'x'])).toMatchObject({ row: { name: 'eval faces' }, rest: ['x'] });
    expect(findCommand(TABLE, ['eval'])).toBeNull();
  });

  it('runs a command with its typed options', async () => {
    runs.length = 0;
    const { sink } = io();
    expect(await runCommandLine(TABLE, ['count', '--n', '3'], sink)).toBe(0);
    expect(runs).toEqual([3]);
  });

  it('exits 2 with the message and the command usage on a bad number or an unknown option, running nothing', async () => {
    runs.length = 0;
    const bad = io();
    expect(await runCommandLine(TABLE, ['count', '--n', 'abc'], bad.sink)).toBe(2);
    expect(bad.err()).toBe(
      'attune count: --n must be a whole number from 1 to 9, got abc\nusage: attune count [--n N]\n',
    );
    const unknown = io();
    expect(await runCommandLine(TABLE, ['count', '--m', '1'], unknown.sink)).toBe(2);
    expect(unknown.err()).toContain("Unknown option '--m'");
    expect(runs).toEqual([]);
  });

  it('prints a command usage for --help (0) and the table for attune --help (0)', async () => {
    const one = io();
    expect(await runCommandLine(TABLE, ['count', '--help'], one.sink)).toBe(0);
    expect(one.out()).toBe('usage: attune count [--n N]\n');
    const all = io();
    expect(await runCommandLine(TABLE, ['--help'], all.sink)).toBe(0);
    expect(all.out()).toMatch(/count fail +fails/);
  });

  it('exits 2 for no command, an unknown one, or a family without its sub-command', async () => {
    const none = io();
    expect(await runCommandLine(TABLE, [], none.sink)).toBe(2);
    expect(none.err()).toMatch(/^attune: name a command\nusage: attune <command>/);
    const unknown = io();
    expect(await runCommandLine(TABLE, ['frobnicate'], unknown.sink)).toBe(2);
    expect(unknown.err()).toMatch(/^attune: unknown command: frobnicate/);
    const family = io();
    expect(await runCommandLine(TABLE, ['eval'], family.sink)).toBe(2);
    expect(family.err()).toMatch(/^attune: eval needs one of: eval faces, eval voice/);
  });

  it('reports a typed failure of a run as kind: message with exit 1', async () => {
    const failed = io();
    expect(await runCommandLine(TABLE, ['count', 'fail'], failed.sink)).toBe(1);
    expect(failed.err()).toBe('attune count fail: bad-input: cannot read x.csv\n');
  });
});
