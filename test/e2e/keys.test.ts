/**
 * `mrrctl keys setup` and `keys verify` end to end: the real CLI (in-process through main) against the
 * sandbox's demo seed, with the SDK reading back what changed and the call log proving what did not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, GetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateKeyCommand, DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCognitoStatement } from '../../src/core/keys/policy.js';
import { awsClientConfig } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

const P = 'us-east-1';
const S = 'eu-west-1';

interface Clients {
  cognito: CognitoIdentityProviderClient;
  kmsP: KMSClient;
  kmsS: KMSClient;
}

function clientsFor(w: SeededWorld): Clients {
  return {
    cognito: new CognitoIdentityProviderClient(awsClientConfig(w.sb, P)),
    kmsP: new KMSClient(awsClientConfig(w.sb, P)),
    kmsS: new KMSClient(awsClientConfig(w.sb, S)),
  };
}

function destroy(c: Clients | undefined) {
  c?.cognito.destroy();
  c?.kmsP.destroy();
  c?.kmsS.destroy();
}

async function describePool(c: Clients, poolId: string) {
  return (await c.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
}

/** The settings keys setup must leave exactly as they were. */
async function untouchedSettings(c: Clients, poolId: string) {
  const pool = await describePool(c, poolId);
  const { $metadata: _m, ...mfa } = await c.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
  return {
    LambdaConfig: pool.LambdaConfig,
    MfaConfiguration: pool.MfaConfiguration,
    EmailConfiguration: pool.EmailConfiguration,
    SmsConfiguration: pool.SmsConfiguration,
    UserPoolTags: pool.UserPoolTags,
    AutoVerifiedAttributes: pool.AutoVerifiedAttributes,
    DeletionProtection: pool.DeletionProtection,
    UserPoolTier: pool.UserPoolTier,
    IssuerConfiguration: pool.IssuerConfiguration,
    mfa,
  };
}

async function aliasTarget(kms: KMSClient, name = 'alias/cognito-mrr') {
  return (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === name)?.TargetKeyId;
}

const writeOps = (w: SeededWorld, since: number) => w.writesSince(since).map((c) => `${c.region} ${c.operation}`);

