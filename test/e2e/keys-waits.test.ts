/** The WaitForKeyReplica handler against the sandbox's KMS: Creating → Enabled, and a replica that settles Disabled. */
import { CreateKeyCommand, DisableKeyCommand, KMSClient, ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/aws/clients.js';
import { keyWaits } from '../../src/aws/key-waits.js';
import { SdkKmsReader } from '../../src/aws/kms-reader.js';
import type { Step } from '../../src/core/plan/types.js';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { eventLine } from '../../src/ui/events.js';
import { awsClientConfig, startTestSandbox } from '../helpers/sandbox.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

let sb: SandboxHandle;
let clients: AwsClients;
let kmsP: KMSClient;
let kmsS: KMSClient;

/** Shared by the sandbox and the waits: the replica delay passes as the wait polls, not on the wall clock. */
const clock = new VirtualClock();

beforeAll(async () => {
  sb = await startTestSandbox({ replicaDelayMs: 300 }, { clock: clock.sandbox });
  clients = new AwsClients({ target: { endpoint: sb.url, sandbox: true } });
  kmsP = new KMSClient(awsClientConfig(sb, 'us-east-1'));
  kmsS = new KMSClient(awsClientConfig(sb, 'eu-west-1'));
});

afterAll(async () => {
  kmsP?.destroy();
  kmsS?.destroy();
  clients?.destroy();
  await sb?.stop();
});

function waitStep(keyId: string, timeoutSeconds = 10): Step {
  return {
    id: 'kms.wait-replica',
    region: 'eu-west-1',
    service: 'kms',
    operation: 'WaitForKeyReplica',
    input: { KeyId: keyId, TimeoutSeconds: timeoutSeconds },
    summary: 'wait',
    action: 'wait',
    destructive: false,
  };
}

async function replicatedKey(): Promise<string> {
  const keyId = (await kmsP.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!.KeyId!;
  await kmsP.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
  return keyId;
}

describe('WaitForKeyReplica', () => {
  it('polls until the replica is Enabled and logs progress', async () => {
    const lines: string[] = [];
    const handler = keyWaits({ kms: new SdkKmsReader(clients), clock: clock.cli, emit: (event) => lines.push(eventLine(event)) }).WaitForKeyReplica;
    const keyId = await replicatedKey();
    const outcome = await handler(waitStep(keyId));
    expect(outcome).toMatchObject({ status: 'applied', output: { KeyId: keyId, KeyState: 'Enabled', Arn: `arn:aws:kms:eu-west-1:123456789012:key/${keyId}` } });
    expect(lines.some((l) => l.includes('replica key in eu-west-1 is Creating'))).toBe(true);
  });

  it('fails at once when the replica settles Disabled instead of waiting out the timeout', async () => {
    // Virtual time: waiting out the 60 s timeout would move it by 60 s, whatever the load.
    const handler = keyWaits({ kms: new SdkKmsReader(clients), clock: clock.cli, emit: () => {} }).WaitForKeyReplica;
    const keyId = await replicatedKey();
    await kmsS.send(new DisableKeyCommand({ KeyId: keyId }));
    const started = clock.nowMs();
    await expect(handler(waitStep(keyId, 60))).rejects.toMatchObject({ code: 'MRR_KEYS_E101', message: expect.stringContaining('is Disabled, not Enabled') });
    expect(clock.nowMs() - started).toBeLessThan(5_000);
  });

  it('times out with WaitTimeoutError (exit 6)', async () => {
    // Its own virtual clock for the sandbox and the wait: the 1 s timeout passes long before the 60 s replica delay.
    const clock = new VirtualClock();
    const slow = await startTestSandbox({ replicaDelayMs: 60_000 }, { clock: clock.sandbox });
    const slowClients = new AwsClients({ target: { endpoint: slow.url, sandbox: true } });
    const kms = new KMSClient(awsClientConfig(slow, 'us-east-1'));
    try {
      const keyId = (await kms.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!.KeyId!;
      await kms.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
      const handler = keyWaits({ kms: new SdkKmsReader(slowClients), clock: clock.cli, emit: () => {} }).WaitForKeyReplica;
      await expect(handler(waitStep(keyId, 1))).rejects.toMatchObject({ name: 'WaitTimeoutError', exitCode: 6 });
    } finally {
      kms.destroy();
      slowClients.destroy();
      await slow.stop();
    }
  });
});
