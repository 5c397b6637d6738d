// Lint rules, including the architecture's boundaries: the core stays pure (no platform imports
// or globals) and the renderer never imports electron or node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const platformModules = [
  'electron',
  'react',
  'react-dom',
  'dexie',
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'http',
  'https',
  'url',
  'util',
  'stream',
  'buffer',
];

export const coreBoundary = {
  'no-restricted-imports': [
    'error',
    {
      paths: platformModules.map((name) => ({
        name,
        message: 'core/ is the pure domain: inject platform services from an adapter instead.',
      })),
      patterns: [
        { group: ['node:*'], message: 'core/ is the pure domain: no node built-ins.' },
        {
          group: ['react-*', 'dexie*', 'electron*', '@electron/*'],
          message: 'core/ is the pure domain.',
        },
        {
          group: ['**/renderer/**', '**/electron/**', '**/hub/**', '**/cli/**'],
          message: 'core/ must not depend on its adapters.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...[
      'window',
      'document',
      'navigator',
      'localStorage',
      'sessionStorage',
      'indexedDB',
      'fetch',
      'XMLHttpRequest',
      'process',
      'Buffer',
      'require',
      '__dirname',
      'crypto',
      'setTimeout',
      'setInterval',
    ].map((name) => ({
      name,
      message: `core/ is the pure domain: "${name}" is a platform global; pass it in from an adapter.`,
    })),
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/**',
      '.*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: coreBoundary,
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'The renderer talks to main only through window.app (electron/common/ipc-contract.ts).',
            },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser: no node built-ins.' },
            {
              group: ['**/electron/main/**', '**/electron/preload/**', '**/hub/**', '**/cli/**'],
              message: 'The renderer may import only electron/common.',
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules where promises meet callbacks: a rejected promise nobody handles is a
    // failure the user never hears of (a button left disabled, a save that silently did not happen).
    files: ['renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'hub/**/*.ts', 'cli/**/*.ts'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/main/**'],
              message:
                'The preload is a thin bridge: it imports only electron and electron/common.',
            },
          ],
        },
      ],
    },
  },
);
