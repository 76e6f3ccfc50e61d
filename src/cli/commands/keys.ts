/**
 * `mrrctl keys setup` (phase 1: the multi-Region key, its replica, policies, rotation, aliases and the
 * pool's KeyConfiguration) and `mrrctl keys verify` (the read-only check of all that).
 */
import type { Command } from 'commander';
import { resolveEnv } from '../../app/env.js';
import { aliasName, keySetup, summaryLine, type KeySetupFlags } from '../../app/keys/setup.js';
import { bindMutation, type MutationEnv, type MutationFlags } from '../../app/mutation/definition.js';
import { runMutation } from '../../app/mutation/run.js';
import { ExitCode } from '../../core/errors.js';
import { observeKeyForVerify } from '../../core/keys/read.js';
import { checkLine, verifyKeyChecks } from '../../core/keys/verify.js';
import type { CommandResult, Diagnostic } from '../../ui/output.js';
import { ReadLog } from '../../core/unreadable.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';

/** Read-only: a check that cannot be read is reported as unreadable and the others still run (exit 3). */
async function runVerify(env: MutationEnv): Promise<CommandResult> {
  const reads = new ReadLog(env.ctx.signal);
  const o = await observeKeyForVerify(env.ports, env.topology, aliasName(env.config), reads);
  const checks = verifyKeyChecks(o);
  const failed = checks.filter((c) => c.status === 'fail');
  const unreadable = checks.filter((c) => c.status === 'unreadable').length;
  const diagnostics: Diagnostic[] = reads.items.map((u) => ({ severity: 'error', code: 'MRR_UNREADABLE_E001', message: u.message }));
  if (failed.length > 0) diagnostics.unshift({ severity: 'error', code: 'MRR_KEYS_E300', message: `${failed.length} key check(s) failed: ${failed.map((c) => c.id).join(', ')}` });
  const ok = diagnostics.length === 0 && unreadable === 0;
  return {
    command: 'keys verify',
    ok,
    data: { userPoolId: env.topology.userPoolId, keyArn: o.key?.primary.Arn ?? null, checks, unreadable: reads.items },
    diagnostics,
    text: [...checks.map(checkLine), `${summaryLine(checks)}${unreadable > 0 ? `, ${unreadable} unreadable (re-run after recovery)` : ''}`],
    exitCode: ok ? ExitCode.ok : ExitCode.findings,
  };
}

export function registerKeys(program: Command, hooks: ProgramHooks): void {
  const keys = program.command('keys').description('phase 1: the multi-Region KMS key the pool is encrypted with');

  keys
    .command('setup')
    .description('create or adopt the multi-Region key, replicate it, grant Amazon Cognito, and set the pool KeyConfiguration')
    .option('--key-arn <arn>', 'adopt this existing symmetric multi-Region primary key instead of creating one')
    .option('--dry-run', 'show the plan, change nothing')
    .option('--plan-out <file>', 'save the plan for `mrrctl apply`')
    .option('--timeout <seconds>', 'how long to wait for the replica key to be Enabled', '300')
    .addHelpText('after', '\nExamples:\n  mrrctl keys setup --dry-run\n  mrrctl keys setup --key-arn arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab')
    .action(
      actionFor<KeySetupFlags & MutationFlags>(hooks, async (ctx, _args, flags) => {
        const mutation = bindMutation(keySetup, keySetup.fromFlags(flags, ctx));
        return runMutation(await resolveEnv(ctx), mutation, { dryRun: flags.dryRun, planOut: flags.planOut });
      }),
    );

  keys
    .command('verify')
    .description('read-only check of the key: multi-Region, replicated, enabled, rotation, policies in both Regions')
    .addHelpText('after', '\nExample:\n  mrrctl keys verify --output json')
    .action(actionFor<Record<string, never>>(hooks, async (ctx) => runVerify(await resolveEnv(ctx))));
}
