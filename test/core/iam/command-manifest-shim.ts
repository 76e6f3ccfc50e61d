/**
 * Test-only: commands whose code exists but that the lead has not yet added to the command manifest
 * (src/cli/commands/index.ts) are appended to it in this test process, so the E2E tests can run them
 * through the real main(). Once a command is in the manifest, this does nothing for it. Vitest runs each
 * test file in its own process (pool: forks), so no other test file sees the change.
 */
import { COMMANDS } from '../../../src/cli/commands/index.js';
import type { CommandRegistrar } from '../../../src/cli/command-kit.js';

interface Pending {
  name: string;
  description: string;
  file: string;
  exportName: string;
}

const PENDING: Pending[] = [
  { name: 'iam-policy', description: 'least-privilege IAM policy for the commands', file: 'iam-policy.js', exportName: 'registerIamPolicy' },
  { name: 'drift', description: 'compare the Regional settings of the two Regions', file: 'drift.js', exportName: 'registerDrift' },
  { name: 'health', description: 'probes of both Regions', file: 'health.js', exportName: 'registerHealth' },
  { name: 'failover', description: 'guarded DNS failover', file: 'failover.js', exportName: 'registerFailover' },
  { name: 'canary', description: 'shift a share of traffic for a drill', file: 'canary.js', exportName: 'registerCanary' },
];

/** Adds the pending commands that exist in code; returns the names of those now runnable. */
export async function registerPendingCommands(): Promise<string[]> {
  const runnable: string[] = [];
  for (const p of PENDING) {
    if (COMMANDS.some((c) => c.name === p.name)) {
      runnable.push(p.name);
      continue;
    }
    const module = (await import(`../../../src/cli/commands/${p.file}`).catch(() => undefined)) as Record<string, unknown> | undefined;
    const register = module?.[p.exportName] as CommandRegistrar | undefined;
    if (typeof register !== 'function') continue;
    COMMANDS.push({ name: p.name, description: p.description, load: async () => register });
    runnable.push(p.name);
  }
  return runnable;
}

/** Whether the manifest (with the shim applied) can run this top-level command. */
export function isRunnable(topLevel: string): boolean {
  return COMMANDS.some((c) => c.name === topLevel);
}
