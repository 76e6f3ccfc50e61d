/**
 * `keys verify`: read-only checks of the pool's key in both Regions, each with evidence and a remedy.
 * Pure functions of the observation; one check per line in text, the array in JSON.
 */
import { isSymmetricEncryptionKey } from './key-facts.js';
import { broadPrincipalStatements, hasCognitoStatement, samePolicy } from './policy.js';
import type { KeyVerifyObservation, ObservedKey } from './read.js';
import type { UnreadableFinding } from '../unreadable.js';

/** 'unreadable': the evidence could not be read (its line says which call failed); exit 3 like 'fail'. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unreadable';

export interface KeyCheck {
  id: string;
  status: CheckStatus;
  evidence: string;
  remedy?: string;
  unreadable?: UnreadableFinding;
}

export function unreadableKeyCheck(id: string, u: UnreadableFinding): KeyCheck {
  return { id, status: 'unreadable', evidence: u.message, remedy: 're-run after recovery', unreadable: u };
}

const SETUP = 'run `mrrctl keys setup`';

function check(id: string, ok: boolean, evidence: string, remedy: string, otherwise: CheckStatus = 'fail'): KeyCheck {
  return ok ? { id, status: 'pass', evidence } : { id, status: otherwise, evidence, remedy };
}

export function checkKeyExists(o: KeyVerifyObservation): KeyCheck {
  const key = o.key?.primary;
  if (!key) {
    const evidence =
      o.keySource === 'none'
        ? `the pool uses ${o.pool ? 'an AWS owned key' : 'no key (the pool was not found)'} and ${o.aliasName} does not exist in ${o.topology.primaryRegion}`
        : `${o.keyRef} (from the ${o.keySource === 'pool' ? "pool's KeyConfiguration" : `alias ${o.aliasName}`}) was not found in ${o.topology.primaryRegion}`;
    return { id: 'key.exists', status: 'fail', evidence, remedy: SETUP };
  }
  return check(
    'key.exists',
    key.KeyManager !== 'AWS',
    `${key.Arn} (${key.KeyManager === 'AWS' ? 'AWS managed' : 'customer managed'}; found through the ${o.keySource === 'pool' ? "pool's KeyConfiguration" : `alias ${o.aliasName}`})`,
    'the pool needs a customer managed key: ' + SETUP,
  );
}

export function checkMultiRegion(key: ObservedKey): KeyCheck {
  const mrc = key.primary.MultiRegionConfiguration;
  return check(
    'key.multi-region',
    key.primary.MultiRegion === true,
    key.primary.MultiRegion === true ? ['multi-Region', mrc?.MultiRegionKeyType?.toLowerCase(), 'key'].filter(Boolean).join(' ') : 'a single-Region key',
    'a single-Region key cannot be converted: create a multi-Region key and move the pool to it (`mrrctl keys setup` without --key-arn)',
  );
}

export function checkSymmetric(key: ObservedKey): KeyCheck {
  return check(
    'key.symmetric',
    isSymmetricEncryptionKey(key.primary),
    `KeySpec ${key.primary.KeySpec ?? 'SYMMETRIC_DEFAULT'}, KeyUsage ${key.primary.KeyUsage ?? 'ENCRYPT_DECRYPT'}`,
    'Amazon Cognito needs a SYMMETRIC_DEFAULT / ENCRYPT_DECRYPT key; use another key',
  );
}

export function checkPrimaryEnabled(key: ObservedKey, region: string): KeyCheck {
  return check('key.enabled', key.primary.KeyState === 'Enabled', `${key.primary.KeyState} in ${region}`, 'enable the key (aws kms enable-key), or cancel its deletion');
}

export function checkReplica(key: ObservedKey, region: string): KeyCheck {
  const replica = key.replica;
  if (!replica) return { id: 'key.replica', status: 'fail', evidence: `no replica key in ${region}`, remedy: SETUP };
  return check('key.replica', replica.KeyState === 'Enabled', `${replica.Arn} is ${replica.KeyState}`, 'wait for it, or enable it (aws kms enable-key); then re-run');
}

export function checkRotation(key: ObservedKey): KeyCheck {
  const evidence = key.rotation === undefined ? 'rotation status could not be read' : key.rotation ? 'automatic rotation is on' : 'automatic rotation is off';
  return check('key.rotation', key.rotation === true, evidence, `turn it on: ${SETUP}`, 'warn');
}

export function checkPoolUsesKey(o: KeyVerifyObservation): KeyCheck {
  const config = o.pool?.KeyConfiguration;
  const arn = o.key?.primary.Arn;
  const evidence = !o.pool
    ? `user pool ${o.topology.userPoolId} not found in ${o.topology.primaryRegion}`
    : `KeyConfiguration ${config?.KeyType ?? 'AWS_OWNED_KEY'}${config?.KmsKeyArn ? ` ${config.KmsKeyArn}` : ''}`;
  return check('pool.key', config?.KeyType === 'CUSTOMER_MANAGED_KEY' && arn !== undefined && config.KmsKeyArn === arn, evidence, SETUP);
}

export function checkAliases(o: KeyVerifyObservation): KeyCheck {
  const keyId = o.key?.primary.KeyId;
  const describe = (region: string, target: string | undefined) =>
    target === undefined ? `${region}: missing` : target === keyId ? `${region} → the key` : `${region} → another key (${target})`;
  const { primary, secondary } = o.aliases;
  const ok = primary?.TargetKeyId === keyId && secondary?.TargetKeyId === keyId;
  return check(
    'key.alias',
    ok,
    `${o.aliasName}: ${describe(o.topology.primaryRegion, primary?.TargetKeyId)}, ${describe(o.topology.secondaryRegion, secondary?.TargetKeyId)}`,
    `create the missing alias (${SETUP}) or point the alias at the pool's key (aws kms update-alias)`,
    'warn',
  );
}

/** The Cognito statement (fail when missing) and broad principals without conditions (fail), per Region. */
export function lintPolicy(role: 'primary' | 'secondary', region: string, policy: string | undefined): KeyCheck[] {
  const broad = broadPrincipalStatements(policy);
  return [
    check(
      `policy.cognito.${role}`,
      hasCognitoStatement(policy),
      `${region}: ${hasCognitoStatement(policy) ? 'the policy lets cognito-idp.amazonaws.com CreateGrant and DescribeKey' : 'no statement lets cognito-idp.amazonaws.com CreateGrant and DescribeKey'}`,
      SETUP,
    ),
    check(
      `policy.principals.${role}`,
      broad.length === 0,
      `${region}: ${broad.length === 0 ? 'no statement allows any principal without a condition' : `allows any principal ("*") without a condition: ${broad.join(', ')}`}`,
      'name the principals, or add conditions (e.g. kms:CallerAccount), then put the policy again',
    ),
  ];
}

