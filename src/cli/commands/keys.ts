/**
 * `mrrctl keys setup` (phase 1: the multi-Region key, its replica, policies, rotation, aliases and the
 * pool's KeyConfiguration) and `mrrctl keys verify` (the read-only check of all that).
 */
import type { Command } from 'commander';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { KeysSetupFlags } from './keys/run.js';

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
      // The key plan, the mutation flow and the SDK load only when the subcommand runs (./keys/run.ts).
      actionFor<KeysSetupFlags>(hooks, async (ctx, _args, flags) => (await import('./keys/run.js')).runKeysSetup(ctx, flags)),
    );

  keys
    .command('verify')
    .description('read-only check of the key: multi-Region, replicated, enabled, rotation, policies in both Regions')
    .addHelpText('after', '\nExample:\n  mrrctl keys verify --output json')
    .action(actionFor<Record<string, never>>(hooks, async (ctx) => (await import('./keys/run.js')).runKeysVerify(ctx)));
}
