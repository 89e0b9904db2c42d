import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands';
import type { CliIo } from './command';
import { runCommandLine } from './dispatch';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const sink: CliIo = { stdout: (s) => out.push(s), stderr: (s) => err.push(s) };
  return { sink, out: () => out.join(''), err: () => err.join('') };
}

describe('the attune command table', () => {
  it('has one row per name, each with a summary and a usage that names it', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of COMMANDS) {
      expect(command.summary.length).toBeGreaterThan(0);
      expect(command.usage).toContain(`attune ${command.name}`);
    }
  });

  it('prints every command usage for --help without running anything', async () => {
    for (const command of COMMANDS) {
      const help = io();
      expect(await runCommandLine(COMMANDS, [...command.name.split(' '), '--help'], help.sink)).toBe(0);
      expect(help.out()).toBe(`${command.usage}\n`);
    }
  });

  it('refuses an unknown option on every command with exit 2', async () => {
    for (const command of COMMANDS) {
      const bad = io();
      expect(await runCommandLine(COMMANDS, [...command.name.split(' '), '--no-such-option'], bad.sink)).toBe(2);
      expect(bad.err()).toContain(`attune ${command.name}: `);
    }
  });

  it('refuses bench --runs abc with a clear message', async () => {
    const bad = io();
    expect(await runCommandLine(COMMANDS, ['bench', '--runs', 'abc'], bad.sink)).toBe(2);
    expect(bad.err()).toMatch(/^attune bench: --runs must be a whole number from 1 to 10000, got abc\n/);
  });
});
