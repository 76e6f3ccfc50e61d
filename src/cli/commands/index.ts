/**
 * Every command the CLI has, as a manifest: the name and one-line description are enough for
 * `mrrctl --help`; a command's module (and what it imports) is loaded only when that command runs or
 * its own help is asked for, so start-up stays fast. A command that is not built yet is not listed.
 */
import type { CommandRegistrar } from '../command-kit.js';

export interface CommandEntry {
  name: string;
  description: string;
  load(): Promise<CommandRegistrar>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'status', description: 'topology at a glance: both Regions, replica, key, issuer, DNS', load: async () => (await import('./status.js')).registerStatus },
  { name: 'preflight', description: 'every prerequisite for MRR and a safe failover, as a checklist', load: async () => (await import('./preflight.js')).registerPreflight },
  { name: 'keys', description: 'phase 1: the multi-Region KMS key (setup, verify)', load: async () => (await import('./keys.js')).registerKeys },
  { name: 'issuer', description: 'phase 2: the OIDC issuer (switch, status)', load: async () => (await import('./issuer.js')).registerIssuer },
  { name: 'replica', description: 'phase 3: the replica (create, activate, deactivate, delete, list)', load: async () => (await import('./replica.js')).registerReplica },
  { name: 'drift', description: 'compare the two Regions of the pool; drift fix aligns the Regional settings', load: async () => (await import('./drift.js')).registerDrift },
  { name: 'health', description: 'probe both Regions: health checks, discovery, JWKS, token', load: async () => (await import('./health.js')).registerHealth },
  { name: 'failover', description: 'guarded DNS failover (and failback) to a Region', load: async () => (await import('./failover.js')).registerFailover },
  { name: 'canary', description: 'send a small share of users to a Region for a drill', load: async () => (await import('./canary.js')).registerCanary },
  { name: 'apply', description: 'apply a plan saved with --plan-out', load: async () => (await import('./apply.js')).registerApply },
  { name: 'iam-policy', description: 'least-privilege IAM policy for the commands', load: async () => (await import('./iam-policy.js')).registerIamPolicy },
  { name: 'rehearse', description: 'the whole runbook as a game day on an ephemeral sandbox', load: async () => (await import('./rehearse.js')).registerRehearse },
  { name: 'sandbox', description: 'the embedded two-Region AWS endpoint', load: async () => (await import('./sandbox.js')).registerSandbox },
  { name: 'cost', description: 'monthly add-on cost of the replica Region', load: async () => (await import('./cost.js')).registerCost },
  { name: 'completion', description: 'print a shell completion script', load: async () => (await import('./completion.js')).registerCompletion },
];
