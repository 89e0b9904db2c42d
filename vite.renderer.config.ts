/**
 * Renderer build: the dashboard (index.html), Electron's hidden capture page (capture.html) and its one
 * reused break-prompt window (prompt.html).
 * Exported as a plain UserConfig so electron.vite.config.ts can reuse it as its `renderer` section,
 * and `npx vite build -c vite.renderer.config.ts` builds the same output for the headless host.
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type UserConfig } from 'vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export const rendererConfig: UserConfig = {
  root: fromRoot('./src/renderer'),
  // Relative asset URLs: Electron loads the pages from file://, the host serves them under any prefix.
  base: './',
  // The Svelte config sits at the repo root, not in `root`.
  plugins: [svelte({ configFile: fromRoot('./svelte.config.js') })],
  build: {
    outDir: fromRoot('./out/renderer'),
    emptyOutDir: true,
    // The CSP forbids inline scripts and styles, and data: URLs outside images: never inline assets.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        index: fromRoot('./src/renderer/index.html'),
        capture: fromRoot('./src/renderer/capture.html'),
        prompt: fromRoot('./src/renderer/prompt.html'),
      },
    },
  },
};

export default defineConfig(rendererConfig);
