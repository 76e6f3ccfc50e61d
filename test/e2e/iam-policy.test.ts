/**
 * Least privilege, kept honest: every command runs against one seeded sandbox world, the AWS calls it
 * makes are read from the sandbox call log, and
 *   - every call is allowed by `mrrctl iam-policy --command <that command>`, in a Region the policy covers;
 *   - every API call the policies grant was made by some command during this test (the implied
 *     permissions — checks AWS makes alongside another call — are listed, with reasons, in the table).
 * The world is driven through each code path that makes a distinct call: a decoy key for the tag
 * scan, key policies stripped of the Cognito statement for PutKeyPolicy, counterpart resources in the
 * secondary for drift fix, a cognito-domain config for the health-check read.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  SetLogDeliveryConfigurationCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateKeyCommand, GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { updateUserPoolInput } from '../../src/core/cognito/update-pool.js';
import type { UserPool } from '../../src/core/ports/cognito.js';
import { COMMAND_NAMES, COMMAND_PERMISSIONS } from '../../src/core/iam/commands.js';
import { allowedActions } from '../../src/core/iam/policy.js';
import { iamActionFor } from '../../src/core/iam/signing-names.js';
import { requiredActions } from '../../src/core/iam/reference.js';
import { awsClientConfig, sandboxAdmin } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { runCli, type RunOptions } from '../helpers/run-cli.js';

const P = 'us-east-1';
const S = 'eu-west-1';
const ACCOUNT = '123456789012';

/**
 * Calls a policy grants that no scenario here can make, with the reason. Empty today: every call
 * mrrctl makes is reachable in the sandbox. Keep it short and explained.
 */
const UNTRIGGERED: Readonly<Record<string, string>> = {};

/** Commands this test does not run, with the reason (they make no AWS call either way). */
const NOT_RUN: Readonly<Record<string, string>> = {
  'sandbox start': 'starts a long-running server',
  'sandbox stop': 'stops a detached server process',
  'sandbox seed': 'would seed a second world into the shared sandbox',
  'sandbox reset': 'would empty the shared world',
  rehearse: 'starts its own ephemeral sandbox and takes seconds (rehearse tests cover it)',
};

let w: SeededWorld;
const observed = new Map<string, Set<string>>();
const badRegions: string[] = [];

interface PolicyData {
  policy: { Statement: Array<{ Action: string[] }> } | null;
  calls: string[];
  implied: Array<{ action: string; because: string }>;
  omitted: Array<{ action: string }>;
}
const policies = new Map<string, PolicyData>();

async function policyFor(command: string): Promise<PolicyData> {
  const cached = policies.get(command);
  if (cached) return cached;
  const r = await w.run(['iam-policy', '--command', command, '--account', ACCOUNT, '--output', 'json']);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  const data = r.json().data as PolicyData;
  policies.set(command, data);
  return data;
}

/** Runs one command and records the IAM actions of the AWS calls it made. */
async function exercise(command: string, argv: string[], expectCodes: number[] = [0], opts: RunOptions = {}) {
  const since = w.lastSeq();
  const r = await w.run(argv, opts);
  expect(expectCodes, `${argv.join(' ')} exited ${r.code}\n${r.stderr}`).toContain(r.code);
  const set = observed.get(command) ?? new Set<string>();
  for (const call of w.sb.calls().filter((c) => c.seq > since)) {
    const action = iamActionFor(call.service, call.operation);
    if (!action) continue;
    set.add(action);
    const global = call.service === 'route53' || call.service === 'monitoring';
    if (!(global ? call.region === P : [P, S].includes(call.region))) badRegions.push(`${command}: ${action} in ${call.region}`);
  }
  observed.set(command, set);
  return r;
}

beforeAll(async () => {
  // No artificial delays: this test is about which calls are made, not about waiting.
  w = await seededWorld({ replicaDelayMs: 0, dnsDelayMs: 0, syncDelayMs: 0 });
}, 60_000);

afterAll(async () => {
  await w?.stop();
});

