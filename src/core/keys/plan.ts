/**
 * Phase 1 as a plan: only what is missing, in the order AWS needs it (aws-conformance E1–E2) — the key,
 * its alias, rotation, the replica with its own policy, the wait for the replica, the replica's
 * alias, the Cognito statement where an adopted key lacks it, and last the pool's KeyConfiguration
 * (a full read-modify-write). Pure: a function of the observation.
 */
import { FindingsError } from '../errors.js';
import { updateUserPoolInput } from '../cognito/update-pool.js';
import type { JsonValue, Step } from '../plan/types.js';
import type { KeyMetadata } from '../ports/kms.js';
import { keyDescription, keyTags } from './key-facts.js';
import { hasCognitoStatement, newKeyPolicy, withCognitoStatement } from './policy.js';
import type { KeySetupObservation } from './read.js';

export interface KeySetupPlanOptions {
  /** How long the wait for the replica key may take (--timeout). */
  timeoutSeconds: number;
}

export interface KeySetupPlan {
  steps: Step[];
  notes: string[];
}

export const KEY_STEP = {
  createKey: 'kms.create-key',
  aliasPrimary: 'kms.create-alias.primary',
  rotation: 'kms.enable-key-rotation',
  replicate: 'kms.replicate-key',
  waitReplica: 'kms.wait-replica',
  aliasSecondary: 'kms.create-alias.secondary',
  policyPrimary: 'kms.put-key-policy.primary',
  policySecondary: 'kms.put-key-policy.secondary',
  pool: 'cognito.update-user-pool',
} as const;

/** A key known now (its id and ARN) or "known after apply" (a $ref to CreateKey's output). */
interface KeyHandle {
  keyId: JsonValue;
  arn: JsonValue;
  label: string;
  dependsOn: string[];
}

function handleFor(key: KeyMetadata | undefined): KeyHandle {
  if (key) return { keyId: key.KeyId, arn: key.Arn ?? key.KeyId, label: key.Arn ?? key.KeyId, dependsOn: [] };
  return {
    keyId: { $ref: KEY_STEP.createKey, path: 'KeyMetadata.KeyId' },
    arn: { $ref: KEY_STEP.createKey, path: 'KeyMetadata.Arn' },
    label: 'the new key',
    dependsOn: [KEY_STEP.createKey],
  };
}

function kmsStep(partial: Omit<Step, 'service' | 'destructive'>): Step {
  const step: Step = { ...partial, service: 'kms', destructive: false };
  if (step.dependsOn?.length === 0) delete step.dependsOn;
  return step;
}

/** Refuses what the plan cannot fix: a replica or alias in the secondary that belongs elsewhere. */
function assertSecondaryUsable(o: KeySetupObservation): void {
  const { secondaryRegion } = o.topology;
  const replica = o.key?.replica;
  if (replica && replica.KeyState !== 'Enabled' && replica.KeyState !== 'Creating') {
    throw new FindingsError(
      'MRR_KEYS_E306',
      `the replica key ${replica.Arn} in ${secondaryRegion} is ${replica.KeyState}; ` +
        (String(replica.KeyState).startsWith('Pending')
          ? 'cancel its deletion (aws kms cancel-key-deletion) and enable it, or wait until it is deleted, then re-run'
          : 'enable it (aws kms enable-key), then re-run'),
    );
  }
  const alias = o.aliases.secondary;
  const keyId = o.key?.primary.KeyId;
  if (alias && (!keyId || alias.TargetKeyId !== keyId)) {
    throw new FindingsError(
      'MRR_KEYS_E307',
      `${o.aliasName} in ${secondaryRegion} already points at key ${alias.TargetKeyId ?? '(none)'}` +
        `${keyId ? `, not at the pool's key ${keyId}` : ''}; point it at the right key (aws kms update-alias) or set key.alias to a free alias name`,
    );
  }
}

function poolUsesKey(o: KeySetupObservation): boolean {
  const config = o.pool.KeyConfiguration;
  const arn = o.key?.primary.Arn;
  return config?.KeyType === 'CUSTOMER_MANAGED_KEY' && arn !== undefined && config.KmsKeyArn === arn;
}

