/**
 * Faults, table-driven: `keys setup`, `replica create --wait`, `drift`, `health` (and `status`) under
 * the sandbox's fault injection — throttling bursts, transient 5xx, persistent 5xx, latency spikes,
 * the primary Region down, Route 53's API down. The real CLI runs in-process against the in-process
 * sandbox; the call log proves what was (not) written. `failover` has its own chain:
 * faults-failover.test.ts.
 *
 * Expectations: a transient fault is retried and the command succeeds with every write made once;
 * a persistent fault ends with exit 1 naming the failed step and what was already applied, and a
 * re-run after the fault clears converges to the end state a clean run leaves; a dead primary is
 * reported within seconds.
 */
import { CognitoIdentityProviderClient, DescribeUserPoolCommand, ListUserPoolReplicasCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand, ListKeysCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/sandbox/types.js';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import type { CliRun } from '../helpers/run-cli.js';
import { awsClientConfig, sandboxAdmin } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { faultsAfter } from '../helpers/model-hooks.js';

const P = 'us-east-1';
const S = 'eu-west-1';
/**
 * "Within seconds, not minutes" (issue 8): what a dead or hanging Region may cost a command. Before
 * the fix a hanging call cost 3 × 15 s; the bound leaves a loaded 2-core machine room above the one
 * 5 s request timeout while still catching any retry of a dead Region.
 */
const BOUNDED_MS = 20_000;
/**
 * These cells run on real time (SDK request timeouts, retry back-off, latency faults are what they
 * test), several worlds at once: on a busy 2-core machine a cell's chain can take a minute.
 */
const REAL_TIME_CELL_TIMEOUT_MS = 120_000;

type FaultSpec = { region?: string; service?: string; operation?: string; kind: 'outage' | 'throttle' | 'error' | 'latency'; ms?: number; status?: number; count?: number };

async function inject(sb: SeededWorld['sb'], ...faults: FaultSpec[]): Promise<void> {
  for (const f of faults) {
    const r = await sandboxAdmin(sb, 'POST', 'faults', f);
    if (r.status !== 201) throw new Error(`fault refused: ${JSON.stringify(r.body)}`);
  }
}
const clear = async (sb: SeededWorld['sb']) => void (await sandboxAdmin(sb, 'DELETE', 'faults'));

/**
 * A persistent fault armed to start mid-plan; `fired()` says it went in (else the cell proves nothing).
 * Always `restore()` it: the hook stays on the sandbox's model until then.
 */
interface Armed {
  fired(): boolean;
  restore(): void;
}

function matches(f: FaultSpec, c: CallRecord): boolean {
  const service = f.service === 'cognito-idp' && c.service === 'oidc' ? 'oidc' : f.service;
  return (!f.region || f.region === c.region) && (!service || service === c.service) && (!f.operation || f.operation === c.operation);
}

/** The fault really hit: an answer it shaped is in the call log (otherwise a "passing" cell proves nothing). */
function fired(f: FaultSpec, calls: CallRecord[]): boolean {
  return calls.some((c) => matches(f, c) && (f.kind === 'latency' ? c.durationMs >= (f.ms ?? 0) * 0.9 : c.status !== 200));
}

/** Successful writes, as "region operation": a duplicate here is a write made twice. */
function successfulWrites(w: SeededWorld, since: number): string[] {
  return w.sb.calls().filter((c) => c.seq > since && c.write && c.status >= 200 && c.status < 300).map((c) => `${c.region} ${c.operation}`);
}
const duplicates = (list: string[]) => list.filter((x, i) => list.indexOf(x) !== i);

async function timed(run: () => Promise<CliRun>): Promise<CliRun & { ms: number }> {
  const started = Date.now();
  const r = await run();
  return { ...r, ms: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------
// End states, judged through the SDK

async function keyEndState(w: SeededWorld) {
  const kmsP = new KMSClient(awsClientConfig(w.sb, P));
  const kmsS = new KMSClient(awsClientConfig(w.sb, S));
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, P));
  try {
    const poolId = w.summary.userPoolId;
    const tagged = async (kms: KMSClient) => {
      const ids: string[] = [];
      for (const k of (await kms.send(new ListKeysCommand({}))).Keys ?? []) {
        const tags = (await kms.send(new ListResourceTagsCommand({ KeyId: k.KeyId }))).Tags ?? [];
        if (tags.some((t) => t.TagKey === 'mrrctl:user-pool-id' && t.TagValue === poolId)) ids.push(k.KeyId!);
      }
      return ids;
    };
    const [keys, replicas] = await Promise.all([tagged(kmsP), tagged(kmsS)]);
    const key = keys[0];
    const alias = async (kms: KMSClient) => (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === 'alias/cognito-mrr')?.TargetKeyId;
    const arn = key ? (await kmsP.send(new DescribeKeyCommand({ KeyId: key }))).KeyMetadata?.Arn : undefined;
    const config = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.KeyConfiguration;
    return {
      keys: keys.length,
      replicas: replicas.length,
      replicaEnabled: key ? (await kmsS.send(new DescribeKeyCommand({ KeyId: key }))).KeyMetadata?.KeyState === 'Enabled' : false,
      aliases: [(await alias(kmsP)) === key, (await alias(kmsS)) === key],
      rotation: key ? (await kmsP.send(new GetKeyRotationStatusCommand({ KeyId: key }))).KeyRotationEnabled : false,
      poolOnKey: config?.KeyType === 'CUSTOMER_MANAGED_KEY' && config.KmsKeyArn === arn,
    };
  } finally {
    for (const c of [kmsP, kmsS, cognito]) c.destroy();
  }
}
const KEYS_DONE = { keys: 1, replicas: 1, replicaEnabled: true, aliases: [true, true], rotation: true, poolOnKey: true };

async function replicaEndState(w: SeededWorld) {
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, P));
  try {
    const r = await cognito.send(new ListUserPoolReplicasCommand({ UserPoolId: w.summary.userPoolId }));
    return (r.UserPoolReplicas ?? []).filter((x) => x.Role === 'SECONDARY').map((x) => `${x.RegionName} ${x.Status}`);
  } finally {
    cognito.destroy();
  }
}
const REPLICA_DONE = [`${S} INACTIVE`];

