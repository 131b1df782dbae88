import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    // Two cores here and in CI: keep the pool small so theory tests are not starved.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