export function checkPoliciesMatch(key: ObservedKey): KeyCheck {
  return check(
    'policy.match',
    samePolicy(key.primaryPolicy, key.replicaPolicy),
    samePolicy(key.primaryPolicy, key.replicaPolicy) ? 'the primary and replica policies are the same' : 'the primary and replica policies differ (KMS never syncs them)',
    'review both policies; after a failover the replica policy is the one that counts',
    'warn',
  );
}

/** The checks, with those whose evidence could not be read marked 'unreadable' (the others as read). */
export function verifyKeyChecks(o: KeyVerifyObservation): KeyCheck[] {
  const u = o.unread ?? {};
  const checks = u.key ? checksWithoutPrimaryKey(o, u.key) : knownChecks(o);
  const replicaSide = u.replica ?? u.replicaPolicy;
  const override: Record<string, UnreadableFinding | undefined> = {
    'key.exists': !o.key && !u.key ? u.pool : undefined,
    'pool.key': u.pool,
    'key.alias': u.aliasPrimary ?? u.aliasSecondary,
    'key.rotation': u.rotation,
    'key.replica': u.replica,
    'policy.cognito.primary': u.primaryPolicy,
    'policy.principals.primary': u.primaryPolicy,
    'policy.cognito.secondary': replicaSide,
    'policy.principals.secondary': replicaSide,
    'policy.match': u.primaryPolicy ?? replicaSide,
  };
  const out = checks.map((c) => (override[c.id] && c.status !== 'unreadable' ? unreadableKeyCheck(c.id, override[c.id]!) : c));
  // An unread replica leaves its policy checks out of knownChecks: they are unknown, not absent.
  if (o.key && u.replica) {
    for (const id of ['policy.cognito.secondary', 'policy.principals.secondary', 'policy.match']) {
      if (!out.some((c) => c.id === id)) out.push(unreadableKeyCheck(id, u.replica));
    }
  }
  const elsewhere = o.poolReadElsewhere;
  return elsewhere ? out.map((c) => (c.id === 'pool.key' && c.status !== 'unreadable' ? { ...c, evidence: `${c.evidence} (read from ${elsewhere.region}, may be stale: ${elsewhere.unreadable.message})` } : c)) : out;
}

