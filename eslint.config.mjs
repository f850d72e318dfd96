// Lint for the whole workspace. Besides the usual TypeScript checks it enforces the
// architecture: lb-core is pure (no I/O, no other workspace package), demo apps import
// nothing internal, and no package reaches into another's sources.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node built-ins and I/O libraries lb-core must never import. */
const IO_MODULES = [
  'node:*',
  'fs',
  'fs/*',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'child_process',
  'cluster',
  'worker_threads',
  'os',
  'path',
  'stream',
  'process',
  'crypto',
  'dockerode',
  'fastify',
  '@fastify/*',
  'undici',
  'express',
  'ws',
  'pino',
  'yaml',
  'prom-client',
];

/** Every file: another package only through its public entry. */
const PUBLIC_ENTRY = {
  group: ['@junction/*/src', '@junction/*/src/*', '@junction/*/dist/*'],
  message: 'Import a workspace package through its public entry only.',
};
/** Production sources never reach into test code (test helpers live under each package's test/). */
const NO_TEST_CODE = {
  group: ['**/test/*', '**/test/**'],
  message: 'Production code imports no test code; test helpers live under test/.',
};
/** lb-server's layers point one way: the dashboard and API read the runtime, never the reverse. */
const ONE_WAY = {
  group: ['**/dashboard/*', '**/api/*'],
  message:
    'Dependencies point one way: proxy, providers and runtime never import the dashboard or API; share through src/runtime or src/containers.',
};
/** lb-core is pure: no I/O module and no other workspace package. */
const LB_CORE_PURE = [
  { group: IO_MODULES, message: 'lb-core is pure: no I/O modules. Do I/O in lb-server and pass data in.' },
  { group: ['@junction/*'], message: 'lb-core depends on no other workspace package.' },
];
/** The demo apps are standalone images. */
const DEMO_STANDALONE = { group: ['@junction/*'], message: 'Demo apps import nothing internal.' };
const SOURCES = ['packages/*/src/**/*.{ts,tsx,js,mjs}'];
const TESTS = ['**/*.test.ts', '**/*.test.mjs'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.nx/**', '**/public/vendor/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            {
              sourceTag: 'type:lib',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: IO_MODULES.filter((m) => !m.includes(':')),
            },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:demo', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:script', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      'no-restricted-imports': ['error', { patterns: [PUBLIC_ENTRY] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tool configs may import the shared root config by relative path; examples import their
    // own package by name, exactly as a user would.
    files: ['**/vitest.config.ts', '**/vitest.*.config.ts', '**/tsup.config.ts', 'packages/*/examples/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: SOURCES,
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [PUBLIC_ENTRY, NO_TEST_CODE] }] },
  },
  {
    files: ['packages/lb-server/src/{proxy,providers,runtime,health,metrics,tls,containers}/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [PUBLIC_ENTRY, NO_TEST_CODE, ONE_WAY] }] },
  },
  {
    // lb-core: pure. Node built-ins are banned here as well (bannedExternalImports covers npm packages).
    files: ['packages/lb-core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...LB_CORE_PURE],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', 'fetch', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['packages/jokes-api/**/*.ts', 'packages/static-site/**/*.ts', 'packages/static-site/**/*.js'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [DEMO_STANDALONE] }],
    },
  },
  {
    // The tooling (projects `scripts` and `docker`): plain JavaScript run by Node, so ESLint's own
    // recommended rules (undefined names, unreachable code, ...) with Node's globals.
    files: ['scripts/**/*.{js,mjs}', 'docker/**/*.{js,mjs}'],
    ...js.configs.recommended,
    languageOptions: { globals: globals.node },
  },
  {
    // The blocks above replace the rule's options for lb-core and the demo apps; their production
    // sources keep those restrictions and also import no test code.
    files: ['packages/lb-core/src/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...LB_CORE_PURE, NO_TEST_CODE],
        },
      ],
    },
  },
  {
    files: ['packages/jokes-api/src/**/*.ts', 'packages/static-site/src/**/*.{ts,js}'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', { patterns: [DEMO_STANDALONE, NO_TEST_CODE] }],
    },
  },
);