export function planKeySetup(o: KeySetupObservation, opts: KeySetupPlanOptions): KeySetupPlan {
  assertSecondaryUsable(o);
  const { primaryRegion, secondaryRegion, userPoolId } = o.topology;
  const existing = o.key;
  const key = handleFor(existing?.primary);
  const policy = newKeyPolicy(o.account);
  const steps: Step[] = [];
  const notes = [...o.choice.notes];

  if (!existing) {
    steps.push(
      kmsStep({
        id: KEY_STEP.createKey,
        region: primaryRegion,
        operation: 'CreateKey',
        input: {
          KeySpec: 'SYMMETRIC_DEFAULT',
          KeyUsage: 'ENCRYPT_DECRYPT',
          MultiRegion: true,
          Description: keyDescription(userPoolId),
          Tags: keyTags(userPoolId),
          Policy: policy,
        },
        summary: `create a symmetric multi-Region key for ${userPoolId} (policy: account administration + Amazon Cognito; tagged with the pool id)`,
        action: 'create',
      }),
    );
  }
  if (!o.aliases.primary) {
    steps.push(
      kmsStep({
        id: KEY_STEP.aliasPrimary,
        region: primaryRegion,
        operation: 'CreateAlias',
        input: { AliasName: o.aliasName, TargetKeyId: key.keyId },
        summary: `alias ${o.aliasName} → ${key.label}`,
        action: 'create',
        dependsOn: key.dependsOn,
      }),
    );
  }
  if (existing?.rotation !== true) {
    steps.push(
      kmsStep({
        id: KEY_STEP.rotation,
        region: primaryRegion,
        operation: 'EnableKeyRotation',
        input: { KeyId: key.keyId },
        summary: `turn on yearly automatic rotation of ${key.label} (shared with its replica)`,
        action: 'update',
        dependsOn: key.dependsOn,
      }),
    );
  }
  const replica = existing?.replica;
  if (!replica) {
    steps.push(
      kmsStep({
        id: KEY_STEP.replicate,
        region: primaryRegion,
        operation: 'ReplicateKey',
        input: {
          KeyId: key.keyId,
          ReplicaRegion: secondaryRegion,
          Description: keyDescription(userPoolId),
          Tags: keyTags(userPoolId),
          Policy: policy,
        },
        summary: `replicate ${key.label} into ${secondaryRegion} with its own policy (a replica does not inherit the primary's)`,
        action: 'create',
        dependsOn: key.dependsOn,
      }),
    );
  }
  if (!replica || replica.KeyState !== 'Enabled') {
    steps.push(
      kmsStep({
        id: KEY_STEP.waitReplica,
        region: secondaryRegion,
        operation: 'WaitForKeyReplica',
        input: { KeyId: key.keyId, TimeoutSeconds: opts.timeoutSeconds },
        summary: `wait until the replica key in ${secondaryRegion} is Enabled (up to ${opts.timeoutSeconds} s)`,
        action: 'wait',
        dependsOn: replica ? key.dependsOn : [...key.dependsOn, KEY_STEP.replicate],
      }),
    );
  }
  if (!o.aliases.secondary) {
    steps.push(
      kmsStep({
        id: KEY_STEP.aliasSecondary,
        region: secondaryRegion,
        operation: 'CreateAlias',
        input: { AliasName: o.aliasName, TargetKeyId: key.keyId },
        summary: `alias ${o.aliasName} → the replica of ${key.label}`,
        action: 'create',
        dependsOn: [...key.dependsOn, ...steps.filter((s) => s.id === KEY_STEP.waitReplica).map((s) => s.id)],
      }),
    );
  }
  if (existing && !hasCognitoStatement(existing.primaryPolicy)) {
    steps.push(policyStep(KEY_STEP.policyPrimary, primaryRegion, existing.primary.KeyId, withCognitoStatement(existing.primaryPolicy, o.account)));
  }
  if (existing && replica && !hasCognitoStatement(existing.replicaPolicy)) {
    steps.push(policyStep(KEY_STEP.policySecondary, secondaryRegion, replica.KeyId, withCognitoStatement(existing.replicaPolicy, o.account)));
  }
  if (!poolUsesKey(o)) {
    steps.push(poolStep(o, key, steps.map((s) => s.id)));
    notes.push(...poolNotes(o));
  }
  notes.push(...(o.unusedTaggedKeys ?? []).map((k) => unusedKeyNote(k, o)));
  return { steps, notes };
}

/** An orphan is reported, never deleted: deleting a key is irreversible and the operator decides. */
function unusedKeyNote(k: KeyMetadata, o: KeySetupObservation): string {
  const name = k.Arn ?? k.KeyId;
  const replicas = (k.MultiRegionConfiguration?.ReplicaKeys ?? []).map((r) => r.Region).filter((r): r is string => typeof r === 'string');
  const alsoReplicas = replicas.length > 0 ? `, and the same with --region ${replicas.join(', ')} for its replica${replicas.length > 1 ? 's' : ''}` : '';
  return (
    `unused key ${name}: tagged for ${o.topology.userPoolId} by an mrrctl run that was interrupted or lost a race, and used by nothing here; ` +
    `remove it with \`aws kms schedule-key-deletion --region ${o.topology.primaryRegion} --key-id ${name} --pending-window-in-days 7\`${alsoReplicas}`
  );
}

function policyStep(id: string, region: string, keyId: string, policy: string): Step {
  return kmsStep({
    id,
    region,
    operation: 'PutKeyPolicy',
    input: { KeyId: keyId, PolicyName: 'default', Policy: policy },
    summary: `add the Amazon Cognito statement to the key policy of ${keyId} in ${region} (every other statement kept)`,
    action: 'update',
  });
}

/** The pool goes last and needs every key step before it: the key must be usable by Cognito first. */
function poolStep(o: KeySetupObservation, key: KeyHandle, earlier: string[]): Step {
  if (o.poolReplicaRegions.length > 0) {
    throw new FindingsError(
      'MRR_KEYS_E308',
      `${o.topology.userPoolId} already has a replica in ${o.poolReplicaRegions.join(', ')}, and KeyConfiguration cannot change while ` +
        'a pool has a replica; delete the replica first (mrrctl replica delete), or keep the pool on its current key',
    );
  }
  const step: Step = {
    id: KEY_STEP.pool,
    region: o.topology.primaryRegion,
    service: 'cognito-idp',
    operation: 'UpdateUserPool',
    input: updateUserPoolInput(o.pool, { KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.arn } }),
    summary: `encrypt ${o.topology.userPoolId} with ${key.label}: KeyConfiguration CUSTOMER_MANAGED_KEY (full read-modify-write: every other setting sent unchanged)`,
    action: 'update',
    destructive: false,
  };
  if (earlier.length > 0) step.dependsOn = earlier;
  return step;
}

function poolNotes(o: KeySetupObservation): string[] {
  const current = o.pool.KeyConfiguration;
  const from = current?.KeyType === 'CUSTOMER_MANAGED_KEY' ? `customer managed key ${current.KmsKeyArn}` : 'an AWS owned key';
  const notes = [`the pool is encrypted with ${from} today`];
  if (o.choice.replaces) {
    notes.push(
      `${o.choice.replaces} cannot become multi-Region and will be replaced; keep it enabled until you have confirmed the pool works on the new key`,
    );
  }
  return notes;
}
