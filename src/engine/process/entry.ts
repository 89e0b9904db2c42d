/**
 * The engine process: Electron utility process or a Node child of the headless host. Plain Node: it never
 * imports electron. The composition root: the real parent link, timers and process wired to an EngineProcess,
 * which waits for `init`, loads the models and the store (EngineAssembler), then serves.
 */
import { systemClock } from '../../shared/clock';
import { EngineAssembler } from './engine-assembler';
import { preloadFromArgs } from './engine-init';
import { EngineProcess } from './engine-process';
import { engineApi } from './engine-routes';
import { connectToParent } from './parent-link';
import { handleRequest } from './request-handler';

const assembler = new EngineAssembler({
  requests: (engine) => {
    const api = engineApi(engine);
    return (request) => handleRequest(api, request);
  },
});
const engine = new EngineProcess({
  link: connectToParent(),
  starter: assembler,
  timers: systemClock,
  exit: (code) => process.exit(code),
});
engine.listen();
// A spare engine started before it is needed may load its models now, so `init` finds them ready.
const preload = preloadFromArgs(process.argv.slice(2));
if (preload) assembler.preload(preload.modelsDir, preload.threads, (level, message) => engine.log(level, message));

process.on('uncaughtException', (err) => engine.fatal(err, 1));
process.on('unhandledRejection', (err) => engine.fatal(err, 1));
// A forked engine whose host died must not linger; it closes the database first, as a shutdown would.
process.on('disconnect', () => void engine.shutdown('host gone'));
// Ctrl+C in a terminal signals the whole foreground process group, the engine included. The host (or Electron's
// main) stops the engine itself with `shutdown`, after its own clean-up; dying here first would skip closing
// the database (SQLite then replays the WAL at the next start). SIGTERM sent to the engine alone closes cleanly.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => void engine.shutdown('SIGTERM'));