describe('keys setup and verify on the demo seed', () => {
  let w: SeededWorld;
  let c: Clients;
  let poolId: string;
  let before: Awaited<ReturnType<typeof untouchedSettings>>;

  beforeAll(async () => {
    w = await seededWorld();
    c = clientsFor(w);
    poolId = w.summary.userPoolId;
    before = await untouchedSettings(c, poolId);
    expect(before.LambdaConfig?.PreSignUp).toBeTruthy();
    expect(before.MfaConfiguration).toBe('OPTIONAL');
    expect(before.EmailConfiguration?.SourceArn).toBeTruthy();
  });

  afterAll(async () => {
    destroy(c);
    await w?.stop();
  });

  it('verify fails before setup (exit 3) with the reasons, and writes nothing', async () => {
    const since = w.lastSeq();
    const r = await w.run(['keys', 'verify', '--output', 'json']);
    expect(r.code, r.stderr).toBe(3);
    const doc = r.json();
    expect(doc).toMatchObject({ command: 'keys verify', ok: false });
    const failed = doc.data.checks.filter((x: { status: string }) => x.status === 'fail').map((x: { id: string }) => x.id);
    expect(failed).toEqual(['key.exists', 'pool.key']);
    expect(doc.diagnostics[0].code).toBe('MRR_KEYS_E300');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('--dry-run shows the plan and writes nothing', async () => {
    const since = w.lastSeq();
    const r = await w.run(['keys', 'setup', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    for (const text of ['kms:CreateKey', 'kms:ReplicateKey', 'kms:WaitForKeyReplica', 'kms:EnableKeyRotation', 'cognito-idp:UpdateUserPool', '7 steps']) {
      expect(r.stdout).toContain(text);
    }
    expect(w.writesSince(since)).toEqual([]);
    expect(existsSync(w.journal)).toBe(false);
  });

  it('--plan-out saves the plan with its options; JSON carries the plan', async () => {
    const since = w.lastSeq();
    const file = join(w.dir, 'keys-plan.json');
    const r = await w.run(['keys', 'setup', '--dry-run', '--timeout', '120', '--plan-out', file, '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const plan = r.json().data.plan;
    expect(plan.steps.map((s: { id: string }) => s.id)).toEqual([
      'kms.create-key',
      'kms.create-alias.primary',
      'kms.enable-key-rotation',
      'kms.replicate-key',
      'kms.wait-replica',
      'kms.create-alias.secondary',
      'cognito.update-user-pool',
    ]);
    expect(plan.options).toEqual({ timeoutSeconds: 120, keyArn: null });
    expect(readFileSync(file, 'utf8')).toContain('"kms.create-key"');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('without --yes and without a TTY: exit 5, nothing written', async () => {
    const since = w.lastSeq();
    const r = await w.run(['keys', 'setup']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('--yes');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('--yes creates the key, replica, aliases and rotation and sets the pool KeyConfiguration', async () => {
    const since = w.lastSeq();
    const r = await w.run(['keys', 'setup', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(writeOps(w, since)).toEqual([
      `${P} CreateKey`,
      `${P} CreateAlias`,
      `${P} EnableKeyRotation`,
      `${P} ReplicateKey`,
      `${S} CreateAlias`,
      `${P} UpdateUserPool`,
    ]);
    expect(r.stdout).toContain('Pool KeyConfiguration: CUSTOMER_MANAGED_KEY arn:aws:kms:us-east-1:');
    expect(r.stdout).toContain(`Replica key in ${S}: Enabled`);

    const pool = await describePool(c, poolId);
    expect(pool.KeyConfiguration?.KeyType).toBe('CUSTOMER_MANAGED_KEY');
    const keyArn = pool.KeyConfiguration!.KmsKeyArn!;
    const primary = (await c.kmsP.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata!;
    expect(primary).toMatchObject({ MultiRegion: true, KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled' });
    expect(primary.MultiRegionConfiguration?.ReplicaKeys?.map((k) => k.Region)).toEqual([S]);
    const replica = (await c.kmsS.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
    expect(replica.KeyState).toBe('Enabled');
    expect(await aliasTarget(c.kmsP)).toBe(primary.KeyId);
    expect(await aliasTarget(c.kmsS)).toBe(primary.KeyId);
    expect((await c.kmsP.send(new GetKeyRotationStatusCommand({ KeyId: primary.KeyId }))).KeyRotationEnabled).toBe(true);
    for (const kms of [c.kmsP, c.kmsS]) {
      expect(hasCognitoStatement((await kms.send(new GetKeyPolicyCommand({ KeyId: primary.KeyId }))).Policy)).toBe(true);
    }
    expect(readFileSync(w.journal, 'utf8')).toContain('"stepId":"cognito.update-user-pool"');
  });

  it('leaves Lambda triggers, MFA, email and the rest of the pool unchanged', async () => {
    expect(await untouchedSettings(c, poolId)).toEqual(before);
  });

  it('a second run is a no-op with no write call', async () => {
    const since = w.lastSeq();
    const r = await w.run(['keys', 'setup', '--yes', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().data.changes).toBe(0);
    expect(w.writesSince(since)).toEqual([]);
  });

  it('verify passes afterwards', async () => {
    const r = await w.run(['keys', 'verify']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('13 checks: 13 pass, 0 warn, 0 fail');
    expect(r.stdout).not.toContain('FAIL');
  });

  it('--key-arn of a single-Region key: exit 2, explains, writes nothing', async () => {
    const single = (await c.kmsP.send(new CreateKeyCommand({ Description: 'a single-Region key' }))).KeyMetadata!;
    const since = w.lastSeq();
    const r = await w.run(['keys', 'setup', '--key-arn', single.Arn!, '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--key-arn: got "${single.Arn}"`);
    expect(r.stderr).toContain('a single-Region key cannot be converted to multi-Region; create a new multi-Region key (omit --key-arn) and migrate');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('--key-arn that is not a key reference: exit 2 before any AWS call', async () => {
    const since = w.lastSeq();
    const r = await w.run(['keys', 'setup', '--key-arn', 'my-key', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--key-arn');
    expect(w.sb.calls().filter((x) => x.seq > since)).toEqual([]);
  });
});

describe('keys setup adopts existing keys', () => {
  let w: SeededWorld;
  let c: Clients;

  beforeAll(async () => {
    w = await seededWorld();
    c = clientsFor(w);
  });

  afterAll(async () => {
    destroy(c);
    await w?.stop();
  });

  it('after a crash between CreateKey and CreateAlias, a re-run adopts the tagged key instead of creating a second', async () => {
    const poolId = w.summary.userPoolId;
    // What an interrupted run leaves behind: the key, tagged with the pool id, nothing else.
    const orphan = (
      await c.kmsP.send(new CreateKeyCommand({ MultiRegion: true, Tags: [{ TagKey: 'mrrctl:user-pool-id', TagValue: poolId }] }))
    ).KeyMetadata!;
    const since = w.lastSeq();
    const r = await w.run(['keys', 'setup', '--yes', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = r.json();
    expect(doc.data.plan.notes.join('\n')).toContain(`adopting ${orphan.Arn}: tagged for this pool by an earlier mrrctl run`);
    const ops = writeOps(w, since);
    expect(ops).not.toContain(`${P} CreateKey`);
    // The default policy the orphan got lacks the Cognito statement: the primary's policy is put.
    expect(ops).toEqual([`${P} CreateAlias`, `${P} EnableKeyRotation`, `${P} ReplicateKey`, `${S} CreateAlias`, `${P} PutKeyPolicy`, `${P} UpdateUserPool`]);
    expect((await describePool(c, poolId)).KeyConfiguration).toEqual({ KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: orphan.Arn });
    expect((await w.run(['keys', 'verify'])).code).toBe(0);
  });
});

describe('keys setup --key-arn adopts a multi-Region key and puts the missing Cognito statements', () => {
  let w: SeededWorld;
  let c: Clients;

  beforeAll(async () => {
    w = await seededWorld();
    c = clientsFor(w);
  });

  afterAll(async () => {
    destroy(c);
    await w?.stop();
  });

  it('plans the policy for the primary and replicates with mrrctl’s policy', async () => {
    const key = (await c.kmsP.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    const dry = await w.run(['keys', 'setup', '--key-arn', key.Arn!, '--dry-run', '--output', 'json']);
    expect(dry.code, dry.stderr).toBe(0);
    const steps = dry.json().data.plan.steps as Array<{ id: string; input: Record<string, unknown> }>;
    expect(steps.map((s) => s.id)).toEqual([
      'kms.create-alias.primary',
      'kms.enable-key-rotation',
      'kms.replicate-key',
      'kms.wait-replica',
      'kms.create-alias.secondary',
      'kms.put-key-policy.primary',
      'cognito.update-user-pool',
    ]);
    expect(steps[0].input).toEqual({ AliasName: 'alias/cognito-mrr', TargetKeyId: key.KeyId });

    const r = await w.run(['keys', 'setup', '--key-arn', key.Arn!, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect((await describePool(c, w.summary.userPoolId)).KeyConfiguration?.KmsKeyArn).toBe(key.Arn);
    const verify = await w.run(['keys', 'verify', '--output', 'json']);
    expect(verify.code).toBe(0);
    // The primary keeps its default statement plus Cognito's; the replica has mrrctl's policy.
    const match = verify.json().data.checks.find((x: { id: string }) => x.id === 'policy.match');
    expect(match.status).toBe('warn');
  });

  it('an alias that points at another key than --key-arn: exit 2 naming both', async () => {
    const other = (await c.kmsP.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!;
    const since = w.lastSeq();
    const r = await w.run(['keys', 'setup', '--key-arn', other.Arn!, '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(other.Arn!);
    expect(r.stderr).toContain((await aliasTarget(c.kmsP))!);
    expect(w.writesSince(since)).toEqual([]);
  });
});

describe('keys setup waits for the replica key with --timeout', () => {
  let w: SeededWorld;

  beforeAll(async () => {
    w = await seededWorld({ replicaDelayMs: 60_000 });
  });

  afterAll(async () => {
    await w?.stop();
  });

  it('exits 6 when the replica key is not Enabled in time; a re-run continues without a second key', async () => {
    const r = await w.run(['keys', 'setup', '--yes', '--timeout', '1', '--output', 'json']);
    expect(r.code).toBe(6);
    expect(r.json().diagnostics[0].code).toBe('MRR_APPLY_E006');
    const again = await w.run(['keys', 'setup', '--dry-run', '--output', 'json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().data.plan.steps.map((s: { operation: string }) => s.operation)).toEqual(['WaitForKeyReplica', 'CreateAlias', 'UpdateUserPool']);
  });
});

describe('keys setup --plan-out, then mrrctl apply FILE', () => {
  let w: SeededWorld;
  let c: Clients;

  beforeAll(async () => {
    w = await seededWorld();
    c = clientsFor(w);
  });

  afterAll(async () => {
    destroy(c);
    await w?.stop();
  });

  it('applies the saved plan through the same definition, then refuses it as stale', async () => {
    const file = join(w.dir, 'keys.plan.json');
    const planned = await w.run(['keys', 'setup', '--dry-run', '--plan-out', file]);
    expect(planned.code, planned.stderr).toBe(0);
    const since = w.lastSeq();
    const applied = await w.run(['apply', file, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(writeOps(w, since)).toContain(`${P} UpdateUserPool`);
    expect((await describePool(c, w.summary.userPoolId)).KeyConfiguration?.KeyType).toBe('CUSTOMER_MANAGED_KEY');
    const sinceAgain = w.lastSeq();
    const stale = await w.run(['apply', file, '--yes']);
    expect(stale.code).toBe(4);
    expect(w.writesSince(sinceAgain)).toEqual([]);
  });
});
