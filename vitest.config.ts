import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          // Property tests run hundreds of cases; on a busy 2-core machine 5 s is not enough.
          testTimeout: 60_000,
          include: ["src/**/*.test.ts", "test/unit/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "test/integration/**/*.test.ts"],
          // Fails a test that makes node-postgres queue a query on a busy client (pg 9 will throw).
          setupFiles: ["test/support/no-parallel-queries.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          // Journeys of many steps on a 2-core machine that may be busy: the default 1 s of
          // expect.poll made a slow save look like a failure.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          expect: { poll: { timeout: 20_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
