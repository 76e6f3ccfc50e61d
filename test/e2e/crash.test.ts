/**
 * Crashes: the built CLI runs as a child process and is SIGKILLed the moment the sandbox has applied
 * a chosen write — before the CLI has even read the answer, so neither its journal nor its memory
 * knows the step happened. Then mrrctl runs again (in-process) without a kill, and the world is judged
 * through the SDK: it must converge to what one clean run leaves, with nothing orphaned and no lock
 * stuck: a crashed run's lock names its pid, so on the same host `--break-lock` removes it at once. Production code holds no hook for any of this.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { CognitoIdentityProviderClient, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand, ListKeysCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { awsClientConfig } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { hookModelCalls, type CallMatch } from '../helpers/model-hooks.js';

const P = 'us-east-1';
const S = 'eu-west-1';
const ALIAS = 'alias/cognito-mrr';

interface Killed {
  /** The write the kill followed. */
  at: AppliedWrite;
  stderr: string;
}

/** A write the sandbox's model has just applied (its answer not yet sent). */
type AppliedWrite = Required<CallMatch>;

/**
 * Runs `node bin/mrrctl.js --sandbox URL ...argv` in the world's directory and SIGKILLs it the moment
 * the sandbox's model has applied the write `killAfter` picks — synchronously, before the sandbox has
 * even encoded its answer, so however loaded the machine, the CLI can never read the reply, journal
 * the step or act on it. The sandbox runs in this process; the hook only watches (see model-hooks.ts).
 */
async function runAndKill(w: SeededWorld, argv: string[], env: Record<string, string>, write: CallMatch, killAfter: (call: AppliedWrite) => boolean = () => true): Promise<Killed> {
  if (!existsSync(new URL('../../dist/main.js', import.meta.url))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  const child = spawn(process.execPath, [BIN, '--sandbox', w.sb.url, ...argv], {
    cwd: w.dir,
    env: { PATH: process.env.PATH, HOME: w.dir, MRRCTL_JOURNAL: w.journal, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let at: AppliedWrite | undefined;
  const unhook = hookModelCalls(w.sb, write, {
    after: (call) => {
      if (at || !killAfter(call)) return;
      at = call;
      child.kill('SIGKILL');
    },
  });
  try {
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (_code, sig) => resolve(sig));
    });
    if (!at || signal !== 'SIGKILL') throw new Error(`the CLI was not killed (signal ${signal}); stderr:\n${stderr}`);
    return { at, stderr };
  } finally {
    unhook();
  }
}

const applied = (service: string, operation: string, region: string): CallMatch => ({ service, operation, region });
/** The n-th applied write (a fresh counter per use). */
const nth = (n: number) => {
  let seen = 0;
  return () => ++seen === n;
};

/** Step ids the journal records as applied. */
function journaledApplied(w: SeededWorld): string[] {
  if (!existsSync(w.journal)) return [];
  return readFileSync(w.journal, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((e) => e.kind === 'step' && e.status === 'applied')
    .map((e) => e.stepId);
}

// ---------------------------------------------------------------------------------------------
// keys setup

async function taggedFor(kms: KMSClient, poolId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const key of (await kms.send(new ListKeysCommand({}))).Keys ?? []) {
    const tags = (await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags ?? [];
    if (tags.some((t) => t.TagKey === 'mrrctl:user-pool-id' && t.TagValue === poolId)) ids.push(key.KeyId!);
  }
  return ids;
}

/** What phase 1 leaves, judged through the SDK: one key per Region (the key and its replica), the same one everywhere. */
async function keyState(w: SeededWorld) {
  const kmsP = new KMSClient(awsClientConfig(w.sb, P));
  const kmsS = new KMSClient(awsClientConfig(w.sb, S));
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, P));
  try {
    const poolId = w.summary.userPoolId;
    const [primaryKeys, replicaKeys] = await Promise.all([taggedFor(kmsP, poolId), taggedFor(kmsS, poolId)]);
    const alias = async (kms: KMSClient) => (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === ALIAS)?.TargetKeyId;
    const key = primaryKeys[0];
    const arn = key ? (await kmsP.send(new DescribeKeyCommand({ KeyId: key }))).KeyMetadata?.Arn : undefined;
    const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool;
    return {
      keysTaggedForPool: { [P]: primaryKeys.length, [S]: replicaKeys.length },
      replicaIsTheKeys: replicaKeys[0] === key,
      replicaState: key ? (await kmsS.send(new DescribeKeyCommand({ KeyId: key }))).KeyMetadata?.KeyState : undefined,
      aliasNamesTheKey: { [P]: (await alias(kmsP)) === key, [S]: (await alias(kmsS)) === key },
      rotation: key ? (await kmsP.send(new GetKeyRotationStatusCommand({ KeyId: key }))).KeyRotationEnabled : undefined,
      poolKeyConfiguration: pool?.KeyConfiguration?.KeyType === 'CUSTOMER_MANAGED_KEY' && pool.KeyConfiguration.KmsKeyArn === arn,
    };
  } finally {
    for (const c of [kmsP, kmsS, cognito]) c.destroy();
  }
}

