import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'],
    // A hang detector, not an assertion: the end-to-end tests wait on states and a virtual clock, but
    // their CPU work (cold imports, many in-process CLI runs) takes 3–4× longer on a 2-core machine
    // that is busy with other work, and a file's first test pays the cold start. Tests that spawn
    // processes or exercise real request timeouts set their own, longer bounds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // End-to-end tests mostly wait (replica CREATING, DNS PENDING, anti-flap windows), so more
    // workers than cores shortens the run on a 2-core machine without starving the CPU.
    maxWorkers: 4,
    setupFiles: ['test/setup/deny-network.ts'],
  },
});