// ---------------------------------------------------------------------------------------------
// Mutating commands: one fresh world per cell

interface MutatingCommand {
  name: string;
  argv: string[];
  /** Brings a fresh demo world to where the command starts. */
  prepare(w: SeededWorld): Promise<void>;
  endState(w: SeededWorld): Promise<unknown>;
  done: unknown;
  throttle: FaultSpec;
  transient: FaultSpec[];
  latency: FaultSpec;
  /** A persistent fault that starts mid-plan, the step it fails and what is applied by then. */
  persistent: { arm(w: SeededWorld): Promise<Armed>; failedStep: string; applied: string[] };
}

const MUTATING: MutatingCommand[] = [
  {
    name: 'keys setup',
    argv: ['keys', 'setup', '--yes'],
    prepare: async () => {},
    endState: keyEndState,
    done: KEYS_DONE,
    // CreateKey is the write whose duplicate would hurt most: a second key.
    throttle: { region: P, service: 'kms', operation: 'CreateKey', kind: 'throttle', count: 2 },
    transient: [
      { region: P, service: 'kms', operation: 'CreateKey', kind: 'error', count: 2 },
      { region: P, service: 'kms', operation: 'ReplicateKey', kind: 'error', status: 503, count: 2 },
    ],
    latency: { region: P, service: 'kms', operation: 'CreateKey', kind: 'latency', ms: 800, count: 1 },
    persistent: {
      arm: async (w) => (await inject(w.sb, { region: P, service: 'kms', operation: 'ReplicateKey', kind: 'error' }), { fired: () => true, restore: () => {} }),
      failedStep: 'kms.replicate-key',
      applied: ['kms.create-key', 'kms.create-alias.primary', 'kms.enable-key-rotation'],
    },
  },
  {
    name: 'replica create --wait',
    argv: ['replica', 'create', '--wait', '--yes'],
    prepare: async (w) => void (await setUpKeyAndIssuer(w)),
    endState: replicaEndState,
    done: REPLICA_DONE,
    throttle: { region: P, service: 'cognito-idp', operation: 'CreateUserPoolReplica', kind: 'throttle', count: 2 },
    transient: [
      { region: P, service: 'cognito-idp', operation: 'CreateUserPoolReplica', kind: 'error', count: 2 },
      { region: P, service: 'cognito-idp', operation: 'ListUserPoolReplicas', kind: 'error', status: 503, count: 2 },
    ],
    latency: { region: P, service: 'cognito-idp', operation: 'CreateUserPoolReplica', kind: 'latency', ms: 800, count: 1 },
    persistent: {
      // Cognito's API in the primary breaks right after the create: the wait cannot read the status.
      arm: async (w) => faultsAfter(w.sb, { region: P, service: 'cognito-idp', operation: 'CreateUserPoolReplica' }, [{ region: P, service: 'cognito-idp', kind: 'error' }]),
      failedStep: 'cognito.wait-replica-inactive-active',
      applied: ['cognito.create-replica'],
    },
  },
];