describe('every command against one seeded world', () => {
  it('runs the read-only commands on the fresh demo world', async () => {
    await exercise('status', ['status']);
    await exercise('preflight', ['preflight'], [3]);
    await exercise('keys verify', ['keys', 'verify'], [3]);
    await exercise('issuer status', ['issuer', 'status']);
    await exercise('replica list', ['replica', 'list']);
    // The cognito-domain strategy makes status read the configured health check.
    const cd = [
      `userPoolId: ${w.summary.userPoolId}`,
      `primaryRegion: ${P}`,
      `secondaryRegion: ${S}`,
      'dns:',
      '  strategy: cognito-domain',
      `  hostedZoneId: ${w.summary.hostedZoneId}`,
      `  recordName: ${w.summary.recordName}`,
      `  healthCheckId: ${w.summary.healthChecks[P]}`,
    ].join('\n');
    writeFileSync(join(w.dir, 'cognito-domain.yaml'), `${cd}\n`);
    await exercise('status', ['--config', 'cognito-domain.yaml', 'status']);
  });

  it('runs keys setup through its tag scan, create path and policy repair', async () => {
    const kmsP = new KMSClient(awsClientConfig(w.sb, P));
    const kmsS = new KMSClient(awsClientConfig(w.sb, S));
    try {
      // A key of someone else's: keys setup lists the keys and reads their tags before creating its own.
      await kmsP.send(new CreateKeyCommand({ MultiRegion: true, Description: 'unrelated' }));
      await exercise('keys setup', ['keys', 'setup', '--dry-run']);
      await exercise('keys setup', ['keys', 'setup', '--yes']);
      // Strip the Cognito statement from both policies: the next run must put it back (PutKeyPolicy).
      const created = await policyOf(kmsP);
      const stripped = JSON.stringify({ ...created.doc, Statement: created.doc.Statement.filter((s: { Principal?: { Service?: string } }) => s.Principal?.Service !== 'cognito-idp.amazonaws.com') });
      await kmsP.send(new PutKeyPolicyCommand({ KeyId: created.keyId, PolicyName: 'default', Policy: stripped }));
      await kmsS.send(new PutKeyPolicyCommand({ KeyId: created.keyId, PolicyName: 'default', Policy: stripped }));
      const repair = await exercise('keys setup', ['keys', 'setup', '--yes']);
      expect(repair.stderr).toMatch(/PutKeyPolicy|key policy/);
      await exercise('keys verify', ['keys', 'verify']);
    } finally {
      kmsP.destroy();
      kmsS.destroy();
    }
  });

  it('runs the issuer switch, the replica lifecycle and apply', async () => {
    await exercise('issuer switch', ['issuer', 'switch', '--yes']);
    // A saved plan (back to ORIGINAL) applied later, then forward again for the replica's sake.
    await exercise('issuer switch', ['issuer', 'switch', '--to', 'ORIGINAL', '--dry-run', '--plan-out', 'issuer.plan']);
    await exercise('apply', ['apply', join(w.dir, 'issuer.plan'), '--yes']);
    await exercise('issuer switch', ['issuer', 'switch', '--yes']);
    await exercise('issuer status', ['issuer', 'status']);
    await exercise('replica create', ['replica', 'create', '--wait', '--yes']);
    await exercise('replica activate', ['replica', 'activate', '--yes', '--allow-drift']);
    await exercise('status', ['status']);
    // Failover routing on the custom domain: preflight then reads its health check.
    await setDomainFailover(true);
    await exercise('preflight', ['preflight'], [0, 3]);
    // The replica cannot be deleted while the domain fails over to it; the test takes the routing off.
    await setDomainFailover(false);
  });

  it('runs drift and drift fix with counterparts in the secondary', async () => {
    // Counterparts in the secondary, so drift reads them and drift fix can point the replica at them.
    for (const name of ['demo-pre-sign-up', 'demo-custom-message', 'demo-post-confirmation']) {
      await put('lambda', { region: S, FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', CodeSha256: 'c2FuZGJveA==' });
    }
    await put('ses', { region: S, EmailIdentity: 'example.com', VerificationStatus: 'SUCCESS' });
    await put('logs', { region: S, logGroupName: '/aws/vendedlogs/cognito/demo-users', retentionInDays: 30 });
    await put('wafv2', { region: S, Name: 'demo-auth-acl' });
    // Log delivery to CloudWatch Logs and (on PLUS) to Firehose: drift reads both kinds of destination.
    for (const region of [P, S]) await put('firehose', { region, DeliveryStreamName: 'demo-auth-events' });
    const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, P));
    try {
      const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: w.summary.userPoolId }))).UserPool as unknown as UserPool;
      await cognito.send(new UpdateUserPoolCommand(updateUserPoolInput(pool, { UserPoolTier: 'PLUS' }) as never));
      await cognito.send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId: w.summary.userPoolId,
          LogConfigurations: [
            { LogLevel: 'ERROR', EventSource: 'userNotification', CloudWatchLogsConfiguration: { LogGroupArn: `arn:aws:logs:${P}:${ACCOUNT}:log-group:/aws/vendedlogs/cognito/demo-users` } },
            { LogLevel: 'INFO', EventSource: 'userAuthEvents', FirehoseConfiguration: { StreamArn: `arn:aws:firehose:${P}:${ACCOUNT}:deliverystream/demo-auth-events` } },
          ],
        }),
      );
    } finally {
      cognito.destroy();
    }
    await exercise('drift', ['drift', '--deep', '--recheck-after', '0'], [0, 3]);
    // status's drift counts read the same counterparts (the quick check, without --deep).
    await exercise('status', ['status']);
    // First fix: triggers, email, log delivery, risk notifications, web ACL; second: the triggers' permissions.
    await exercise('drift fix', ['drift', 'fix', '--yes']);
    await exercise('drift fix', ['drift', 'fix', '--yes']);
  });

  it('runs health, a weighted failover and failback, a canary drill, and a cognito-domain failover', async () => {
    // An INACTIVE target: the failover activates it.
    await exercise('replica deactivate', ['replica', 'deactivate', '--yes']);
    // Activating an INACTIVE replica checks drift first: with the counterparts in place it reads them all.
    await exercise('replica activate', ['replica', 'activate', '--dry-run'], [0, 3]);
    await exercise('health', ['health'], [0, 3]);
    const drill = ['--planned', '--force', '--reason', 'iam-policy drill', '--yes'];
    await exercise('failover', ['failover', '--to', S, ...drill]);
    await exercise('failover', ['failover', '--to', P, ...drill]);
    await exercise('canary', ['canary', '--to', S, '--percent', '10', '--reason', 'iam-policy drill', '--yes']);
    await exercise('canary stop', ['canary', 'stop', '--reason', 'iam-policy drill', '--yes']);
    // cognito-domain: the failover inverts the configured health check instead of moving weights.
    // Last, and left inverted: nothing after this depends on that health check.
    await exercise('failover', ['--config', 'cognito-domain.yaml', 'failover', '--to', S, '--planned', '--force', '--reason', 'iam-policy drill', '--yes']);
  });

  it('runs the destructive replica commands and the commands that need no AWS', async () => {
    // With a configured health check (cognito-domain), the routing guard reads it too.
    await exercise('replica deactivate', ['--config', 'cognito-domain.yaml', 'replica', 'deactivate', '--dry-run'], [0, 3]);
    await exercise('replica deactivate', ['replica', 'deactivate', '--yes']);
    await exercise('replica delete', ['--config', 'cognito-domain.yaml', 'replica', 'delete', '--dry-run'], [0, 3]);
    await exercise('replica delete', ['replica', 'delete', '--yes']);
    await exercise('sandbox status', ['sandbox', 'status']);
    await exercise('sandbox fault', ['sandbox', 'fault', '--clear']);
    await exercise('cost', ['cost', '--mau', '1000']);
    await exercise('completion', ['completion', 'bash']);
    await exercise('iam-policy', ['iam-policy']);
  });
});

