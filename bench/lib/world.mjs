/**
 * Benchmark worlds: the sandbox in this process (so its CPU time is not the CLI's), seeded with the
 * demo scenario, brought to "phases 1–2 done, replica ACTIVE" in-process (world.invokeJson: no
 * latency, no quotas, no call-log noise), and a directory holding the matching mrrctl.yaml.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist } from './child.mjs';


const COGNITO = 'AWSCognitoIdentityProviderService';
const KMS = 'TrentService';
/** Fast state transitions for the setup; each suite sets the delays it measures afterwards. */
const SETUP_SETTINGS = { replicaDelayMs: 20, dnsDelayMs: 20, syncDelayMs: 0, latencyMs: 0, quotas: { enabled: false, scale: 1 } };

export async function startWorld({ configPatch } = {}) {
  const { startSandbox } = await dist('sandbox/server.js');
  const { seedDemo, renderDemoConfig } = await dist('sandbox/seed/demo.js');
  const sb = await startSandbox({ port: 0, settings: SETUP_SETTINGS });
  const summary = await seedDemo(sb.world);
  const dir = mkdtempSync(join(tmpdir(), 'mrrctl-bench-'));
  let config = renderDemoConfig(summary);
  if (configPatch) config = configPatch(config);
  writeFileSync(join(dir, 'mrrctl.yaml'), config);
  return {
    sb,
    world: sb.world,
    summary,
    dir,
    cognito: (operation, input, region = summary.primaryRegion) => sb.world.invokeJson(COGNITO, operation, input, region),
    /** argv prefix that points mrrctl at this sandbox. */
    sandboxArgs: ['--sandbox', sb.url],
    /** Environment for a child mrrctl: a private journal and HOME inside the world's directory. */
    env: { MRRCTL_JOURNAL: join(dir, 'journal.jsonl'), HOME: dir },
    /** The call log after `seq` (a cursor from lastSeq()). */
    callsSince: (seq) => sb.world.callLog.list(seq),
    lastSeq: () => sb.world.callLog.latestSeq,
    async stop() {
      await sb.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function until(read, ok, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`bench setup: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Phases 1–2 (multi-Region key replicated, pool on it, issuer UPDATED), then the replica. */
export async function makeReplicated(w, { activate = true } = {}) {
  const { updateUserPoolInput } = await dist('core/cognito/update-pool.js');
  const { primaryRegion: P, secondaryRegion: S, userPoolId } = w.summary;
  const kms = (operation, input, region) => w.world.invokeJson(KMS, operation, input, region);
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${w.world.settings.accountId}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'AllowCognito', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: ['kms:CreateGrant', 'kms:DescribeKey'], Resource: '*' },
    ],
  });
  const key = await kms('CreateKey', { MultiRegion: true, Policy: policy }, P);
  const keyId = key.KeyMetadata.KeyId;
  await kms('ReplicateKey', { KeyId: keyId, ReplicaRegion: S, Policy: policy }, P);
  await until(() => kms('DescribeKey', { KeyId: keyId }, S), (k) => k.KeyMetadata?.KeyState === 'Enabled', 'the replica key');
  const pool = (await w.cognito('DescribeUserPool', { UserPoolId: userPoolId })).UserPool;
  const changes = { KeyConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KmsKeyArn: key.KeyMetadata.Arn }, IssuerConfiguration: { Type: 'UPDATED' } };
  await w.cognito('UpdateUserPool', updateUserPoolInput(pool, changes));
  await w.cognito('CreateUserPoolReplica', { UserPoolId: userPoolId, RegionName: S });
  const replicaStatus = async () =>
    (await w.cognito('ListUserPoolReplicas', { UserPoolId: userPoolId })).UserPoolReplicas?.find((r) => r.Role === 'SECONDARY')?.Status;
  await until(replicaStatus, (s) => s === 'INACTIVE', 'the replica to be INACTIVE');
  if (activate) {
    await w.cognito('UpdateUserPoolReplica', { UserPoolId: userPoolId, RegionName: S, Status: 'ACTIVE' });
    await until(replicaStatus, (s) => s === 'ACTIVE', 'the replica to be ACTIVE');
  }
}