/** DescribeKey of the primary key failed: what the pool, the aliases and the replica (read by id) still tell. */
function checksWithoutPrimaryKey(o: KeyVerifyObservation, uk: UnreadableFinding): KeyCheck[] {
  const { secondaryRegion } = o.topology;
  const keyId = o.keyRef?.split('/').pop();
  const replica = o.replicaOnly?.replica;
  const config = o.pool?.KeyConfiguration;
  const checks = ['key.exists', 'key.multi-region', 'key.symmetric', 'key.enabled'].map((id) => unreadableKeyCheck(id, uk));
  checks.push(
    replica ? checkReplica({ primary: replica, replica }, secondaryRegion) : o.unread?.replica ? unreadableKeyCheck('key.replica', o.unread.replica) : checkReplica({ primary: { KeyId: keyId ?? '?' } }, secondaryRegion),
    unreadableKeyCheck('key.rotation', uk),
    o.keySource === 'pool' ? { id: 'pool.key', status: 'pass', evidence: `KeyConfiguration ${config?.KeyType} ${config?.KmsKeyArn}` } : unreadableKeyCheck('pool.key', uk),
    checkAliases({ ...o, key: keyId ? { primary: { KeyId: keyId } } : undefined }),
    unreadableKeyCheck('policy.cognito.primary', uk),
    unreadableKeyCheck('policy.principals.primary', uk),
  );
  if (replica && !o.unread?.replicaPolicy) checks.push(...lintPolicy('secondary', secondaryRegion, o.replicaOnly?.replicaPolicy));
  else if (replica || o.unread?.replica) {
    const why = o.unread?.replicaPolicy ?? o.unread?.replica ?? uk;
    checks.push(unreadableKeyCheck('policy.cognito.secondary', why), unreadableKeyCheck('policy.principals.secondary', why));
  }
  checks.push(unreadableKeyCheck('policy.match', uk));
  return checks;
}

function knownChecks(o: KeyVerifyObservation): KeyCheck[] {
  const key = o.key;
  if (!key) return [checkKeyExists(o), checkPoolUsesKey(o)];
  const { primaryRegion, secondaryRegion } = o.topology;
  return [
    checkKeyExists(o),
    checkMultiRegion(key),
    checkSymmetric(key),
    checkPrimaryEnabled(key, primaryRegion),
    checkReplica(key, secondaryRegion),
    checkRotation(key),
    checkPoolUsesKey(o),
    checkAliases(o),
    ...lintPolicy('primary', primaryRegion, key.primaryPolicy),
    ...(key.replica ? lintPolicy('secondary', secondaryRegion, key.replicaPolicy) : []),
    ...(key.replica ? [checkPoliciesMatch(key)] : []),
  ];
}

export function checkLine(c: KeyCheck): string {
  const mark = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unreadable: '????' }[c.status];
  // The unreadable line already ends with what to do.
  const remedy = c.remedy && c.status !== 'pass' && c.status !== 'unreadable' ? ` — ${c.remedy}` : '';
  return `${mark}  ${c.id.padEnd(28)} ${c.evidence}${remedy}`;
}
