/**
 * `mrrctl issuer switch` (phase 2) and `mrrctl issuer status`.
 * switch: impact report → one full read-modify-write UpdateUserPool → verify the new issuer answers
 * (and, with a probe client, that a fresh token carries it). status: read-only, exit 3 when the JWKS
 * does not answer in a Region that hosts the pool.
 */
import { Option, type Command } from 'commander';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { SwitchFlags } from './issuer/run.js';

function registerSwitch(issuer: Command, hooks: ProgramHooks): void {
  issuer
    .command('switch')
    .description('phase 2: switch the pool to the multi-Region (UPDATED) issuer, or back with --to ORIGINAL')
    .addOption(new Option('--to <type>', 'target issuer type: UPDATED or ORIGINAL').default('UPDATED'))
    .option('--dry-run', 'show the impact report and the plan, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`')
    .option('--report <file>', 'write the impact report as Markdown (for a change ticket)')
    .addHelpText(
      'after',
      '\nExamples:\n  mrrctl issuer switch --dry-run --report issuer-impact.md\n  mrrctl issuer switch --yes\n  mrrctl issuer switch --to ORIGINAL',
    )
    .action(
      // The impact report, the mutation flow and the SDK load only when the subcommand runs (./issuer/run.ts).
      actionFor<SwitchFlags>(hooks, async (ctx, _args, flags) => (await import('./issuer/run.js')).runIssuerSwitch(ctx, flags)),
    );
}

function registerStatus(issuer: Command, hooks: ProgramHooks): void {
  issuer
    .command('status')
    .description('issuer type, issuer URL per Region, discovery and JWKS reachability (exit 3 if a JWKS does not answer or a read fails)')
    .addHelpText('after', '\nExample:\n  mrrctl issuer status --output json')
    .action(
      actionFor(hooks, async (ctx) => (await import('./issuer/run.js')).runIssuerStatus(ctx)),
    );
}

export function registerIssuer(program: Command, hooks: ProgramHooks): void {
  const issuer = program.command('issuer').description('phase 2: the OIDC issuer of the user pool');
  registerSwitch(issuer, hooks);
  registerStatus(issuer, hooks);
}
