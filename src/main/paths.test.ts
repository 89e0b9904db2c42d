import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFiles, engineConfig, resolvePages, samePage } from './paths';

const where = { appPath: '/repo', resourcesPath: '/opt/Attune/resources', userData: '/home/u/.config/Attune' };

describe('engineConfig', () => {
  it('reads models from the repository in development', () => {
    expect(engineConfig({ ...where, isPackaged: false })).toEqual({
      modelsDir: join('/repo', 'resources', 'models'),
      dbFile: join('/home/u/.config/Attune', 'attune.sqlite'),
      captureSocket: null,
      threads: 1,
      sqliteBinding: join('/repo', 'node_modules', '.attune-electron', 'better_sqlite3.node'),
      ingestServer: true,
    });
  });

  it('reads models from the resources folder when packaged', () => {
    expect(engineConfig({ ...where, isPackaged: true }).modelsDir).toBe(join('/opt/Attune/resources', 'models'));
  });
});

describe('builtFiles', () => {
  it('finds the preload, engine and pages next to out/main', () => {
    expect(builtFiles('/repo/out/main')).toEqual({
      preload: join('/repo/out/preload/index.cjs'),
      engine: join('/repo/out/main/engine.js'),
      rendererDir: join('/repo/out/renderer'),
    });
  });
});

describe('resolvePages', () => {
  it('serves the built pages over attune://, not file://', () => {
    const pages = resolvePages();
    expect(pages.dashboard).toBe('attune://app/index.html');
    expect(pages.capture).toBe('attune://app/capture.html');
    expect(pages.prompt).toBe('attune://app/prompt.html');
  });

  it('uses the dev server when there is one, with or without a trailing slash', () => {
    for (const url of ['http://localhost:5173', 'http://localhost:5173/']) {
      const pages = resolvePages(url);
      expect(pages.dashboard).toBe('http://localhost:5173/index.html');
      expect(pages.capture).toBe('http://localhost:5173/capture.html');
      expect(pages.prompt).toBe('http://localhost:5173/prompt.html');
    }
  });

  it('recognises our pages, ignoring query and hash', () => {
    const pages = resolvePages();
    expect(pages.isOurPage('attune://app/index.html#/settings')).toBe(true);
    expect(pages.isOurPage('attune://app/capture.html?x=1')).toBe(true);
    expect(pages.isOurPage('attune://app/prompt.html#42')).toBe(true);
    expect(pages.isCapturePage('attune://app/capture.html')).toBe(true);
    expect(pages.isCapturePage('attune://app/prompt.html')).toBe(false);
    expect(pages.isCapturePage('attune://app/index.html')).toBe(false);
    expect(pages.isOurPage('file:///repo/out/renderer/index.html')).toBe(false);
    expect(pages.isOurPage('attune://other/index.html')).toBe(false);
    expect(pages.isOurPage('file:///etc/passwd')).toBe(false);
    expect(pages.isOurPage('https://example.com/index.html')).toBe(false);
    expect(pages.isOurPage('')).toBe(false);
  });

  it('recognises the prompt page from the dev server too, but not another port', () => {
    const pages = resolvePages('http://localhost:5173');
    expect(pages.isOurPage('http://localhost:5173/prompt.html?id=3')).toBe(true);
    expect(pages.isOurPage('http://localhost:5174/prompt.html')).toBe(false);
    expect(pages.isOurPage('attune://app/prompt.html')).toBe(false);
  });
});

describe('samePage', () => {
  it('compares scheme, host and path', () => {
    expect(samePage('http://localhost:5173/a.html#x', 'http://localhost:5173/a.html?y')).toBe(true);
    expect(samePage('http://localhost:5173/a.html', 'http://localhost:5174/a.html')).toBe(false);
    expect(samePage('http://localhost:5173/a.html', 'https://localhost:5173/a.html')).toBe(false);
    expect(samePage('not a url', 'not a url')).toBe(false);
  });
});
