/** The bodies of `mrrctl keys setup|verify` (loaded by ../keys.ts when a subcommand runs, not for its --help). */
import { resolveEnv } from '../../../app/env.js';
import { aliasName, keySetup, summaryLine, type KeySetupFlags } from '../../../app/keys/setup.js';
import { bindMutation, type MutationEnv, type MutationFlags } from '../../../app/mutation/definition.js';
import { runMutation } from '../../../app/mutation/run.js';
import { ExitCode } from '../../../core/errors.js';
import { observeKeyForVerify } from '../../../core/keys/read.js';
import { checkLine, verifyKeyChecks } from '../../../core/keys/verify.js';
import type { CommandResult, Diagnostic } from '../../../ui/output.js';
import { ReadLog } from '../../../core/unreadable.js';
import type { CommandContext } from '../../context.js';

export type KeysSetupFlags = KeySetupFlags & MutationFlags;

export async function runKeysSetup(ctx: CommandContext, flags: KeysSetupFlags): Promise<CommandResult> {
  const mutation = bindMutation(keySetup, keySetup.fromFlags(flags, ctx));
  return runMutation(await resolveEnv(ctx), mutation, { dryRun: flags.dryRun, planOut: flags.planOut });
}

export async function runKeysVerify(ctx: CommandContext): Promise<CommandResult> {
  return runVerify(await resolveEnv(ctx));
}

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
