/**
 * `mrrctl keys setup` (phase 1) as a mutation definition — the multi-Region key, its replica,
 * policies, rotation, aliases and the pool's KeyConfiguration — and the read-only key check that
 * `keys verify` and the setup's verification share.
 */
import { keyWaits } from '../../aws/key-waits.js';
import { updateUserPoolInput } from '../../core/cognito/update-pool.js';
import type { MrrConfig } from '../../core/config/schema.js';
import { requireKeyArnPartition } from '../../core/config/topology.js';
import { InputError } from '../../core/errors.js';
import { DEFAULT_KEY_ALIAS } from '../../core/keys/key-facts.js';
import { planKeySetup } from '../../core/keys/plan.js';
import { observeKeyForVerify, observeKeySetup, type KeySetupObservation, type KeySetupRequest } from '../../core/keys/read.js';
import { checkLine, verifyKeyChecks, type KeyCheck } from '../../core/keys/verify.js';
import type { JsonObject } from '../../core/plan/types.js';
import { parseTimeout } from '../flag-values.js';
import { defineMutation, type MutationEnv, type Verification } from '../mutation/definition.js';
import { savedNumber, savedString } from '../mutation/saved-options.js';
import { emitTo } from '../../ui/events.js';

export interface KeySetupOptions extends JsonObject {
  timeoutSeconds: number;
  /** --key-arn; null when not given (the config's key.arn then applies). */
  keyArn: string | null;
}

export interface KeySetupFlags {
  keyArn?: string;
  timeout: string;
}

const KEY_REF = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|alias\/[A-Za-z0-9/_-]+)$/;

export function parseKeyArn(raw: string): string {
  const value = raw.trim();
  if (!KEY_REF.test(value)) {
    throw new InputError('MRR_INPUT_E020', 'flags', '--key-arn', raw, 'a KMS key ARN such as arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab');
  }
  return value;
}

export function aliasName(config: MrrConfig): string {
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

export function summaryLine(checks: KeyCheck[]): string {
  const count = (s: KeyCheck['status']) => checks.filter((c) => c.status === s).length;
  return `${checks.length} checks: ${count('pass')} pass, ${count('warn')} warn, ${count('fail')} fail`;
}

async function verifyAfterSetup(env: MutationEnv): Promise<Verification> {
  const o = await observeKeyForVerify(env.ports, env.topology, aliasName(env.config));
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

export const keySetup = defineMutation<KeySetupOptions, KeySetupFlags>({
  command: 'keys setup',
  fromFlags: (flags) => ({
    timeoutSeconds: parseTimeout(flags.timeout),
    keyArn: flags.keyArn === undefined ? null : parseKeyArn(flags.keyArn),
  }),
  fromSaved: (saved) => ({
    timeoutSeconds: savedNumber(saved, 'timeoutSeconds'),
    keyArn: saved.keyArn === null || saved.keyArn === undefined ? null : savedString(saved, 'keyArn'),
  }),
  async prepare(env, opts) {
    // A key of another partition (arn:aws-cn:… with commercial Regions) is refused before any read.
    if (opts.keyArn) requireKeyArnPartition(env.topology, '--key-arn', opts.keyArn);
    const observation = await observeKeySetup(env.ports, env.topology, setupRequest(env, opts));
    const plan = planKeySetup(observation, { timeoutSeconds: opts.timeoutSeconds });
    return {
      draft: { command: 'keys setup', ...env.topology, observed: fingerprinted(observation), steps: plan.steps, notes: plan.notes },
      confirm: { question: `Apply ${plan.steps.length} change(s) to the KMS key and user pool ${env.topology.userPoolId}?` },
    };
  },
  waits: (env) => keyWaits({ kms: env.ports.kms, clock: env.ctx.clock, emit: emitTo(env.ctx.log) }),
  verify: (env) => verifyAfterSetup(env),
});