describe('mrrctl iam-policy itself', () => {
  it('prints the policy document alone on stdout, notes on stderr, and calls no AWS API', async () => {
    const since = w.lastSeq();
    const r = await w.run(['iam-policy', '--command', 'keys setup']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.Version).toBe('2012-10-17');
    expect(JSON.stringify(doc)).toContain(`arn:aws:cognito-idp:${P}:*:userpool/${w.summary.userPoolId}`);
    expect(r.stderr).toContain('MRR_IAM_W001');
    expect(w.sb.calls().filter((c) => c.seq > since)).toEqual([]);
  });

  it('takes a group of commands, and pins the account with --account', async () => {
    const r = await w.run(['iam-policy', '--command', 'replica', '--account', ACCOUNT, '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const data = r.json().data;
    expect(data.commands).toEqual(['replica create', 'replica activate', 'replica deactivate', 'replica delete', 'replica list']);
    expect(data.account).toBe(ACCOUNT);
    expect(r.json().diagnostics).toEqual([]);
    const actions = allowedActions(data.policy);
    for (const a of ['cognito-idp:CreateUserPoolReplica', 'cognito-idp:DeleteUserPoolReplica', 'cognito-idp:CreateUserPool', 'route53:ListResourceRecordSets']) expect(actions).toContain(a);
    expect([...actions].some((a) => a.startsWith('kms:Create'))).toBe(false);
  });

  it('needs no config for commands that make no AWS call', async () => {
    const r = await runCli(['iam-policy', '--command', 'cost'], { cwd: mkdtempSync(join(tmpdir(), 'mrrctl-noconfig-')) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('no IAM permission is needed');
  });
});

describe('the policy against what the commands did', () => {
  it('ran every command of the table that can run here', () => {
    const expected = COMMAND_NAMES.filter((c) => !NOT_RUN[c]);
    expect(expected.filter((c) => !observed.has(c))).toEqual([]);
  });

  it('every command the CLI registers has an entry in the permission table', () => {
    const missing = COMMANDS.map((c) => c.name).filter((name) => !COMMAND_NAMES.some((c) => c === name || c.startsWith(`${name} `)));
    expect(missing).toEqual([]);
  });

  it('allows every call each command made, in a Region it covers', async () => {
    const denied: string[] = [];
    for (const [command, actions] of observed) {
      const allowed = allowedActions((await policyFor(command)).policy as never);
      for (const action of actions) if (!allowed.has(action)) denied.push(`${command}: ${action}`);
    }
    expect(denied).toEqual([]);
    expect(badRegions).toEqual([]);
  });

  it('allows, for every call made, every action the Service Authorization Reference table lists for that operation', async () => {
    const missing: string[] = [];
    for (const [command, actions] of observed) {
      const allowed = allowedActions((await policyFor(command)).policy as never);
      for (const call of actions) {
        const rows = requiredActions(call);
        if (!rows) missing.push(`${command}: ${call} has no row in src/core/iam/reference.ts`);
        for (const row of rows ?? []) if (!allowed.has(row.action)) missing.push(`${command}: ${call} needs ${row.action}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('grants no call that no command made', async () => {
    const made = new Set([...observed.values()].flatMap((s) => [...s]));
    const unused: string[] = [];
    for (const command of observed.keys()) {
      for (const action of (await policyFor(command)).calls) {
        if (!made.has(action) && !UNTRIGGERED[action]) unused.push(`${command}: ${action}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it("grants each command only calls that command made (apply replays the others' plans)", async () => {
    const unused: string[] = [];
    for (const [command, made] of observed) {
      if (COMMAND_PERMISSIONS[command]?.replaysPlans) continue;
      for (const action of (await policyFor(command)).calls) {
        if (!made.has(action) && !UNTRIGGERED[action]) unused.push(`${command}: ${action}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it('grants exactly the calls and implied permissions it reports, each implied one explained', async () => {
    for (const command of observed.keys()) {
      const data = await policyFor(command);
      const expected = [...data.calls, ...data.implied.map((i) => i.action)].filter((a) => !data.omitted.some((o) => o.action === a));
      expect([...allowedActions(data.policy as never)].sort(), command).toEqual([...new Set(expected)].sort());
      for (const i of data.implied) expect(i.because.length, `${command}: ${i.action}`).toBeGreaterThan(10);
    }
  });

  it('commands that make no AWS call get no policy and made none', async () => {
    for (const [command, entry] of Object.entries(COMMAND_PERMISSIONS)) {
      if (entry.calls.length > 0 || entry.replaysPlans || !observed.has(command)) continue;
      expect(observed.get(command)?.size, command).toBe(0);
      expect((await policyFor(command)).policy, command).toBeNull();
    }
  });

  it('apply may do what every mutating command does', async () => {
    const apply = allowedActions((await policyFor('apply')).policy as never);
    for (const [command, entry] of Object.entries(COMMAND_PERMISSIONS)) {
      if (!entry.mutating) continue;
      for (const action of entry.calls) expect(apply.has(action), `${command}: ${action}`).toBe(true);
    }
  });
});

async function setDomainFailover(on: boolean): Promise<void> {
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, P));
  try {
    const routing = { Failover: { SecondaryRegion: S, PrimaryRoute53HealthCheckId: w.summary.healthChecks[P] } };
    await cognito.send(
      new UpdateUserPoolDomainCommand({ UserPoolId: w.summary.userPoolId, Domain: w.summary.domains.custom, ManagedLoginVersion: 2, ...(on ? { Routing: routing } : {}) } as never),
    );
  } finally {
    cognito.destroy();
  }
}

async function put(service: string, resource: Record<string, unknown>): Promise<void> {
  const r = await sandboxAdmin(w.sb, 'POST', `resources/${service}`, resource);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function policyOf(kms: KMSClient): Promise<{ keyId: string; doc: { Statement: Array<Record<string, any>> } }> {
  const verify = await w.run(['keys', 'verify', '--output', 'json']);
  const keyArn = verify.json().data.keyArn as string;
  const keyId = keyArn.split('/').pop()!;
  const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy!;
  return { keyId, doc: JSON.parse(policy) };
}
