// @ts-check
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http', 'https'];

/** Folder boundaries from DESIGN.md: a wrong import fails lint, not a review. */
const boundary = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
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
        group: ['../engine/**', '../main/**', '../renderer/**', '../host/**', '../cli/**', '../preload/**'],
        message: 'src/shared imports nothing from other folders.',
      },
      { group: ['electron', ...NODE_BUILTINS], message: 'src/shared is pure TypeScript.' },
    ],
  ),
  boundary(
    ['src/engine/**', 'src/host/**', 'src/cli/**'],
    [
      { group: ['electron'], message: 'Only src/main adapters import electron.' },
      {
        group: ['**/renderer/**', '**/main/**', '**/preload/**'],
        message: 'Node code never imports UI or Electron code.',
      },
    ],
  ),
  boundary(
    ['src/renderer/**'],
    [
      {
        group: ['electron', ...NODE_BUILTINS, 'better-sqlite3', 'onnxruntime-node'],
        message: 'The renderer never imports Node.',
      },
      {
        group: ['**/engine/**', '**/main/**', '**/host/**', '**/cli/**', '**/preload/**'],
        message: 'The renderer talks only through its api module.',
      },
    ],
  ),
);
