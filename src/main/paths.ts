/**
 * Where things are on disk and which URLs are ours. Pure (no electron import) so it is tested directly;
 * index.ts feeds it app.getAppPath(), process.resourcesPath and so on.
 */
import { join } from 'node:path';
import type { EngineConfig } from '../shared/engine-protocol';
import { appUrl } from './app-scheme';

/** The files electron-vite emits next to out/main/index.js (see electron.vite.config.ts). */
export interface BuiltFiles {
  /** The sandboxed preload: CommonJS, hence `.cjs` in a `"type": "module"` package. */
  preload: string;
  /** The engine entry, forked as a utility process. */
  engine: string;
  /** out/renderer: index.html, capture.html and prompt.html. */
  rendererDir: string;
}

export function builtFiles(outMainDir: string): BuiltFiles {
  return {
    preload: join(outMainDir, '..', 'preload', 'index.cjs'),
    engine: join(outMainDir, 'engine.js'),
    rendererDir: join(outMainDir, '..', 'renderer'),
  };
}

export interface AppLocations {
  isPackaged: boolean;
  /** app.getAppPath(): the repository root in development. */
  appPath: string;
  /** process.resourcesPath: where packaged extra resources live. */
  resourcesPath: string;
  /** app.getPath('userData'). */
  userData: string;
}

export function engineConfig(where: AppLocations): EngineConfig {
  return {
    modelsDir: where.isPackaged ? join(where.resourcesPath, 'models') : join(where.appPath, 'resources', 'models'),
    dbFile: join(where.userData, 'attune.sqlite'),
    // Electron hands the engine a MessagePort instead of a socket.
    captureSocket: null,
    // One intra-op thread: Attune shares the machine with its user.
    threads: 1,
    // In development `npm start` puts an Electron-ABI build of better-sqlite3 here (bin/electron-native.mjs);
    // a packaged app is rebuilt for Electron by the packager.
    sqliteBinding: where.isPackaged
      ? null
      : join(where.appPath, 'node_modules', '.attune-electron', 'better_sqlite3.node'),
    ingestServer: true,
  };
}

export interface Pages {
  dashboard: string;
  capture: string;
  /** The small break-prompt window's page. */
  prompt: string;
  /** True for a URL of one of our pages (query and hash ignored). */
  isOurPage: (url: string) => boolean;
  isCapturePage: (url: string) => boolean;
}

/**
 * The page URLs: from the dev server when electron-vite runs one (ELECTRON_RENDERER_URL), else the
 * built files over the app's own scheme (attune://app/, served by app-protocol.ts), never file://.
 */
export function resolvePages(devServerUrl?: string): Pages {
  const page = (name: string): string =>
    devServerUrl ? new URL(name, devServerUrl.endsWith('/') ? devServerUrl : `${devServerUrl}/`).href : appUrl(name);
  const dashboard = page('index.html');
  const capture = page('capture.html');
  const prompt = page('prompt.html');
  return {
    dashboard,
    capture,
    prompt,
    isOurPage: (url) => [dashboard, capture, prompt].some((ours) => samePage(url, ours)),
    isCapturePage: (url) => samePage(url, capture),
  };
}

/** Same document: scheme, host and path equal; query and hash may differ. Unparsable URLs never match. */
export function samePage(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return false;
  return x.protocol === y.protocol && x.host === y.host && x.pathname === y.pathname;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
