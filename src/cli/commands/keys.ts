/**
 * `mrrctl keys setup` (phase 1: the multi-Region key, its replica, policies, rotation, aliases and the
 * pool's KeyConfiguration) and `mrrctl keys verify` (the read-only check of all that).
 */
import type { Command } from 'commander';
import { ExitCode, InputError } from '../../core/errors.js';
import type { MrrConfig } from '../../core/config/schema.js';
import { updateUserPoolInput } from '../../core/cognito/update-pool.js';
import type { JsonObject } from '../../core/plan/types.js';
import { DEFAULT_KEY_ALIAS } from '../../core/keys/key-facts.js';
import { planKeySetup } from '../../core/keys/plan.js';
import { observeKeyForVerify, observeKeySetup, type KeySetupObservation, type KeySetupRequest } from '../../core/keys/read.js';
import { checkLine, verifyKeyChecks, type KeyCheck } from '../../core/keys/verify.js';
import { keyWaits } from '../../aws/key-waits.js';
import { emitTo } from '../../ui/events.js';
import type { CommandResult } from '../../ui/output.js';
import { actionFor, type ProgramHooks } from '../command-kit.js';
import { parseTimeout } from '../flag-values.js';
import { commandEnv } from '../command-env.js';
import { runMutation, type MutationDefinition, type MutationEnv, type Verification } from '../mutation.js';
import { readersFor } from '../readers.js';

export interface KeySetupOptions extends JsonObject {
  timeoutSeconds: number;
  /** --key-arn; null when not given (the config's key.arn then applies). */
  keyArn: string | null;
}

const KEY_REF = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|alias\/[A-Za-z0-9/_-]+)$/;

export function parseKeyArn(raw: string): string {
  const value = raw.trim();
  if (!KEY_REF.test(value)) {
    throw new InputError('MRR_INPUT_E020', 'flags', '--key-arn', raw, 'a KMS key ARN such as arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab');
  }
  return value;
}


function aliasName(config: MrrConfig): string {
  return config.key?.alias ?? DEFAULT_KEY_ALIAS;
}

function setupRequest(env: MutationEnv, opts: KeySetupOptions): KeySetupRequest {
  const fromConfig = env.config.key?.arn;
  const requested = opts.keyArn ? { ref: opts.keyArn, origin: 'flags' as const } : fromConfig ? { ref: fromConfig, origin: 'config' as const } : undefined;
  return { aliasName: aliasName(env.config), ...(requested ? { requested } : {}) };
}

/** Only what the plan depends on: a saved plan goes stale when any of it changes. */
function fingerprinted(o: KeySetupObservation): unknown {
  return {
    pool: updateUserPoolInput(o.pool, {}),
    poolReplicaRegions: o.poolReplicaRegions,
    aliases: o.aliases,
    choice: { source: o.choice.source, key: o.choice.key?.Arn ?? null, replaces: o.choice.replaces ?? null },
    key: o.key ?? null,
  };
}

function summaryLine(checks: KeyCheck[]): string {
  const count = (s: KeyCheck['status']) => checks.filter((c) => c.status === s).length;
  return `${checks.length} checks: ${count('pass')} pass, ${count('warn')} warn, ${count('fail')} fail`;
}

async function verifyAfterSetup(env: MutationEnv): Promise<Verification> {
  const o = await observeKeyForVerify(readersFor(env.aws), env.topology, aliasName(env.config));
  const checks = verifyKeyChecks(o);
  const config = o.pool?.KeyConfiguration;
  const replica = o.key?.replica;
  const lines = [
    `Pool KeyConfiguration: ${config?.KeyType ?? 'AWS_OWNED_KEY'}${config?.KmsKeyArn ? ` ${config.KmsKeyArn}` : ''}`,
    `Replica key in ${env.topology.secondaryRegion}: ${replica ? `${replica.KeyState} (${replica.Arn})` : 'missing'}`,
    ...checks.filter((c) => c.status !== 'pass').map(checkLine),
    `Verify: ${summaryLine(checks)}`,
  ];
  return {
    ok: checks.every((c) => c.status !== 'fail'),
    lines,
    data: { keyConfiguration: config ?? null, replicaKeyState: replica?.KeyState ?? null, checks },
  };
}

export const keySetupDefinition: MutationDefinition<KeySetupOptions> = {
  command: 'keys setup',
  async prepare(env, opts) {
    const observation = await observeKeySetup(readersFor(env.aws), env.topology, setupRequest(env, opts));
    const plan = planKeySetup(observation, { timeoutSeconds: opts.timeoutSeconds });
    return {
      draft: { command: 'keys setup', ...env.topology, observed: fingerprinted(observation), steps: plan.steps, notes: plan.notes },
      confirm: { question: `Apply ${plan.steps.length} change(s) to the KMS key and user pool ${env.topology.userPoolId}?` },
    };
  },
  waits: (env) => keyWaits({ kms: readersFor(env.aws).kms, clock: env.ctx.clock, emit: emitTo(env.ctx.log) }),
  verify: (env) => verifyAfterSetup(env),
};

interface SetupFlags {
  keyArn?: string;
  dryRun?: boolean;
  planOut?: string;
  timeout: string;
}

async function runVerify(env: MutationEnv): Promise<CommandResult> {
  const o = await observeKeyForVerify(readersFor(env.aws), env.topology, aliasName(env.config));
  const checks = verifyKeyChecks(o);
  const failed = checks.filter((c) => c.status === 'fail');
  return {
    command: 'keys verify',
    ok: failed.length === 0,
    data: { userPoolId: env.topology.userPoolId, keyArn: o.key?.primary.Arn ?? null, checks },
    diagnostics:
      failed.length === 0
        ? []
        : [{ severity: 'error', code: 'MRR_KEYS_E300', message: `${failed.length} key check(s) failed: ${failed.map((c) => c.id).join(', ')}` }],
    text: [...checks.map(checkLine), summaryLine(checks)],
    exitCode: failed.length === 0 ? ExitCode.ok : ExitCode.findings,
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
      actionFor<SetupFlags>(hooks, async (ctx, _args, flags) => {
        const options: KeySetupOptions = {
          timeoutSeconds: parseTimeout(flags.timeout),
          keyArn: flags.keyArn === undefined ? null : parseKeyArn(flags.keyArn),
        };
        const env = await commandEnv(ctx);
        return runMutation(env, keySetupDefinition, options, { dryRun: flags.dryRun, planOut: flags.planOut });
      }),
    );

  keys
    .command('verify')
    .description('read-only check of the key: multi-Region, replicated, enabled, rotation, policies in both Regions')
    .addHelpText('after', '\nExample:\n  mrrctl keys verify --output json')
    .action(actionFor<Record<string, never>>(hooks, async (ctx) => runVerify(await commandEnv(ctx))));
}
