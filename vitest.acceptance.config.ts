import { defineConfig } from 'vitest/config';

// `npm run test:aws` only (docs/acceptance.md): the acceptance scenarios against a real account.
// No deny-network setup here — this run is meant to reach AWS — and one file, one worker, in order.
export default defineConfig({
  test: {
    include: ['test/acceptance/aws.acceptance.ts'],
    testTimeout: 60 * 60_000,
    hookTimeout: 60 * 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
