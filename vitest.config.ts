import { defineConfig } from 'vitest/config';

// Test tiers by suffix, next to the code: *.unit.spec.ts need nothing;
// *.int.spec.ts and *.e2e.spec.ts start real nats-server and SQLite files.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.unit.spec.ts', 'services/*/src/**/*.unit.spec.ts'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['packages/*/src/**/*.int.spec.ts', 'services/*/src/**/*.int.spec.ts', 'test/**/*.int.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.spec.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // Crash tests kill and restart processes and a nats-server; running
          // them beside each other on 2 cores only makes them slower.
          fileParallelism: false,
        },
      },
    ],
  },
});
