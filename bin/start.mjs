#!/usr/bin/env node
// `npm start`: the tray app in Electron when Electron can run here, otherwise the headless host,
// which serves the same dashboard on 127.0.0.1 and prints its address and why Electron was not used.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './electron-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;

/** Returns [electronPath, null] or [null, reason]. Resolving `electron` downloads its binary on first use. */
function findElectron() {
  if (process.env.ATTUNE_HEADLESS) return [null, 'ATTUNE_HEADLESS is set'];
  const probe = spawnSync(node, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8' });
  if (probe.status !== 0 || !probe.stdout) {
    return [
      null,
      'the Electron binary is not installed and could not be downloaded (no access to its download server)',
    ];
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return [null, 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)'];
  }
  // The engine's SQLite binding must match Electron's ABI, not Node's.
  const sqliteProblem = ensureElectronSqlite(root);
  if (sqliteProblem) return [null, sqliteProblem];
  return [probe.stdout, null];
}

function run(args, label) {
  const result = spawnSync(node, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${label} failed.`);
    process.exit(result.status ?? 1);
  }
}

function launch(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const [electronPath, reason] = findElectron();
if (electronPath) {
  run([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], 'Building the app');
  launch(electronPath, ['.']);
} else {
  run(
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '-c',
      'vite.renderer.config.ts',
      '--logLevel',
      'warn',
    ],
    'Building the dashboard',
  );
  launch(node, ['--import', 'tsx', 'src/host/main.ts', '--reason', reason, ...process.argv.slice(2)]);
}
