import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships CommonJS ("main") and ESM ("module"). Node (and so the services under tsx)
// loads the CommonJS file, as mercurius does; vite would pick the ESM one for our sources,
// and graphql-js refuses a schema from "another realm". Resolve it as Node does.
const graphqlMain = createRequire(new URL('./packages/server/package.json', import.meta.url)).resolve('graphql');

// Test tiers by suffix, next to the code: *.unit.spec.ts need nothing;
// *.int.spec.ts and *.e2e.spec.ts start real nats-server and SQLite files.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
  test: {
    // Both cores for the unit and int files (vitest's default on 2 cores is one worker: every file after the other).
    // The e2e files come after them (groupOrder 1), one at a time: each starts a whole network of processes.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.unit.spec.ts', 'services/*/src/**/*.unit.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['packages/*/src/**/*.int.spec.ts', 'services/*/src/**/*.int.spec.ts', 'test/**/*.int.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.spec.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // Crash tests kill and restart processes and a nats-server; running
          // them beside each other on 2 cores only makes them slower.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
