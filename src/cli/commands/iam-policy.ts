/**
 * `mrrctl iam-policy [--command <name>] [--account <12 digits>]`: the least-privilege IAM policy for
 * every command, or for one (or a group such as `keys`), with resources scoped from the config. It makes
 * no AWS call, so it works before any credentials exist — that is when the policy is needed.
 */
import type { Command } from 'commander';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { IamPolicyFlags } from './iam-policy/run.js';

export function registerIamPolicy(program: Command, hooks: ProgramHooks): void {
  program
    .command('iam-policy')
    .description('the least-privilege IAM policy for the commands, resources scoped from the config')
    .option('--command <name>', 'only this command ("keys setup") or group ("replica"); default: every command')
    .option('--account <id>', '12-digit AWS account id for the ARNs (default: from key.arn, else *)')
    .addHelpText(
      'after',
      '\nExamples:\n  mrrctl iam-policy --account 111122223333 > mrrctl-policy.json\n  mrrctl iam-policy --command "keys setup"\n  mrrctl iam-policy --command replica --output json | jq .data.policy',
    )
    // The command catalogue and the policy builder load only when the command runs (./iam-policy/run.ts).
    .action(actionFor<IamPolicyFlags>(hooks, async (ctx, _args, flags) => (await import('./iam-policy/run.js')).runIamPolicy(ctx, flags)));
}