async function freshWorld(cmd: MutatingCommand): Promise<SeededWorld> {
  const w = await seededWorld();
  await cmd.prepare(w);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Read commands: one world each, the cells in a row, each compared with the fault-free answer

interface ReadCell {
  fault: string;
  faults: FaultSpec[];
  /** "same": the fault-free answer; otherwise a check of the degraded answer. */
  expect: 'same' | ((r: CliRun & { ms: number }, calls: CallRecord[]) => void);
  /** The command never calls the faulted service: the cell proves it is unaffected. */
  untouched?: boolean;
  /** A call that hangs is logged only when the sandbox answers it, after the CLI has given up. */
  hangs?: boolean;
}

/**
 * Connects, never answers in time: what an overloaded or half-dead Region does. Longer than the
 * clients' request timeout (5 s) and the probes' (4 s); short, because stopping the sandbox waits
 * for the hung calls to end.
 */
const HANGING_PRIMARY: FaultSpec = { region: P, kind: 'latency', ms: 6_500 };

const driftAnswer = (r: CliRun) => ({ code: r.code, findings: r.json().data.findings.map((f: { code: string; path: string }) => `${f.code} ${f.path}`).sort() });

const DRIFT_CELLS: ReadCell[] = [
  { fault: 'throttling burst', faults: [{ region: S, service: 'cognito-idp', kind: 'throttle', count: 2 }], expect: 'same' },
  { fault: 'transient 5xx', faults: [{ region: P, service: 'lambda', kind: 'error', count: 2 }, { region: S, service: 'cognito-idp', kind: 'error', status: 503, count: 2 }], expect: 'same' },
  { fault: 'latency spike', faults: [{ region: S, service: 'cognito-idp', kind: 'latency', ms: 500, count: 2 }], expect: 'same' },
  { fault: 'Route 53 API down', faults: [{ service: 'route53', kind: 'outage' }], expect: 'same', untouched: true },
  {
    fault: 'persistent 5xx',
    faults: [{ region: S, service: 'cognito-idp', kind: 'error' }],
    expect: (r) => {
      // Issue 16: what cannot be read is reported as unreadable and the report goes on (exit 3, not 1).
      expect(r.code).toBe(3);
      expect(r.json().data.findings).toEqual([]);
      expect(r.json().diagnostics[0]).toMatchObject({ code: 'MRR_UNREADABLE_E001', message: expect.stringMatching(/^unreadable: cognito-idp \w+ in eu-west-1: InternalErrorException: .*, re-run after recovery$/) });
    },
  },
  {
    fault: 'primary Region down',
    faults: [{ region: P, kind: 'outage' }],
    expect: (r) => {
      expect(r.code).toBe(3);
      expect(r.ms).toBeLessThan(BOUNDED_MS);
      // Reported within seconds, naming the Region and the call that failed.
      expect(r.json().diagnostics[0]).toMatchObject({ code: 'MRR_UNREADABLE_E001', message: expect.stringMatching(/^unreadable: cognito-idp DescribeUserPool in us-east-1: TimeoutError: socket hang up, re-run after recovery$/) });
    },
  },
];

const healthAnswer = (r: CliRun) => ({ code: r.code, regions: r.json().data.regions.map((x: { region: string; verdict: string }) => `${x.region} ${x.verdict}`) });

const HEALTH_CELLS: ReadCell[] = [
  {
    fault: 'throttling burst',
    faults: [{ region: P, service: 'oidc', kind: 'throttle', count: 2 }, { service: 'route53', operation: 'GetHealthCheckStatus', kind: 'throttle', count: 2 }],
    expect: 'same',
  },
  { fault: 'transient 5xx', faults: [{ region: P, service: 'oidc', kind: 'error', count: 2 }, { region: S, service: 'cognito-idp', kind: 'error', status: 503, count: 2 }], expect: 'same' },
  { fault: 'latency spike', faults: [{ region: P, service: 'oidc', kind: 'latency', ms: 800, count: 2 }], expect: 'same' },
  {
    fault: 'Route 53 API down',
    faults: [{ service: 'route53', kind: 'outage' }],
    expect: (r) => {
      // The Regions answer, so both stay healthy; the health checks are named unreadable.
      expect(healthAnswer(r)).toEqual({ code: 0, regions: [`${P} healthy`, `${S} healthy`] });
      for (const region of r.json().data.regions) expect(region.healthCheck).toMatchObject({ error: expect.anything() });
    },
  },
  {
    fault: 'persistent 5xx',
    faults: [{ region: P, service: 'cognito-idp', kind: 'error' }],
    expect: (r) => {
      expect(healthAnswer(r)).toEqual({ code: 3, regions: [`${P} unhealthy`, `${S} healthy`] });
      expect(r.json().diagnostics[0]).toMatchObject({ code: 'MRR_HEALTH_E001', message: expect.stringContaining(`${P} is unhealthy: the Cognito API in ${P} did not answer: InternalErrorException`) });
    },
  },
  {
    fault: 'primary Region down',
    faults: [{ region: P, kind: 'outage' }],
    expect: (r) => {
      expect(r.ms).toBeLessThan(BOUNDED_MS);
      expect(healthAnswer(r)).toEqual({ code: 3, regions: [`${P} unhealthy`, `${S} healthy`] });
      expect(r.json().diagnostics[0].message).toContain(`${P} is unhealthy: the Cognito API in ${P} did not answer`);
    },
  },
  {
    fault: 'primary Region hanging (connects, never answers)',
    faults: [HANGING_PRIMARY],
    hangs: true,
    expect: (r) => {
      // One request timeout (5 s), not retried — before the fix, 3 × 15 s.
      expect(r.ms).toBeLessThan(BOUNDED_MS);
      expect(healthAnswer(r)).toEqual({ code: 3, regions: [`${P} unhealthy`, `${S} healthy`] });
      expect(r.json().diagnostics[0].message).toMatch(new RegExp(`${P} is unhealthy: the Cognito API in ${P} did not answer: TimeoutError: .*requestTimeout`));
    },
  },
];

async function readTable(run: () => Promise<CliRun>, answer: (r: CliRun) => unknown, cells: ReadCell[], w: SeededWorld): Promise<void> {
  const baseline = answer(await run());
  for (const cell of cells) {
    const since = w.lastSeq();
    await inject(w.sb, ...cell.faults);
    try {
      const r = await timed(run);
      const calls = w.sb.calls().filter((c) => c.seq > since);
      expect(calls.filter((c) => c.write), `${cell.fault}: a read command wrote`).toEqual([]);
      if (cell.untouched) expect(calls.filter((c) => cell.faults.some((f) => matches(f, c))), `${cell.fault}: faulted service was called`).toEqual([]);
      else if (!cell.hangs) for (const f of cell.faults) expect(fired(f, calls), `${cell.fault}: ${JSON.stringify(f)} never fired`).toBe(true);
      if (cell.expect === 'same') expect(answer(r), cell.fault).toEqual(baseline);
      else cell.expect(r, calls);
    } finally {
      await clear(w.sb);
    }
  }
}

// Every cell runs concurrently (each on its own world); the longest chains are declared first so
// they start first (vitest runs at most 5 tests at a time).
describe.concurrent('faults', { timeout: REAL_TIME_CELL_TIMEOUT_MS }, () => {
  it('health: transient faults are retried (probes too); persistent 5xx and a dead or hanging primary name the unhealthy Region within seconds', async () => {
    const world: FailoverWorld = await failoverWorld({ activate: true });
    try {
      const baseline = await world.w.run(['health', '--output', 'json'], { env: world.env });
      expect(healthAnswer(baseline)).toEqual({ code: 0, regions: [`${P} healthy`, `${S} healthy`] });
      await readTable(() => world.w.run(['health', '--output', 'json'], { env: world.env }), healthAnswer, HEALTH_CELLS, world.w);
    } finally {
      await world.stop();
    }
  });

  it('drift: transient faults give the fault-free report; persistent 5xx and a dead primary are reported as unreadable (exit 3) within seconds', async () => {
    const w = await seededWorld();
    try {
      await setUpKeyAndIssuer(w);
      await setUpReplica(w, { activate: true });
      await readTable(() => w.run(['drift', '--recheck-after', '0', '--output', 'json']), driftAnswer, DRIFT_CELLS, w);
    } finally {
      await w.stop();
    }
  });

  it('status: the primary Region down or hanging, or Route 53 down, is reported within seconds, exit 0 with a warning', async () => {
    const w = await seededWorld();
    try {
      for (const [faults, shows] of [
        [[{ region: P, kind: 'outage' }], new RegExp(`${P} +PRIMARY +UNREACHABLE`)],
        [[HANGING_PRIMARY], new RegExp(`${P} +PRIMARY +UNREACHABLE`)],
        [[{ service: 'route53', kind: 'outage' }], /dns +weighted: serving unknown \(Route 53 ListResourceRecordSets auth\.example\.com: TimeoutError/],
      ] as Array<[FaultSpec[], RegExp]>) {
        await inject(w.sb, ...faults);
        try {
          const r = await timed(() => w.run(['status']));
          expect(r.ms, JSON.stringify(faults)).toBeLessThan(BOUNDED_MS);
          expect(r.code).toBe(0);
          expect(r.stdout).toMatch(shows);
          if (faults[0].region === P) expect(r.stderr).toContain(`warning: ${P} did not answer [MRR_STATUS_W001]`);
        } finally {
          await clear(w.sb);
        }
      }
    } finally {
      await w.stop();
    }
  });

  describe.each(MUTATING)('$name', (cmd) => {
    it.each([
      { fault: 'throttling burst', faults: [cmd.throttle] },
      { fault: 'transient 5xx', faults: cmd.transient },
      { fault: 'latency spike', faults: [cmd.latency] },
    ])('$fault: retried, succeeds, every write made once', async ({ faults }) => {
      const w = await freshWorld(cmd);
      try {
        const since = w.lastSeq();
        await inject(w.sb, ...faults);
        const r = await timed(() => w.run(cmd.argv));
        expect(r.code, r.stderr).toBe(0);
        const calls = w.sb.calls().filter((c) => c.seq > since);
        for (const f of faults) expect(fired(f, calls), `fault ${JSON.stringify(f)} never fired`).toBe(true);
        expect(duplicates(successfulWrites(w, since))).toEqual([]);
        expect(await cmd.endState(w)).toEqual(cmd.done);
        const latency = faults.find((f) => f.kind === 'latency');
        if (latency) expect(r.ms).toBeGreaterThanOrEqual(latency.ms!);
      } finally {
        await w.stop();
      }
    });

    it('persistent 5xx mid-plan: exit 1 naming the step and what was applied; after it clears, a re-run converges', async () => {
      const w = await freshWorld(cmd);
      try {
        const since = w.lastSeq();
        const armed = await cmd.persistent.arm(w);
        const failed = await w.run([...cmd.argv, '--output', 'json']).finally(() => armed.restore());
        expect(armed.fired(), 'the persistent fault never went in').toBe(true);
        expect(failed.code, failed.stderr).toBe(1);
        const [diag] = failed.json().diagnostics;
        expect(diag).toMatchObject({ code: 'MRR_APPLY_E001' });
        expect(diag.message).toMatch(/^step \S+ failed: \w+Exception: /);
        expect(diag.message.startsWith(`step ${cmd.persistent.failedStep} failed: `)).toBe(true);
        expect(diag.message).toContain(`already applied: ${cmd.persistent.applied.join(', ')};`);
        expect(diag.message).toContain('Re-run the command once the cause is fixed');

        await clear(w.sb);
        const rerun = await w.run(cmd.argv);
        expect(rerun.code, rerun.stderr).toBe(0);
        expect(duplicates(successfulWrites(w, since))).toEqual([]);
        expect(await cmd.endState(w)).toEqual(cmd.done);
      } finally {
        await w.stop();
      }
    });

    it('primary Region down: exit 1 within seconds, nothing written; Route 53 down: unaffected (never called), converges', async () => {
      const w = await freshWorld(cmd);
      try {
        const since = w.lastSeq();
        await inject(w.sb, { region: P, kind: 'outage' });
        const down = await timed(() => w.run(cmd.argv));
        expect(down.code).toBe(1);
        expect(down.ms).toBeLessThan(BOUNDED_MS);
        expect(down.stderr).toMatch(/AWS error from \S+ \S+ in us-east-1: TimeoutError: socket hang up|did not answer/);
        expect(successfulWrites(w, since)).toEqual([]);

        await clear(w.sb);
        await inject(w.sb, { service: 'route53', kind: 'outage' });
        const seq = w.lastSeq();
        const r = await w.run(cmd.argv);
        expect(r.code, r.stderr).toBe(0);
        expect(w.sb.calls().filter((c) => c.seq > seq && c.service === 'route53')).toEqual([]);
        expect(await cmd.endState(w)).toEqual(cmd.done);
      } finally {
        await w.stop();
      }
    });
  });
});
