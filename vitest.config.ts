import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // End-to-end tests mostly wait (replica CREATING, DNS PENDING, anti-flap windows), so more
    // workers than cores shortens the run on a 2-core machine without starving the CPU.
    maxWorkers: 4,
    setupFiles: ['test/setup/deny-network.ts'],
  },
});
