/**
 * `mrrctl failover` end to end against the sandbox: the refusal while the primary is healthy, the
 * anti-flap window during a primary outage, a failover that never calls the primary Region, DNS and
 * token continuity afterwards, the cooldown, failback, and the journal.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

let world: FailoverWorld;
/** Shared by the sandbox and mrrctl: the anti-flap window and the cooldown pass when the test says so. */
const clock = new VirtualClock();
const SECONDARY_RECORD = 'auth-eu-west-1.example.net';

beforeAll(async () => {
  // The replica starts INACTIVE: the failover activates it.
  world = await failoverWorld({ activate: false, guards: { minUnhealthySeconds: 2, cooldownSeconds: 4 }, clock });
});
afterAll(async () => {
  await world.stop();
});

describe('mrrctl failover', () => {
  it('dry-run while the primary is healthy: the whole plan, every guard with evidence, exit 3, nothing written', async () => {
    const seq = world.w.lastSeq();
    const r = await world.w.run(['failover', '--to', world.secondary, '--dry-run'], { env: world.env });
    expect(r.code).toBe(3);
    expect(world.w.writesSince(seq)).toEqual([]);
    expect(r.stdout).toMatch(/✗ guard anti-flap fails: us-east-1 is healthy now/);
    for (const id of ['target-replica', 'target-healthy', 'cooldown', 'drift', 'issuer', 'lock', 'dns-target']) expect(r.stdout).toMatch(new RegExp(`✓ guard ${id} passes`));
    expect(r.stdout).toContain('the replica in eu-west-1 is INACTIVE: the plan activates it first');
    expect(r.stdout).toMatch(/cognito-idp:UpdateUserPoolReplica .*\n.*WaitForReplicaStatus/);
    expect(r.stdout).toContain('DELETE auth.example.com. CNAME [us-east-1] weight 100');
    expect(r.stdout).toContain('CREATE auth.example.com. CNAME [eu-west-1] weight 100');
    expect(r.stdout).toContain('TOTP MFA users are locked out');
    expect(r.stdout).toContain('no sign-up');
    const json = await world.w.run(['failover', '--to', world.secondary, '--dry-run', '--output', 'json'], { env: world.env });
    const { data } = json.json();
    expect(data.plan.guards.find((g: any) => g.id === 'anti-flap')).toMatchObject({ ok: false });
    expect(data.report.evidence.antiFlap).toMatchObject({ region: 'us-east-1', want: 'unhealthy', source: 'current' });
  });

  it('with the primary down: refused until the window has passed, then fails over without calling the primary', async () => {
    // A token a user got before the outage.
    const before = await world.mintToken(world.primary);
    await world.primaryOutage();
    const early = world.w.lastSeq();
    const refused = await world.w.run(['failover', '--to', world.secondary, '--yes'], { env: world.env });
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/✗ guard anti-flap fails: us-east-1 has been unhealthy for [\d.]+ s .*per CloudWatch HealthCheckStatus, less than the 2 s window/);
    expect(world.w.writesSince(early)).toEqual([]);

    // The 2 s window, measured in whole metric periods (1 s): one period of margin.
    clock.advance(3200);
    const seq = world.w.lastSeq();
    const r = await world.w.run(['failover', '--to', world.secondary, '--yes', '--reason', 'us-east-1 Cognito outage'], { env: world.env });
    expect(r.code, r.stderr).toBe(0);
    // An applied plan is shown on stderr (stdout carries the result).
    expect(r.stderr).toMatch(/✓ guard anti-flap passes: us-east-1 has been unhealthy for/);
    expect(r.stdout).toContain(`✓ Route 53 answers ${SECONDARY_RECORD}`);
    expect(r.stdout).toMatch(/Timeline:\n(.*\n)+Took [\d.]+ s\./);

    // No call reached the primary Region's APIs: only Route 53 and CloudWatch, which live in us-east-1.
    const primaryCalls = world.w.sb.calls().filter((c) => c.seq > seq && c.region === world.primary && !['route53', 'monitoring'].includes(c.service));
    expect(primaryCalls).toEqual([]);
    expect(world.w.sb.calls().some((c) => c.seq > seq && c.service === 'cognito-idp' && c.region === world.secondary && c.operation === 'UpdateUserPoolReplica')).toBe(true);

    expect(await world.dnsAnswer()).toEqual([SECONDARY_RECORD]);
    expect(await world.weights()).toEqual({ 'us-east-1': 0, 'eu-west-1': 100 });
    expect(await world.verifyAgainst(world.secondary, before)).toBe(true);
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    const [last] = await world.txt('_mrrctl-history');
    expect(last).toContain('"kind=failover"');
    expect(last).toContain('"reason=us-east-1 Cognito outage"');
  });

  it('an immediate second failover is refused by the cooldown; the same one again has nothing to do', async () => {
    await world.clearFaults();
    const seq = world.w.lastSeq();
    const back = await world.w.run(['failover', '--to', world.primary, '--yes', '--planned', '--reason', 'too soon'], { env: world.env });
    expect(back.code).toBe(3);
    expect(back.stdout).toMatch(/✗ guard cooldown fails: last failover us-east-1 → eu-west-1 by .* \(.* ago, from the (zone history record|journal)\); cooldown 4 s: [\d.]+ s left/);
    const again = await world.w.run(['failover', '--to', world.secondary, '--yes'], { env: world.env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('DNS already sends every user to eu-west-1');
    expect(world.w.writesSince(seq)).toEqual([]);
  });

  it('fails back once the primary has been healthy for the window and the cooldown passed, journaled with its reason', async () => {
    // The 4 s cooldown, and the primary healthy for the 2 s window since the faults cleared.
    clock.advance(4000);
    const r = await world.w.run(['failover', '--to', world.primary, '--yes', '--reason', 'us-east-1 recovered'], { env: world.env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✓ guard anti-flap passes: us-east-1 has been healthy for/);
    // Minted by the secondary before the failback, validated against the primary's keys.
    expect(r.stdout).toMatch(/✓ a token minted before the failover validates against https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\//);
    expect(await world.weights()).toEqual({ 'us-east-1': 100, 'eu-west-1': 0 });
    expect((await world.txt('_mrrctl-history'))[0]).toContain('"kind=failback"');

    const journal = readFileSync(world.w.journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const moves = journal.filter((e) => e.kind === 'step' && e.command === 'failover' && e.trafficMoving && e.status === 'applied');
    expect(moves).toHaveLength(2);
    expect(JSON.stringify(moves[0].input)).toContain('us-east-1 Cognito outage');
    expect(JSON.stringify(moves[1].input)).toContain('us-east-1 recovered');
    expect(JSON.stringify(journal)).not.toContain(world.env.MRRCTL_PROBE_CLIENT_SECRET);
  });

  it('needs --reason with --planned or --force, and a --to that is one of the two Regions', async () => {
    expect((await world.w.run(['failover', '--to', world.secondary, '--planned'])).code).toBe(2);
    const wrong = await world.w.run(['failover', '--to', 'ap-south-1', '--dry-run']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--to: got "ap-south-1", expected one of the pool\'s Regions');
  });
});
