/** `attune soak --minutes N [--fps N] [--kill-engine-every DURATION] [--json]` as a row of the command table. */
import type { CliCommand } from '../args/command';
import { parseSoakArgs, SOAK_USAGE, type SoakOptions } from './options';
import { formatReport, roundReport } from './report';
import { runSoak } from './run-soak';

export const soakCommand: CliCommand<SoakOptions> = {
  summary:
    'the real host and engine under simulated camera and microphone for N minutes (optionally killing the engine)',
  usage: SOAK_USAGE,
  parse: parseSoakArgs,
  run: async (options, io) => {
    const started = performance.now();
    const report = roundReport(await runSoak(options, (line) => io.stderr(`${line}\n`)));
    const wallS = (performance.now() - started) / 1000;
    io.stdout(options.json ? `${JSON.stringify(report)}\n` : formatReport(report, wallS));
    return 0;
  },
};
