// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** What pure packages may never import: I/O, transports, the store client, crypto libraries, Node built-ins. */
const forbiddenInPureCode = {
  patterns: [
    { group: ['node:*'], message: 'Pure packages do no I/O: no Node built-ins.' },
    { group: ['fastify', 'fastify/*', '@fastify/*', 'mercurius', '@mercuriusjs/*'], message: 'Pure packages know nothing of HTTP or GraphQL.' },
    { group: ['nats', '@nats-io/*'], message: 'Pure packages know nothing of the bus.' },
    { group: ['@kurrent/*', '@eventstore/*', 'better-sqlite3'], message: 'Pure packages know nothing of the event store.' },
    { group: ['jose'], message: 'Pure packages do not sign or verify; packages/identity does.' },
    { group: ['@tracebridge/*', '!@tracebridge/contracts'], message: 'Pure packages depend on contracts only.' },
    { group: ['@tracebridge/*/*'], message: 'Import a package by its name; its index.ts is its public API.' },
    { group: ['../../*', '../../**'], message: 'Do not reach into another package by path.' },
  ],
  paths: ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'worker_threads'].map((name) => ({ name, message: 'Pure packages do no I/O.' })),
};

/** No deep imports across packages: each package's public API is its index.ts. */
const deepImports = { group: ['@tracebridge/*/*'], message: 'Import a package by its name; its index.ts is its public API.' };
/** Out of a package by path (`../../reporting/src/…`) would step round every rule above: packages are imported by name. */
const byPath = { group: ['../../*', '../../**'], message: 'Do not reach into another package or service by path; import a package by its name.' };
/** Runtime code (every service, every package but the test kit itself) never imports the test kit. */
const testKit = { group: ['@tracebridge/testkit'], message: 'Runtime code never imports the test kit (demo data comes from @tracebridge/demo-data).' };
/** The services, by package name: no package and no other service may import one; they talk over GraphQL and the bus. */
const services = {
  group: ['border', 'console', 'customs', 'directory', 'gateway', 'liaison', 'network', 'police', 'regional', 'licensing', 'relay'].map((s) => `@tracebridge/${s}`),
  message: 'No package or service imports a service; services talk over GraphQL and the bus.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.tools/**', '.data/**', '**/dist/**', 'eslint.config.mjs', 'services/console/src/graphql-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [deepImports] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // Runtime code. (A later block for the pure packages replaces this rule there with a stricter one that covers these patterns too.)
    files: ['packages/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'packages/testkit/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [deepImports, byPath, testKit, services] }],
      // import() would pass by every rule on imports: runtime imports are static.
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'No dynamic import() in runtime code: lint checks static imports only.' }],
    },
  },
  {
    // The read side (the hub) does not import the write side (the agency services' package): what they share is in contracts and domain.
    files: ['packages/hub/src/**/*.ts', 'services/liaison/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepImports,
            byPath,
            testKit,
            services,
            { group: ['@tracebridge/reporting'], message: 'The read side does not import the write side; share through contracts and domain.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/domain/src/**/*.ts', 'packages/policy/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', forbiddenInPureCode],
      // Time comes in through command metadata, never from the clock.
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Deciders take time from command metadata.' },
        { name: 'setTimeout', message: 'No timers in pure code.' },
        { name: 'fetch', message: 'No I/O in pure code.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Randomness comes in through the command.' }],
    },
  },
  {
    // Size, for every TypeScript file, tests included: a file over 300 lines holds more than one topic.
    files: ['**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Size, for runtime code: a function over 60 lines does more than one thing; name the parts.
    // An IIFE counts as a function of its own (an async loop is often written as one).
    files: ['packages/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    // The web console (services/console): browser code that talks to the gateway's GraphQL API only.
    // Its pages load on demand (React.lazy), so dynamic import() is how the first screen stays small.
    files: ['services/console/src/**/*.ts', 'services/console/src/**/*.tsx'],
    ignores: ['**/*.spec.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['@tracebridge/*'], message: "The console reaches the network through the gateway's GraphQL API only." }, byPath] }],
      'no-restricted-syntax': 'off',
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['**/*.tsx'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
