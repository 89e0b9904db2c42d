/** `npm run -s attune -- <command>`: the engine's own code on files. The commands are in commands.ts. */
import { AttuneError } from '../shared/envelope';
import { runCommandLine } from './args/dispatch';
import { COMMANDS } from './commands';

runCommandLine(COMMANDS, process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY,
}).then(
  // Exit once stdout has drained: a piped JSON report longer than the pipe's buffer would be cut short.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    const kind = err instanceof AttuneError ? `${err.kind}: ` : '';
    console.error(`attune: ${kind}${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
