/** The body of `mrrctl iam-policy` (loaded by ../iam-policy.ts when the command runs, not for its --help). */
import { InputError } from '../../../core/errors.js';
import { closestMatch } from '../../../core/config/suggest.js';
import { actionsOf, COMMAND_NAMES, resolveCommands } from '../../../core/iam/commands.js';
import { buildIamPolicy, MANAGED_POLICY_MAX_CHARS, policySize, type IamPolicy } from '../../../core/iam/policy.js';
import { ACCOUNT_PATTERN, policyScope } from '../../../core/iam/scope.js';
import type { CommandResult, Diagnostic } from '../../../ui/output.js';
import type { CommandContext } from '../../context.js';

export interface IamPolicyFlags {
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

export async function runIamPolicy(ctx: CommandContext, flags: IamPolicyFlags): Promise<CommandResult> {
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

