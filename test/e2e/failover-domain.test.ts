/**
 * The cognito-domain strategy: the custom domain's Routing.Failover follows the primary's health
 * check; failover inverts it (with its version as an optimistic lock), failback restores it. Proven by
 * which Region answers the custom domain's token endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, healthCheckInverted, type FailoverWorld } from '../helpers/failover-world.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { hookModelCalls } from '../helpers/model-hooks.js';
import { waitFor } from '../helpers/wait-for.js';
import { GetHealthCheckStatusCommand } from '@aws-sdk/client-route-53';

let world: FailoverWorld;
/** Shared by the sandbox and mrrctl: the failback's anti-flap window passes when the test says so. */
const clock = new VirtualClock();

beforeAll(async () => {
  world = await failoverWorld({ strategy: 'cognito-domain', guards: { cooldownSeconds: 0 }, clock });
});
afterAll(async () => {
  await world.stop();
});

/** The Region that serves the custom domain's token endpoint now. */
async function servingRegion(): Promise<string | null> {
  const url = `${world.w.sb.url}/_https/${world.w.summary.domains.custom}/oauth2/token`;
  const auth = Buffer.from(`${world.w.summary.m2mClientId}:${world.env.MRRCTL_PROBE_CLIENT_SECRET}`).toString('base64');
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${auth}` }, body: 'grant_type=client_credentials' });
  await r.text();
  return r.headers.get('x-sandbox-region');
}

describe('failover with the cognito-domain strategy', () => {
  it('plans UpdateHealthCheck (Inverted, HealthCheckVersion) and names the data-plane property', async () => {
    const r = await world.w.run(['failover', '--to', world.secondary, '--dry-run', '--planned', '--reason', 'drill', '--output', 'json'], { env: world.env });
    expect(r.code).toBe(0);
    const { plan } = r.json().data;
    const move = plan.steps.find((s: any) => s.id === 'route53.move-traffic');
    expect(move).toMatchObject({ operation: 'UpdateHealthCheck', input: { HealthCheckId: world.w.summary.healthChecks[world.primary], Inverted: true, HealthCheckVersion: expect.any(Number) } });
    expect(plan.notes.join('\n')).toContain('keeps answering when the Route 53 control plane is impaired');
  });

  it("reads the check's status while its configuration (GetHealthCheck, the move's version) is held", async () => {
    const id = world.w.summary.healthChecks[world.primary];
    const atCheck = (input: unknown) => (input as { path: string }).path.endsWith(`/healthcheck/${id}`);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    let statuses = 0;
    const unhookConfig = hookModelCalls(world.w.sb, { service: 'route53', operation: 'GetHealthCheck' }, {
      before: async (_call, input) => {
        if (!atCheck(input)) return;
        held++;
        await released;
      },
    });
    const unhookStatus = hookModelCalls(world.w.sb, { service: 'route53', operation: 'GetHealthCheckStatus' }, { before: () => void statuses++ });
    try {
      const run = world.w.run(['failover', '--to', world.secondary, '--dry-run', '--planned', '--reason', 'drill', '--output', 'json'], { env: world.env });
      await waitFor(() => held, (n) => n >= 1, { what: 'GetHealthCheck held' });
      // Before, the status was asked only once GetHealthCheck had answered.
      await waitFor(() => statuses, (n) => n >= 1, { what: 'GetHealthCheckStatus while GetHealthCheck is held' });
      release();
      const r = await run;
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().data.plan.steps.find((s: any) => s.id === 'route53.move-traffic')).toMatchObject({ input: { Inverted: true, HealthCheckVersion: expect.any(Number) } });
    } finally {
      release();
      unhookConfig();
      unhookStatus();
    }
    // One configuration read (the zone's) and one status read (the primary's reading): none repeated.
    expect(held).toBe(1);
    expect(statuses).toBe(1);
  });

  it('failover inverts the check and the custom domain moves to the secondary; failback restores it', async () => {
    expect(await servingRegion()).toBe(world.primary);
    const started = clock.nowMs();
    const r = await world.w.run(['failover', '--to', world.secondary, '--yes', '--planned', '--reason', 'drill'], { env: world.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ health check reports unhealthy (expected unhealthy)');
    // The checkers keep seeing a healthy endpoint (aws-conformance G1); the client applies Inverted itself, so
    // the verification is satisfied at once instead of waiting out its timeout (default 600 s).
    const observed = await world.route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: world.w.summary.healthChecks[world.primary] }));
    expect(observed.HealthCheckObservations!.every((o) => o.StatusReport!.Status === 'Success: HTTP Status Code 200, OK')).toBe(true);
    expect(clock.nowMs() - started).toBeLessThan(10_000);
    expect(await healthCheckInverted(world)).toBe(true);
    expect(await servingRegion()).toBe(world.secondary);
    expect((await world.txt('_mrrctl-history'))[0]).toContain('"kind=failover"');

    // The failback anti-flap window (2 s): the primary, behind the now-inverted check, must be proven
    // healthy for it — measured in whole metric periods (1 s here), so allow one period more.
    clock.advance(3200);
    const back = await world.w.run(['failover', '--to', world.primary, '--yes'], { env: world.env });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toMatch(/✓ guard anti-flap passes: us-east-1 has been healthy for/);
    expect(await healthCheckInverted(world)).toBe(false);
    expect(await servingRegion()).toBe(world.primary);
  });

  it('with the primary down, Route 53 already routes to the secondary: nothing to do, and no inversion that would send users back', async () => {
    await world.primaryOutage();
    try {
      expect(await servingRegion()).toBe(world.secondary);
      const seq = world.w.lastSeq();
      const r = await world.w.run(['failover', '--to', world.secondary, '--yes'], { env: world.env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('already sends every user to eu-west-1');
      expect(r.stdout).toContain('routes it back when us-east-1 recovers');
      expect(world.w.writesSince(seq)).toEqual([]);
      expect(await healthCheckInverted(world)).toBe(false);
    } finally {
      await world.clearFaults();
    }
  });
});
