/**
 * `mrrctl iam-policy [--command <name>] [--account <12 digits>]`: the least-privilege IAM policy for
 * every command, or for one (or a group such as `keys`), with resources scoped from the config. It makes
 * no AWS call, so it works before any credentials exist — that is when the policy is needed.
 */
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { closestMatch } from '../../core/config/suggest.js';
import { actionsOf, COMMAND_NAMES, resolveCommands } from '../../core/iam/commands.js';
import { buildIamPolicy, MANAGED_POLICY_MAX_CHARS, policySize, type IamPolicy } from '../../core/iam/policy.js';
import { ACCOUNT_PATTERN, policyScope } from '../../core/iam/scope.js';
import type { CommandResult, Diagnostic } from '../../ui/output.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import type { CommandContext } from '../context.js';

interface IamPolicyFlags {
  command?: string;
  account?: string;
}

export function parseCommandName(raw: string): string[] {
  const commands = resolveCommands(raw);
  if (commands) return commands;
  const suggestion = closestMatch(raw.trim(), COMMAND_NAMES);
  throw new InputError(
    'MRR_IAM_E001',
    'flags',
    '--command',
    raw,
    `an mrrctl command such as "keys setup" or a group such as "replica"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; one of: ${COMMAND_NAMES.join(', ')}`,
  );
}

export function parseAccount(raw: string): string {
  const value = raw.trim();
  if (!ACCOUNT_PATTERN.test(value)) throw new InputError('MRR_IAM_E002', 'flags', '--account', raw, 'a 12-digit AWS account id such as 111122223333');
  return value;
}

function diagnosticsOf(policy: IamPolicy): Diagnostic[] {
  const out: Diagnostic[] = policy.notes.map((message) => ({ severity: 'warning', code: 'MRR_IAM_W001', message }));
  for (const o of policy.omitted) out.push({ severity: 'info', code: 'MRR_IAM_I002', message: `${o.action} left out: ${o.reason} (mrrctl makes that call only when the config asks for it)` });
  if (policy.document && policySize(policy.document) > MANAGED_POLICY_MAX_CHARS) {
    out.push({
      severity: 'warning',
      code: 'MRR_IAM_W003',
      message: `the policy is ${policySize(policy.document)} characters, over the ${MANAGED_POLICY_MAX_CHARS} a managed policy may hold: split it per command with --command`,
    });
  }
  return out;
}

async function runIamPolicy(ctx: CommandContext, flags: IamPolicyFlags): Promise<CommandResult> {
  const commands = flags.command === undefined ? [...COMMAND_NAMES] : parseCommandName(flags.command);
  const account = flags.account === undefined ? undefined : parseAccount(flags.account);
  const label = flags.command === undefined ? 'every mrrctl command' : commands.join(', ');
  // Nothing to scope: no config needed (cost, completion and the sandbox commands work without one).
  if (commands.every((c) => actionsOf(c).calls.length + actionsOf(c).implied.length === 0)) {
    return {
      command: 'iam-policy',
      ok: true,
      data: { commands, account: account ?? null, policy: null, calls: [], implied: [], omitted: [], notes: [] },
      diagnostics: [],
      text: [`${label} makes no AWS call: no IAM permission is needed.`],
    };
  }
  const topology = await ctx.topology();
  const scope = policyScope({ topology, config: (await ctx.config()).config, account });
  const policy = buildIamPolicy(commands, scope);
  return {
    command: 'iam-policy',
    ok: true,
    data: {
      commands,
      account: scope.account,
      policy: policy.document ?? null,
      calls: policy.calls,
      implied: policy.implied,
      omitted: policy.omitted,
      notes: policy.notes,
    },
    diagnostics: diagnosticsOf(policy),
    text: policy.document
      ? JSON.stringify(policy.document, null, 2).split('\n')
      : [`${label}: every call it makes is left out by the config (see the notes): no IAM permission is needed.`],
  };
}

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
    .action(actionFor<IamPolicyFlags>(hooks, (ctx, _args, flags) => runIamPolicy(ctx, flags)));
}
