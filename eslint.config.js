// @ts-check
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'net',
  'http',
  'https',
  'crypto',
  'url',
  'util',
  'stream',
  'events',
  'buffer',
  'zlib',
  'perf_hooks',
];

/**
 * The only files in src/main that import electron: thin adapters, so the rest of main is tested without it
 * (DESIGN.md habit 8). A new adapter is added here on purpose, in review.
 */
const ELECTRON_ADAPTERS = [
  'src/main/app-protocol.ts',
  'src/main/desktop-deps.ts',
  'src/main/engine-process.ts',
  'src/main/ipc.ts',
  'src/main/prompt-window.ts',
  'src/main/security.ts',
  'src/main/tray.ts',
  'src/main/windows.ts',
];

/** Folder boundaries from DESIGN.md: a wrong import fails lint, not a review. */
const boundary = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, NO_SCRIPTS] }] },
});

/** Every folder of src: scripts/ holds training and model conversion only, and the app never runs it. */
const NO_SCRIPTS = { group: ['**/scripts/**'], message: 'scripts/ is training and model conversion only.' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'tmp/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // `interface AttuneApi extends Signatures<typeof API_SPEC> {}` names a derived type so generic lookups work.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  boundary(
    ['src/shared/**'],
    [
      {
        group: [
          '**/engine/**',
          '**/main/**',
          '**/renderer/**',
          '**/host/**',
          '**/cli/**',
          '**/preload/**',
          '**/app/**',
        ],
        message: 'src/shared imports nothing from other folders.',
      },
      {
        // Relative imports (its own code) and valibot only: the contracts' runtime spec (api-spec.ts) is written
        // with valibot schemas, and shared code runs in the renderer too.
        regex: '^(?!\\.{1,2}/|valibot$)',
        message: 'src/shared imports no package but its own code and valibot (the API spec needs it).',
      },
    ],
    ['src/shared/**/*.test.ts'],
  ),
  boundary(
    ['src/engine/**'],
    [
      { group: ['electron'], message: 'The engine is plain Node: only src/main adapters import electron.' },
      {
        group: ['**/host/**', '**/cli/**', '**/main/**', '**/app/**', '**/renderer/**', '**/preload/**'],
        message: 'src/engine never imports the host, the CLI, main, the app layer or UI code.',
      },
    ],
  ),
  boundary(
    ['src/app/**'],
    [
      { group: ['electron'], message: 'src/app is shared by Electron main and the headless host: no electron.' },
      {
        group: ['**/renderer/**', '**/cli/**', '**/main/**', '**/host/**', '**/preload/**'],
        message: 'src/app never imports UI code, the CLI or either app root (main, host).',
      },
    ],
  ),
  boundary(
    ['src/host/**', 'src/cli/**'],
    [
      { group: ['electron'], message: 'Only src/main adapters import electron.' },
      {
        group: ['**/renderer/**', '**/main/**', '**/preload/**'],
        message: 'Node code never imports UI or Electron code.',
      },
    ],
  ),
  boundary(
    ['src/main/**'],
    [
      {
        group: ['electron'],
        message: 'In src/main only the adapter files listed in ELECTRON_ADAPTERS import electron.',
      },
    ],
    [...ELECTRON_ADAPTERS, 'src/main/**/*.test.ts', 'src/main/test-support/**'],
  ),
  boundary(
    ['src/preload/**'],
    [
      {
        group: ['**/engine/**', '**/main/**', '**/host/**', '**/cli/**', '**/app/**', '**/renderer/**'],
        message: 'The preload exposes the contract from src/shared, nothing else.',
      },
    ],
  ),
  boundary(
    ['src/renderer/**'],
    [
      {
        group: ['electron', ...NODE_BUILTINS, 'better-sqlite3', 'onnxruntime-node', 'ws'],
        message: 'The renderer never imports Node.',
      },
      {
        group: ['**/engine/**', '**/main/**', '**/host/**', '**/cli/**', '**/preload/**', '**/app/**'],
        message: 'The renderer talks only through its api module.',
      },
    ],
  ),
);
