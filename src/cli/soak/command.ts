/** `attune soak --minutes N [--fps N] [--kill-engine-every DURATION] [--json]` */
import { parseSoakArgs } from './options';
import { formatReport, roundReport } from './report';
import { runSoak } from './run-soak';

export async function runSoakCommand(
  argv: string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  const options = parseSoakArgs(argv);
  const started = performance.now();
  const report = roundReport(await runSoak(options, (line) => io.stderr(`${line}\n`)));
  const wallS = (performance.now() - started) / 1000;
  io.stdout(options.json ? `${JSON.stringify(report)}\n` : formatReport(report, wallS));
  return 0;
}