const CONVERGED = {
  keysTaggedForPool: { [P]: 1, [S]: 1 },
  replicaIsTheKeys: true,
  replicaState: 'Enabled',
  aliasNamesTheKey: { [P]: true, [S]: true },
  rotation: true,
  poolKeyConfiguration: true,
};

const KEY_CRASH_POINTS: Array<{ after: string; step: string; kill: CallMatch }> = [
  { after: 'CreateKey', step: 'kms.create-key', kill: applied('kms', 'CreateKey', P) },
  { after: 'CreateAlias (us-east-1)', step: 'kms.create-alias.primary', kill: applied('kms', 'CreateAlias', P) },
  { after: 'ReplicateKey (the replica still Creating)', step: 'kms.replicate-key', kill: applied('kms', 'ReplicateKey', P) },
  { after: 'CreateAlias (eu-west-1)', step: 'kms.create-alias.secondary', kill: applied('kms', 'CreateAlias', S) },
];

/**
 * Each run spawns a Node process and cold-starts the CLI, several at once: on a loaded 2-core machine
 * that takes many seconds, so these tests get a real-time bound well above vitest's default.
 */
const PROCESS_TEST_TIMEOUT_MS = 120_000;

describe.concurrent('keys setup killed at a step boundary, then run again', () => {
  it.each(KEY_CRASH_POINTS)('after $after: one key, one alias per Region, the pool on it, nothing orphaned', async ({ step, kill }) => {
    const w = await seededWorld();
    try {
      await runAndKill(w, ['keys', 'setup', '--yes'], {}, kill);
      // The write happened, but the dead CLI never learned it: the journal does not have it.
      expect(journaledApplied(w)).not.toContain(step);
      const since = w.lastSeq();
      const rerun = await w.run(['keys', 'setup', '--yes']);
      expect(rerun.code, rerun.stderr).toBe(0);
      // The re-run continued from what was there: it never made a second key or a second replica.
      const again = w.writesSince(since).map((c) => c.operation);
      expect(again).not.toContain('CreateKey');
      expect(rerun.stderr).toContain('adopting arn:aws:kms:us-east-1:');
      expect(await keyState(w)).toEqual(CONVERGED);
      // And it is settled: one more run changes nothing.
      const settled = w.lastSeq();
      expect((await w.run(['keys', 'setup', '--yes'])).code).toBe(0);
      expect(w.writesSince(settled)).toEqual([]);
    } finally {
      await w.stop();
    }
  }, PROCESS_TEST_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// failover

describe('failover killed at a step boundary, then recovered with --break-lock at once', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  const TIMEOUT = 5;
  const drill = (to: string) => ['failover', '--to', to, '--yes', '--planned', '--reason', 'crash drill', '--timeout', String(TIMEOUT)];
  // One world per crash point: each starts from a clean zone.
  let afterBatch: FailoverWorld;
  let afterChecks: FailoverWorld;
  let afterHistory: FailoverWorld;

  beforeAll(async () => {
    [afterBatch, afterChecks, afterHistory] = await Promise.all([0, 1, 2].map(() => failoverWorld({ activate: true, guards: { cooldownSeconds: 0 } })));
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([afterBatch?.stop(), afterChecks?.stop(), afterHistory?.stop()]);
  });

  const crashEnv = (world: FailoverWorld) => ({ USER: 'crashed-op', ...world.env });
  const nextOp = (world: FailoverWorld) => ({ env: { USER: 'next-op', ...world.env } });
  /** The killed child's pid, as its lock names it. */
  const lockPid = (lock: string) => Number(/"pid=(\d+)"/.exec(lock)?.[1]);

  it('after the first batch (the lock and the DNS change together): DNS wholly moved and the lock held, never one without the other; the lock names the dead pid; --break-lock removes it at once and records the move; the next run re-checks and marks it', async () => {
    const world = afterBatch;
    const started = Date.now();
    // The run's first change: the lock's CREATE and the weights in one batch.
    const killed = await runAndKill(world.w, drill(S), crashEnv(world), applied('route53', 'ChangeResourceRecordSets', P));
    expect(killed.at.operation).toBe('ChangeResourceRecordSets');
    // The dead CLI never learned the batch went through: its journal does not have it.
    expect(journaledApplied(world.w)).not.toContain('route53.move-traffic');
    expect(await world.weights()).toEqual({ [P]: 0, [S]: 100 });
    expect(await world.dnsAnswer()).toEqual([world.w.summary.records[S].value]);
    const [lock] = await world.txt('_mrrctl-lock');
    expect(lock).toContain('holder=crashed-op@');
    expect(lock).toContain(`"host=${hostname()}"`);
    expect(lock).toContain('"lease=60"');
    // A 60 s lease: the lock of a dead run on another host ends within a minute.
    expect(Date.parse(/expires=([^"]+)/.exec(lock)![1]) - Date.parse(/since=([^"]+)/.exec(lock)![1])).toBe(60_000);
    expect(lockPid(lock)).toBeGreaterThan(0);
    expect(await world.txt('_mrrctl-history')).toEqual([]);

    // Without --break-lock: exit 4, no write; it sees the moved records and says the owner is gone and how to break it.
    const seq = world.w.lastSeq();
    const blocked = await world.w.run(drill(S), nextOp(world));
    expect(blocked.code).toBe(4);
    expect(blocked.stdout).toContain('DNS already sends every user to eu-west-1');
    expect(blocked.stderr).toContain(`its owner's process is gone (pid ${lockPid(lock)} on ${hostname()}, this host, is not running): \`mrrctl failover --to eu-west-1 --planned --break-lock --reason "…"\` removes it`);
    expect(world.w.writesSince(seq)).toEqual([]);

    // With it, at once (the real clock: no lease has to end), and well within 90 s of the crash: the
    // lock goes in one batch with the history of the break and of the dead run's move; DNS is not touched.
    const broke = world.w.lastSeq();
    const r = await world.w.run([...drill(S), '--break-lock'], nextOp(world));
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(world.w.writesSince(broke).map((c) => c.operation)).toEqual(['ChangeResourceRecordSets']);
    expect(await world.weights()).toEqual({ [P]: 0, [S]: 100 });
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    const history = await world.txt('_mrrctl-history');
    expect(history.map((v) => /kind=([a-z-]+)/.exec(v)?.[1])).toEqual(['break-lock', 'failover']);
    expect(history[0]).toContain(`removed the lock of crashed-op@${hostname()} (pid ${lockPid(lock)}): its owner's process is gone`);
    // The dead run's checks never ran: its move is on record, not proven.
    expect(history[1]).not.toContain('checks=');
    // And the journal has the break: the removal with the exact record it deleted.
    const removal = journalEntries(world.w).find((e) => e.kind === 'step' && e.stepId === 'route53.remove-expired-lock' && e.status === 'applied');
    expect(removal.input.ChangeBatch.Changes[0]).toMatchObject({ Action: 'DELETE', ResourceRecordSet: { ResourceRecords: [{ Value: lock }] } });

    // The next run goes on from there: DNS is where it was asked to go, so it moves nothing, re-runs the
    // checks under a lock of its own and marks the move (lock, then history + unlock: two batches).
    const again = world.w.lastSeq();
    const resumed = await world.w.run(drill(S), nextOp(world));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(world.w.writesSince(again).map((c) => c.operation)).toEqual(['ChangeResourceRecordSets', 'ChangeResourceRecordSets']);
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    expect((await world.txt('_mrrctl-history')).find((v) => v.includes('"kind=failover"'))).toContain('"checks=passed"');
    expect(await world.weights()).toEqual({ [P]: 0, [S]: 100 });
  });

  it('after INSYNC, during the DNS check and post-checks, before the last batch: --break-lock records the move unchecked; the next run re-runs the checks and marks it', async () => {
    const world = afterChecks;
    // The first TestDNSAnswer: the change is INSYNC, the post-checks run alongside; the history + unlock batch never came.
    await runAndKill(world.w, drill(S), crashEnv(world), { service: 'route53', operation: 'TestDNSAnswer', region: P });
    expect(await world.weights()).toEqual({ [P]: 0, [S]: 100 });
    expect(await world.txt('_mrrctl-lock')).toEqual([expect.stringContaining('holder=crashed-op@')]);
    expect(await world.txt('_mrrctl-history')).toEqual([]);

    const seq = world.w.lastSeq();
    const blocked = await world.w.run(drill(S), nextOp(world));
    expect(blocked.code).toBe(4);
    expect(world.w.writesSince(seq)).toEqual([]);

    const broke = await world.w.run([...drill(S), '--break-lock'], nextOp(world));
    expect(broke.code, broke.stderr).toBe(0);
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    const recorded = await world.txt('_mrrctl-history');
    expect(recorded.map((v) => /kind=([a-z-]+)/.exec(v)?.[1])).toEqual(['break-lock', 'failover']);
    // The dead run's checks never finished: its move is on record, not proven.
    expect(recorded[1]).not.toContain('checks=');

    // The next run resumes: the checks again, then the history (the move marked) and the unlock in one batch.
    const again = world.w.lastSeq();
    const resumed = await world.w.run(drill(S), nextOp(world));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(world.w.writesSince(again).map((c) => c.operation)).toEqual(['ChangeResourceRecordSets', 'ChangeResourceRecordSets']);
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    const history = await world.txt('_mrrctl-history');
    expect(history.find((v) => v.includes('"kind=failover"'))).toContain('"checks=passed"');
    expect(await world.weights()).toEqual({ [P]: 0, [S]: 100 });
  });

  it('after the last batch (the history and the unlock together): nothing is held, the move and its passing checks are on record; a re-run has nothing to do', async () => {
    const world = afterHistory;
    // The second change of the run: the lock with DNS, then the history record and the lock's release in one batch.
    await runAndKill(world.w, drill(S), crashEnv(world), applied('route53', 'ChangeResourceRecordSets', P), nth(2));
    expect(await world.weights()).toEqual({ [P]: 0, [S]: 100 });
    // One atomic batch: the lock went with the history, never one without the other.
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    const recorded = await world.txt('_mrrctl-history');
    expect(recorded).toEqual([expect.stringContaining('"kind=failover"')]);
    expect(recorded[0]).toContain('"checks=passed"');

    const seq = world.w.lastSeq();
    const r = await world.w.run(drill(S), nextOp(world));
    expect(r.code, r.stderr).toBe(0);
    expect(world.w.writesSince(seq)).toEqual([]);
    expect(await world.txt('_mrrctl-history')).toEqual(recorded);
  });
});

function journalEntries(w: SeededWorld): any[] {
  return readFileSync(w.journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}
