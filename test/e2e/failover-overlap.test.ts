/**
 * The failover's observation overlaps its independent reads (docs/failover.md, "Order"), proven with
 * calls held at the sandbox's models, not with timings:
 * - the source's health check (named in the config) is read while the zone's records are still being
 *   listed;
 * - while the source's health check status is held, the target's probe already runs, and nothing is
 *   asked of the source Region: the drift guard (which starts in the source) and the pre-failover
 *   token wait for the source's verdict;
 * - the source's health check status is asked together with the check's configuration, not after it;
 * - the secondary's web ACL listing (the drift guard's counterpart web ACL) goes with the primary's
 *   web ACL read, not after it, and a Region that is the source is still asked nothing before its verdict;
 * - the target's probe asks for its token without waiting for its health check;
 * - the verdicts are the ones they always were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { hookModelCalls, type CallMatch } from '../helpers/model-hooks.js';
import { waitFor } from '../helpers/wait-for.js';

let world: FailoverWorld;

beforeAll(async () => {
  // The demo's Lambda triggers, SES identity and web ACL exist only in the primary: drift for the secondary.
  world = await failoverWorld({ guards: { requireDriftClean: true } });
});
afterAll(async () => {
  await world.stop();
});

/**
 * Holds every call matching `match` (and `which`, on its input) until release(); `reached` settles at
 * the first; `count()` is how many arrived. A held call the client gave up on (its 5 s request
 * timeout) is retried, so a count above the expected one means the hold was cut short by a timeout.
 */
function hold(match: CallMatch, which: (input: unknown) => boolean = () => true) {
  let reached!: () => void;
  let release!: () => void;
  let count = 0;
  const first = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const unhook = hookModelCalls(world.w.sb, match, {
    before: async (_call, input) => {
      if (!which(input)) return;
      count++;
      reached();
      await released;
    },
  });
  return { reached: first, release, count: () => count, restore: () => (release(), unhook()) };
}

/** Settles when the n-th call matching `match` (and `which`, on its input) reaches its model; `seen()` counts them. */
function arrival(match: CallMatch, n = 1, which: (input: unknown) => boolean = () => true) {
  let arrived!: () => void;
  let seen = 0;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const unhook = hookModelCalls(world.w.sb, match, { before: (_call, input) => void (which(input) && ++seen === n && arrived()) });
  return { reached, seen: () => seen, restore: unhook };
}

const dryRun = () => world.w.run(['failover', '--to', world.secondary, '--dry-run', '--planned', '--reason', 'drill', '--output', 'json'], { env: world.env });
const pathOf = (input: unknown) => (input as { path: string }).path;

async function expectDriftRefusal(run: ReturnType<typeof dryRun>) {
  const r = await run;
  // Every hold ended by its release, not by the client's 5 s request timeout: the zone was read and the
  // primary's status is known (a timed-out read would show as a control-plane error, or as unknown
  // health in the anti-flap evidence, which reuses the observation's reading).
  const evidence = r.json().data.report.evidence;
  expect(evidence.controlPlaneError).toBeNull();
  expect(evidence.antiFlap.detail).toMatch(/^us-east-1 is healthy now/);
  // The same verdict as ever: drift for the secondary refuses (exit 3).
  expect(r.code, r.stderr).toBe(3);
  const drift = r.json().data.plan.guards.find((g: { id: string }) => g.id === 'drift');
  expect(drift.ok).toBe(false);
  expect(drift.evidence).toMatch(/error-severity finding\(s\) for eu-west-1: MRR_DRIFT_E\d+ secondary\./);
}

describe('the observation overlaps', () => {
  it("reads the source's configured health check while the zone is still being listed", async () => {
    const zone = hold({ service: 'route53', operation: 'ListResourceRecordSets' });
    const status = arrival({ service: 'route53', operation: 'GetHealthCheckStatus' });
    try {
      const run = dryRun();
      await zone.reached;
      await status.reached;
      zone.release();
      await expectDriftRefusal(run);
    } finally {
      zone.restore();
      status.restore();
    }
  }, 60_000);

  it("runs the target's probe while the source's status is held; asks the source for nothing until it is answered", async () => {
    const P = world.primary;
    const S = world.secondary;
    const sourceCheck = world.w.summary.records[P].healthCheckId;
    const seq = world.w.lastSeq();
    const status = hold({ service: 'route53', operation: 'GetHealthCheckStatus' }, (input) => pathOf(input).includes(`/healthcheck/${sourceCheck}/`));
    // The target's probe (probeRegionHealth) reads the target's pool: the second DescribeUserPool in
    // the target, after the observation's own.
    const probe = arrival({ service: 'cognito-idp', operation: 'DescribeUserPool', region: S }, 2);
    // The drift guard's first read is the source's pool; it must come only after the verdict.
    let answered = false;
    const sourcePoolAt: boolean[] = [];
    const unhook = hookModelCalls(world.w.sb, { service: 'cognito-idp', operation: 'DescribeUserPool', region: P }, { before: () => void sourcePoolAt.push(answered) });
    try {
      const run = dryRun();
      await status.reached;
      await probe.reached;
      const asked = world.w.sb.calls().filter((c) => c.seq > seq && c.region === P && !['route53', 'monitoring'].includes(c.service));
      expect(asked.map((c) => `${c.seq} ${c.service}.${c.operation}`)).toEqual([]);
      answered = true;
      status.release();
      await expectDriftRefusal(run);
    } finally {
      status.restore();
      probe.restore();
      unhook();
    }
    // One status read of the source's check: the anti-flap guard reused the observation's.
    expect(status.count()).toBe(1);
    // The drift guard did read the source (it is up), only once its status was answered.
    expect(sourcePoolAt.length).toBeGreaterThan(0);
    expect(sourcePoolAt.every(Boolean)).toBe(true);
  }, 60_000);
});

