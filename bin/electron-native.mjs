// Puts an Electron-ABI build of better-sqlite3 at node_modules/.attune-electron/better_sqlite3.node, so the
// engine can open SQLite inside Electron's utility process while the Node build in node_modules keeps
// serving tests, the CLI and the headless host. Uses better-sqlite3's own prebuild-install (its release
// binaries for Electron); `@electron/rebuild` would overwrite the Node build in place.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Returns null when the binding is in place, or the reason it could not be made. */
export function ensureElectronSqlite(root) {
  const target = join(root, 'node_modules', '.attune-electron', 'better_sqlite3.node');
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const stamp = `${target}.${electronVersion}`;
  if (existsSync(target) && existsSync(stamp)) return null;

  const work = mkdtempSync(join(tmpdir(), 'attune-sqlite-electron-'));
  try {
    cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
      recursive: true,
      filter: (src) => !src.includes(`${join('build', '')}`),
    });
    const result = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'prebuild-install', 'bin.js'),
        '--runtime',
        'electron',
        '--target',
        electronVersion,
        '--verbose',
      ],
      { cwd: work, encoding: 'utf8' },
    );
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !existsSync(built)) {
      return `better-sqlite3 for Electron ${electronVersion} could not be downloaded (${(result.stderr || '').trim().split('\n').at(-1) || 'no output'})`;
    }
    mkdirSync(join(root, 'node_modules', '.attune-electron'), { recursive: true });
    copyFileSync(built, target);
    copyFileSync(built, stamp);
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
