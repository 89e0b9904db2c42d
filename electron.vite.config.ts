/**
 * The Electron build: main (with the engine as a second entry, forked as a utility process), the
 * preload, and the renderer pages (shared with the headless host through vite.renderer.config.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import renderer from './vite.renderer.config';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: { index: fromRoot('./src/main/index.ts'), engine: fromRoot('./src/engine/process/entry.ts') },
        // Native addons load from node_modules at run time; they cannot be bundled.
        external: ['better-sqlite3', 'onnxruntime-node'],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but electron, so the contract's schema library is bundled in.
      externalizeDeps: { exclude: ['valibot'] },
      rollupOptions: {
        input: { index: fromRoot('./src/preload/index.ts') },
        // A sandboxed preload is run as a CommonJS script (require('electron') only, no import), and in a
        // "type": "module" package a CommonJS file must be named .cjs. One entry: no shared chunks.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer,
});
