import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { engineConfig } from './paths';

// electron-builder cannot run here (no Electron binary is downloaded), so its configuration is checked as data:
// the targets, the fuses, and that what it ships exists where the packaged app will look for it.
const root = fileURLToPath(new URL('../..', import.meta.url));

interface ExtraResource {
  from: string;
  to: string;
  filter: string[];
}
interface BuilderConfig {
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: ExtraResource[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

describe('electron-builder.json', () => {
  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('sets exactly the hardening fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('packs the app into an asar with the native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    for (const native of ['better-sqlite3', 'onnxruntime-node']) {
      expect(pkg.dependencies[native]).toBeDefined();
      expect(existsSync(join(root, 'node_modules', native))).toBe(true);
      expect(config.asarUnpack).toContain(`node_modules/${native}/**/*`);
    }
    // The app's entry is among the files shipped (electron-vite builds it into out/).
    expect(config.files).toContain('out/**/*');
    expect(pkg.main.startsWith('out/')).toBe(true);
  });

  it('ships every ONNX model as an extra resource where the packaged engine looks for it', () => {
    expect(config.extraResources).toHaveLength(1);
    const [models] = config.extraResources;
    if (!models) throw new Error('no extra resources');
    expect(existsSync(join(root, models.from))).toBe(true);
    const packaged = engineConfig({ isPackaged: true, appPath: '/app', resourcesPath: '/res', userData: '/u' });
    expect(packaged.modelsDir).toBe(join('/res', models.to));
    expect(models.filter).toContain('*.onnx');
    expect(models.filter).toContain('*.json');
    const onnx = readdirSync(join(root, models.from)).filter((name) => name.endsWith('.onnx'));
    expect(onnx.length).toBeGreaterThan(0);
  });
});
