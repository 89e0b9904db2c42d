/**
 * `npm run host` / the fallback of `npm start`: runs Attune without Electron and prints the address to
 * open in a browser. Options: --port N (default random), --data-dir DIR, --reason TEXT (why not Electron),
 * --renderer-dir DIR (the built pages, default out/renderer), --models-dir DIR (default resources/models).
 * ATTUNE_TEST_CLOCK=1 runs the engine on a test clock that end-to-end tests move (never for real use).
 * ATTUNE_SPARE_ENGINE=0 keeps no warm spare engine (see HostOptions.spareEngine).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tightenFolder } from '../engine/store/open-database';
import { defaultDataDir } from './data-dir';
import { DEFAULT_MODELS_DIR, DEFAULT_RENDERER_DIR, startHost } from './host';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    reason: { type: 'string' },
    /** Folder of built pages (default out/renderer); the soak runs the host with a stub page. */
    'renderer-dir': { type: 'string' },
    /** Folder of the models (default resources/models); end-to-end tests pass one with a damaged model. */
    'models-dir': { type: 'string' },
  },
});

const dataDir = values['data-dir'] ?? defaultDataDir();
try {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tightenFolder(dataDir);
} catch {
  // A folder Attune may not write (read-only disk, another user's): the engine meets the same refusal when it opens
  // the history, and the dashboard explains it (issue 15); the host itself must still start.
}
const rendererDir = values['renderer-dir'] ?? DEFAULT_RENDERER_DIR;
if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error('The dashboard is not built: run `npm run build:renderer` (npm start does this for you).');
  process.exit(1);
}

const host = await startHost({
  rendererDir,
  modelsDir: values['models-dir'] ?? DEFAULT_MODELS_DIR,
  dbFile: join(dataDir, 'attune.sqlite'),
  port: values.port ? Number(values.port) : 0,
  testClock: process.env.ATTUNE_TEST_CLOCK === '1',
  // ATTUNE_SPARE_ENGINE=0: no warm spare engine (saves its memory; a crashed engine then takes seconds to return).
  spareEngine: process.env.ATTUNE_SPARE_ENGINE !== '0',
});

if (values.reason) console.log(`Electron is not used: ${values.reason}`);
console.log('Attune is running headless. Open this address in your browser (it allows camera access on 127.0.0.1):');
console.log(`  ${host.url}`);
console.log(`Data: ${dataDir}  ·  Ctrl+C to stop.`);

const stop = (): void => {
  host.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
