// Every npm command used to warn `Unknown project config "onnxruntime-node-install"` because of a
// project .npmrc. The skip now travels as the environment variable onnxruntime-node documents; these
// checks keep the warning gone and the CUDA download skipped in CI.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** What onnxruntime-node's own install script decides for a given environment (false = skip). */
function installFlag(env: Record<string, string>): unknown {
  const utils = createRequire(import.meta.url).resolve('onnxruntime-node/script/install-utils.js');
  const code = `process.stdout.write(JSON.stringify(require(${JSON.stringify(utils)}).parseInstallFlag() ?? null))`;
  const clean = { ...process.env };
  delete clean.ONNXRUNTIME_NODE_INSTALL;
  delete clean.npm_config_onnxruntime_node_install;
  const out = execFileSync(process.execPath, ['-e', code], { env: { ...clean, ...env }, encoding: 'utf8' });
  return JSON.parse(out) as unknown;
}

describe('npm configuration', () => {
  it('has no project .npmrc key npm would warn about', () => {
    const npmrc = join(root, '.npmrc');
    const text = existsSync(npmrc) ? readFileSync(npmrc, 'utf8') : '';
    expect(text).not.toMatch(/onnxruntime/);
  });

  it('package.json denies onnxruntime-node its install script (npm 11 allowScripts), so a plain npm install skips the download', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };
    expect(pkg.allowScripts?.['onnxruntime-node']).toBe(false);
    // better-sqlite3 compiles from source where no prebuilt binary fits: its script must stay allowed.
    expect(pkg.allowScripts?.['better-sqlite3']).toBe(true);
  });

  it('CI sets the variable that makes onnxruntime-node skip its download', () => {
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^export ONNXRUNTIME_NODE_INSTALL=skip$/m);
    expect(installFlag({ ONNXRUNTIME_NODE_INSTALL: 'skip' })).toBe(false);
    expect(installFlag({})).toBeNull();
  });
});
