/**
 * `status` answers "who moved traffic, when and why" and "who holds the lock" after real `failover`
 * runs, and `data.dns.serving` follows a failover and a failback for the weighted and the
 * cognito-domain strategies — checked against what the sandbox itself routes, not only mrrctl's word.
 */
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, plantLock, type FailoverWorld } from '../helpers/failover-world.js';
import { holdModelCall, hookModelCalls } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const USER = { USER: 'ana' };
const ACTOR = `ana@${hostname()}`;

async function statusJson(world: FailoverWorld) {
  const r = await world.w.run(['status', '--output', 'json'], { env: { ...world.env, ...USER } });
  expect(r.code, r.stderr).toBe(0);
  return r.json().data;
}

describe('status after failovers (weighted)', () => {
  let world: FailoverWorld;
  const clock = new VirtualClock();
  beforeAll(async () => {
    world = await failoverWorld({ guards: { cooldownSeconds: 0 }, clock });
  });
  afterAll(async () => {
    await world.stop();
  });
  const run = (argv: string[]) => world.w.run(argv, { env: { ...world.env, ...USER } });

  it('before any move: serving us-east-1, none recorded, the lock free', async () => {
    const data = await statusJson(world);
    expect(data.dns).toEqual({
      strategy: 'weighted',
      serving: 'us-east-1',
      servingUnknown: null,
      shares: { 'us-east-1': 100, 'eu-west-1': 0 },
      weights: { 'us-east-1': 100, 'eu-west-1': 0 },
      healthCheck: null,
      evidence: 'us-east-1 weight 100, eu-west-1 weight 0',
    });
    expect([data.lastFailover, data.lastFailoverUnknown, data.lock, data.lockUnknown]).toEqual([null, null, null, null]);
  });

  it('after a failover: who, when and why from the zone history; serving follows the weights', async () => {
    const at = clock.now().toISOString();
    const r = await run(['failover', '--to', 'eu-west-1', '--yes', '--planned', '--reason', 'game day: eu-west-1 takes over']);
    expect(r.code, r.stderr).toBe(0);
    expect(await world.weights()).toEqual({ 'us-east-1': 0, 'eu-west-1': 100 });
    const data = await statusJson(world);
    expect(data.dns).toMatchObject({ serving: 'eu-west-1', servingUnknown: null, shares: { 'us-east-1': 0, 'eu-west-1': 100 }, evidence: 'us-east-1 weight 0, eu-west-1 weight 100' });
    expect(data.lastFailover).toEqual({ kind: 'failover', time: at, from: 'us-east-1', to: 'eu-west-1', actor: ACTOR, reason: 'game day: eu-west-1 takes over', checks: 'passed' });
    expect(data.lock).toBeNull();
    const text = await run(['status']);
    expect(text.stdout).toContain('  dns     weighted: serving eu-west-1 (us-east-1 weight 0, eu-west-1 weight 100)\n');
    expect(text.stdout).toContain(`  last failover  failover us-east-1 → eu-west-1 at ${at} by ${ACTOR}: "game day: eu-west-1 takes over" (checks passed)\n`);
    expect(text.stdout).toContain('  lock    free\n');
  });

  it('while a failback holds the lock: the holder with host, pid, run and lease; after it, serving is back on us-east-1', async () => {
    // The failback is held at its INSYNC wait (the lock taken, DNS changed) until both status runs have
    // read the lock record, then let go at once: the held call must end well within its SDK timeout.
    const held = holdModelCall(world.w.sb, { service: 'route53', operation: 'GetChange' });
    let lockReads = 0;
    const stopWatching = hookModelCalls(world.w.sb, { service: 'route53', operation: 'ListResourceRecordSets' }, {
      before: (_call, input) => {
        if ((input as { query?: URLSearchParams }).query?.get('name')?.startsWith('_mrrctl-lock.')) lockReads++;
      },
      after: () => {
        if (lockReads >= 2) held.release();
      },
    });
    const at = clock.now().toISOString();
    const leaseEnd = new Date(clock.nowMs() + 60_000).toISOString();
    try {
      const running = run(['failover', '--to', 'us-east-1', '--yes', '--planned', '--reason', 'game day over']);
      await held.reached;
      const [json, text] = await Promise.all([run(['status', '--output', 'json']), run(['status'])]);
      const r = await running;
      expect(r.code, r.stderr).toBe(0);
      const data = json.json().data;
      expect(data.lock).toEqual({
        holder: ACTOR,
        host: hostname(),
        pid: process.pid,
        run: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        command: 'failover',
        reason: 'game day over',
        since: at,
        expires: leaseEnd,
        expired: false,
        ownerGone: null,
      });
      expect(data.lockUnknown).toBeNull();
      expect(text.stdout).toContain(`  lock    held by ${ACTOR} (pid ${process.pid} on ${hostname()}, run ${data.lock.run}) since ${at} (failover, reason "game day over"); lease ends ${leaseEnd}\n`);
    } finally {
      stopWatching();
      held.restore();
    }
    const after = await statusJson(world);
    expect(after.dns).toMatchObject({ serving: 'us-east-1', shares: { 'us-east-1': 100, 'eu-west-1': 0 } });
    expect(after.lastFailover).toEqual({ kind: 'failback', time: at, from: 'eu-west-1', to: 'us-east-1', actor: ACTOR, reason: 'game day over', checks: 'passed' });
    expect(after.lock).toBeNull();
  });

  it("someone else's lock past its lease: named, and marked expired with the --break-lock remedy", async () => {
    const since = clock.now().toISOString();
    const expires = new Date(clock.nowMs() + 2500).toISOString();
    await plantLock(world, { holder: 'bo@ops-laptop', reason: 'sev2 drill', since, expires });
    clock.advance(2600);
    const data = await statusJson(world);
    expect(data.lock).toEqual({ holder: 'bo@ops-laptop', host: null, pid: null, run: null, command: 'failover', reason: 'sev2 drill', since, expires, expired: true, ownerGone: null });
    const text = await run(['status']);
    expect(text.stdout).toContain(`  lock    held by bo@ops-laptop since ${since} (failover, reason "sev2 drill"); EXPIRED at ${expires} (\`--break-lock\` may remove it)\n`);
  });
});

