/**
 * Two operators run `keys setup --yes` at the same moment against one pool (in-process runs of the
 * real CLI, separate journals). Both see "no key" and both create one; CreateAlias is atomic, so one
 * run wins the alias and the other must stop there — not carry on and point the pool at a key nothing
 * names — and must say which key it left behind and how to remove it. Later runs keep reporting the
 * orphan. (Ten concurrent `failover --yes`: test/e2e/failover-concurrency.test.ts.)
 */
import { join } from 'node:path';
import { CognitoIdentityProviderClient, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeKeyCommand, KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig } from '../helpers/sandbox.js';
import { hookModelCalls } from '../helpers/model-hooks.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import type { CliRun } from '../helpers/run-cli.js';
import { setUpKeyAndIssuer } from '../helpers/mrr-setup.js';

const P = 'us-east-1';
const S = 'eu-west-1';
const ALIAS = 'alias/cognito-mrr';

let w: SeededWorld;
let kmsP: KMSClient;
let kmsS: KMSClient;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  w = await seededWorld();
  kmsP = new KMSClient(awsClientConfig(w.sb, P));
  kmsS = new KMSClient(awsClientConfig(w.sb, S));
  cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, P));
});
afterAll(async () => {
  for (const c of [kmsP, kmsS, cognito]) c?.destroy();
  await w?.stop();
});

async function aliasTarget(kms: KMSClient): Promise<string | undefined> {
  return (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === ALIAS)?.TargetKeyId;
}

async function replicaState(keyId: string): Promise<string | undefined> {
  try {
    return (await kmsS.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState;
  } catch {
    return undefined;
  }
}

describe('two concurrent `keys setup --yes`', () => {
  it('one key ends up in use; the run that lost the alias race stops and names its orphan with the command to remove it', async () => {
    // Each CreateKey waits at a gate until the other run has sent its own (or ended), so both runs have
    // planned "create a key" before either has one, however slow the machine.
    let arrived = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const openWhenBothArrived = () => arrived >= 2 && open();
    const restore = hookModelCalls(w.sb, { service: 'kms', operation: 'CreateKey', region: P }, {
      before: async () => {
        arrived++;
        openWhenBothArrived();
        await gate;
      },
    });
    const since = w.lastSeq();
    const runs: CliRun[] = await Promise.all(
      [0, 1].map((i) =>
        w.run(['keys', 'setup', '--yes', '--output', 'json'], { env: { USER: `op${i}`, MRRCTL_JOURNAL: join(w.dir, `journal-${i}.jsonl`) } }).finally(() => {
          arrived++;
          openWhenBothArrived();
        }),
      ),
    ).finally(restore);
    const writes = w.writesSince(since);
    const ok = (op: string, region = P) => writes.filter((c) => c.operation === op && c.region === region && c.status === 200);
    // The race happened: two keys were created.
    expect(ok('CreateKey')).toHaveLength(2);

    expect(runs.map((r) => r.code).sort()).toEqual([0, 1]);
    const winner = runs.find((r) => r.code === 0)!;
    const loser = runs.find((r) => r.code === 1)!;

    // The one key in use: the pool, both aliases and the replica agree on it.
    const used = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: w.summary.userPoolId }))).UserPool?.KeyConfiguration?.KmsKeyArn;
    const usedId = used?.split('/').pop();
    expect(winner.json().data.verification.data.keyConfiguration.KmsKeyArn).toBe(used);
    expect(await aliasTarget(kmsP)).toBe(usedId);
    expect(await aliasTarget(kmsS)).toBe(usedId);
    expect(await replicaState(usedId!)).toBe('Enabled');
    expect(ok('UpdateUserPool')).toHaveLength(1);

    // The loser stopped at its alias: it never replicated its key nor touched the pool.
    const [diag] = loser.json().diagnostics;
    expect(diag.message).toMatch(/^step kms\.create-alias\.primary failed: ConflictError: alias\/cognito-mrr in us-east-1 already points at key mrk-\w+, not at mrk-\w+/);
    expect(diag.message).toContain('already applied: kms.create-key;');
    const orphan = /the key (arn:aws:kms:us-east-1:\d{12}:key\/mrk-\w+) that this run created is used by nothing/.exec(diag.message)?.[1];
    expect(orphan).toBeDefined();
    expect(orphan).not.toBe(used);
    expect(diag.message).toContain(`\`aws kms schedule-key-deletion --region us-east-1 --key-id ${orphan} --pending-window-in-days 7\``);
    expect(ok('ReplicateKey')).toHaveLength(1);
    expect(await replicaState(orphan!)).toBeUndefined();
    const orphanMeta = (await kmsP.send(new DescribeKeyCommand({ KeyId: orphan }))).KeyMetadata;
    expect(orphanMeta?.KeyState).toBe('Enabled'); // reported, never deleted by mrrctl

    // A later run changes nothing and keeps naming the orphan with its removal command.
    const again = w.lastSeq();
    const later = await w.run(['keys', 'setup', '--yes', '--output', 'json']);
    expect(later.code, later.stderr).toBe(0);
    expect(w.writesSince(again)).toEqual([]);
    expect(later.json().data.plan.notes.join('\n')).toContain(
      `unused key ${orphan}: tagged for ${w.summary.userPoolId} by an mrrctl run that was interrupted or lost a race, and used by nothing here; ` +
        `remove it with \`aws kms schedule-key-deletion --region us-east-1 --key-id ${orphan} --pending-window-in-days 7\``,
    );
    expect((await w.run(['keys', 'verify'])).code).toBe(0);
  });
});

describe('six concurrent `replica create --yes`', () => {
  it('one creates the replica; the five that lost the race exit 4 naming it, never exit 1', async () => {
    const world = await seededWorld();
    try {
      await setUpKeyAndIssuer(world);
      // Every CreateUserPoolReplica waits until all six have arrived (or a run ended), so all six
      // planned "create" before any replica exists, however slow the machine.
      const RUNS = 6;
      let arrived = 0;
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const openWhenAllArrived = () => arrived >= RUNS && open();
      const restore = hookModelCalls(world.sb, { service: 'cognito-idp', operation: 'CreateUserPoolReplica', region: P }, {
        before: async () => {
          arrived++;
          openWhenAllArrived();
          await gate;
        },
      });
      const since = world.lastSeq();
      const runs: CliRun[] = await Promise.all(
        Array.from({ length: RUNS }, (_, i) =>
          world.run(['replica', 'create', '--yes', '--output', 'json'], { env: { USER: `op${i}`, MRRCTL_JOURNAL: join(world.dir, `journal-${i}.jsonl`) } }).finally(() => {
            arrived++;
            openWhenAllArrived();
          }),
        ),
      ).finally(restore);
      const creates = world.writesSince(since).filter((c) => c.operation === 'CreateUserPoolReplica');
      expect(creates.map((c) => c.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
      expect(runs.map((r) => r.code).sort()).toEqual([0, 4, 4, 4, 4, 4]);
      for (const lost of runs.filter((r) => r.code === 4)) {
        const [diag] = lost.json().diagnostics;
        expect(diag.code).toBe('MRR_REPLICA_E001');
        expect(diag.message).toMatch(/^replica in eu-west-1 already (CREATING|INACTIVE), created by another run \(LimitExceededException: /);
        expect(diag.message).toContain('`mrrctl replica create --wait` waits for it');
      }
    } finally {
      await world.stop();
    }
  });
});