describe('reads that do not wait for each other', () => {
  it("asks the source's health check status while its configuration (GetHealthCheck) is held", async () => {
    const sourceCheck = world.w.summary.records[world.primary].healthCheckId;
    const config = hold({ service: 'route53', operation: 'GetHealthCheck' }, (input) => pathOf(input).endsWith(`/healthcheck/${sourceCheck}`));
    const status = arrival({ service: 'route53', operation: 'GetHealthCheckStatus' }, 1, (input) => pathOf(input).includes(`/healthcheck/${sourceCheck}/status`));
    try {
      const run = dryRun();
      await config.reached;
      // Before, GetHealthCheckStatus went out only once GetHealthCheck had answered: never while it is held.
      await waitFor(status.seen, (n) => n >= 1, { what: "the source's GetHealthCheckStatus while its GetHealthCheck is held" });
      config.release();
      await expectDriftRefusal(run);
    } finally {
      config.restore();
      status.restore();
    }
    expect(config.count()).toBe(1);
    expect(status.seen()).toBe(1);
  }, 60_000);

  it("lists the secondary's web ACLs while the primary's web ACL (GetWebACLForResource) is held", async () => {
    const primaryAcl = hold({ service: 'wafv2', operation: 'GetWebACLForResource', region: world.primary });
    const listing = arrival({ service: 'wafv2', operation: 'ListWebACLs', region: world.secondary });
    const getAcl = arrival({ service: 'wafv2', operation: 'GetWebACL', region: world.secondary });
    try {
      const run = dryRun();
      await primaryAcl.reached;
      // Before, the listing waited for the primary's web ACL (it names the ACL to look for).
      await waitFor(listing.seen, (n) => n >= 1, { what: "the secondary's ListWebACLs while the primary's web ACL is held" });
      // GetWebACL still needs the name: not asked until the primary's web ACL answers.
      expect(getAcl.seen()).toBe(0);
      primaryAcl.release();
      await expectDriftRefusal(run);
    } finally {
      primaryAcl.restore();
      listing.restore();
      getAcl.restore();
    }
    // One listing, used for the counterpart (the demo's web ACL is missing in the secondary: no GetWebACL).
    expect(listing.seen()).toBe(1);
  }, 60_000);

  it('failback: the secondary is the source, so its early web ACL listing waits for its verdict', async () => {
    const P = world.primary;
    const S = world.secondary;
    const sourceCheck = world.w.summary.records[S].healthCheckId;
    const seq = world.w.lastSeq();
    const status = hold({ service: 'route53', operation: 'GetHealthCheckStatus' }, (input) => pathOf(input).includes(`/healthcheck/${sourceCheck}/`));
    // The failback's target probe reads the primary's pool: once it has, the drift guard's first reads are out too.
    const probe = arrival({ service: 'cognito-idp', operation: 'DescribeUserPool', region: P }, 2);
    try {
      const run = world.w.run(['failover', '--to', P, '--dry-run', '--planned', '--reason', 'drill', '--output', 'json'], { env: world.env });
      await status.reached;
      await probe.reached;
      const asked = world.w.sb.calls().filter((c) => c.seq > seq && c.region === S && !['route53', 'monitoring'].includes(c.service));
      expect(asked.map((c) => `${c.seq} ${c.service}.${c.operation}`)).toEqual([]);
      status.release();
      const r = await run;
      expect(r.json().data.report.evidence.controlPlaneError).toBeNull();
    } finally {
      status.restore();
      probe.restore();
    }
    // Asked after the verdict (the secondary is up): the listing went out then, once.
    const listings = world.w.sb.calls().filter((c) => c.seq > seq && c.region === S && c.service === 'wafv2' && c.operation === 'ListWebACLs');
    expect(listings).toHaveLength(1);
  }, 60_000);

  it("mints the target's probe token while the target's health check status is held", async () => {
    const S = world.secondary;
    const targetCheck = world.w.summary.records[S].healthCheckId;
    const status = hold({ service: 'route53', operation: 'GetHealthCheckStatus' }, (input) => pathOf(input).includes(`/healthcheck/${targetCheck}/`));
    // The OIDC hosts are no service model: their requests are seen in the call log.
    const seq = world.w.lastSeq();
    const tokens = () => world.w.sb.calls().filter((c) => c.seq > seq && c.service === 'oidc' && c.operation === 'Token' && c.region === S).length;
    try {
      const run = dryRun();
      await status.reached;
      // The token needs only the target's pool and replica listing; before, it waited for the whole
      // probe's first reads, this health check's status among them.
      await waitFor(tokens, (n) => n >= 1, { what: "the target's token request while its health check status is held" });
      status.release();
      const r = await run;
      expect(r.code, r.stderr).toBe(3);
      const target = r.json().data.report.evidence.targetHealth;
      expect(target.token).toMatchObject({ token: { ok: true, status: 200 }, verification: { ok: true } });
    } finally {
      status.restore();
    }
  }, 60_000);
});