describe('status after failovers (cognito-domain)', () => {
  let world: FailoverWorld;
  const clock = new VirtualClock();
  beforeAll(async () => {
    world = await failoverWorld({ strategy: 'cognito-domain', guards: { cooldownSeconds: 0 }, clock });
  });
  afterAll(async () => {
    await world.stop();
  });

  /** The Region that answers the custom domain's token endpoint now (the sandbox's own routing). */
  async function routedTo(): Promise<string | null> {
    const url = `${world.w.sb.url}/_https/${world.w.summary.domains.custom}/oauth2/token`;
    const auth = Buffer.from(`${world.w.summary.m2mClientId}:${world.env.MRRCTL_PROBE_CLIENT_SECRET}`).toString('base64');
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${auth}` }, body: 'grant_type=client_credentials' });
    await r.text();
    return r.headers.get('x-sandbox-region');
  }

  it('serving follows the primary health check through a failover and a failback', async () => {
    const hc = world.w.summary.healthChecks['us-east-1'];
    const before = await statusJson(world);
    expect(before.dns).toEqual({
      strategy: 'cognito-domain',
      serving: 'us-east-1',
      servingUnknown: null,
      shares: { 'us-east-1': 100, 'eu-west-1': 0 },
      weights: null,
      healthCheck: { id: hc, healthy: true, inverted: false },
      evidence: `health check ${hc} healthy, not inverted → the custom domain routes to us-east-1`,
    });
    expect(await routedTo()).toBe('us-east-1');

    const at = clock.now().toISOString();
    const r = await world.w.run(['failover', '--to', 'eu-west-1', '--yes', '--planned', '--reason', 'drill'], { env: { ...world.env, ...USER } });
    expect(r.code, r.stderr).toBe(0);
    const after = await statusJson(world);
    expect(after.dns).toEqual({
      strategy: 'cognito-domain',
      serving: 'eu-west-1',
      servingUnknown: null,
      shares: { 'us-east-1': 0, 'eu-west-1': 100 },
      weights: null,
      healthCheck: { id: hc, healthy: false, inverted: true },
      evidence: `health check ${hc} unhealthy, inverted → the custom domain routes to eu-west-1`,
    });
    expect(await routedTo()).toBe('eu-west-1');
    expect(after.lastFailover).toEqual({ kind: 'failover', time: at, from: 'us-east-1', to: 'eu-west-1', actor: ACTOR, reason: 'drill', checks: 'passed' });

    // The failback's anti-flap window (2 s, in whole 1 s metric periods): one period of margin.
    clock.advance(3200);
    const back = await world.w.run(['failover', '--to', 'us-east-1', '--yes'], { env: world.env });
    expect(back.code, back.stderr).toBe(0);
    const restored = await statusJson(world);
    expect(restored.dns).toMatchObject({ serving: 'us-east-1', healthCheck: { id: hc, healthy: true, inverted: false } });
    expect(await routedTo()).toBe('us-east-1');
    expect(restored.lastFailover).toMatchObject({ kind: 'failback', from: 'eu-west-1', to: 'us-east-1' });
  });
});
