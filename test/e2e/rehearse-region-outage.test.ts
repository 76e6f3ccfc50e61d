/**
 * `mrrctl rehearse --scenario region-outage`: the ARC demo world (`sandbox seed --dns-strategy
 * arc-routing-control`), the whole primary Region and a second ARC endpoint Region down, failover
 * through the cluster, token continuity, recovery and a failback that writes the pending zone history.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

/** The region-outage game day, in order: the setup phases, then the outage ARC exists for. */
const REGION_OUTAGE_STEPS = [
  ['preflight', 'preflight (fails, and says why)'],
  ['keys-setup', 'phase 1: keys setup'],
  ['issuer-switch', 'phase 2: issuer switch'],
  ['replica-create', 'phase 3: replica create --wait'],
  ['drift', 'drift finds the missing Regional settings'],
  ['deploy-missing', 'deploy the missing resources in eu-west-1'],
  ['drift-fix', 'drift fix'],
  ['drift-clean', 'drift is clean'],
  ['replica-activate', 'replica activate'],
  ['mint-token', 'mint a token before the outage'],
  ['region-outage', 'the whole of us-east-1 goes down'],
  ['endpoint-outage', 'the ARC endpoint in ap-southeast-2 goes down too'],
  ['health', 'health shows the outage'],
  ['anti-flap-wait', 'wait out the anti-flap window'],
  ['failover', 'failover to eu-west-1 through the ARC cluster'],
  ['serving-secondary', 'the routing controls send users to eu-west-1'],
  ['token-continuity', 'the pre-outage token still validates'],
  ['status-during-outage', 'status during the outage'],
  ['recover', 'us-east-1 and ap-southeast-2 recover'],
  ['failback-wait', "wait: the window, the cooldown, the rules' wait period"],
  ['failback', 'failback to us-east-1 (writes the pending zone history)'],
  ['serving-primary', 'the routing controls send users to us-east-1'],
  ['final-status', 'final status'],
];

describe('rehearse --scenario region-outage', () => {
  it('runs every step as expected on the ARC world, prints the timeline and writes the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-rehearse-outage-test-'));
    const r = await runCli(['rehearse', '--scenario', 'region-outage', '--window', '1', '--report', 'outage.md', '--output', 'json'], { cwd: dir, clock: new VirtualClock().cli });
    const doc = r.json();
    expect(doc.data.timeline.filter((s: any) => !s.ok)).toEqual([]);
    expect(r.code).toBe(0);
    expect(doc.data.scenario).toBe('region-outage');
    expect(doc.data.failedStep).toBe(null);
    expect(doc.data.timeline.map((s: any) => [s.id, s.title])).toEqual(REGION_OUTAGE_STEPS);
    const byId = Object.fromEntries(doc.data.timeline.map((s: any) => [s.id, s.outcome]));
    expect(byId['region-outage']).toBe('every service in us-east-1 is down');
    expect(byId['endpoint-outage']).toBe('every service in ap-southeast-2 is down');
    expect(byId.health).toMatch(/^exit 3: us-east-1 is unhealthy/);
    expect(byId.failover).toBe('exit 0');
    expect(byId['serving-secondary']).toMatch(/^routing controls us-east-1 Off, eu-west-1 On \(read from the (eu-west-1|us-west-2|ap-northeast-1) endpoint[;)]/);
    // Nothing was read from the failed endpoints (the rotation may or may not have tried them first).
    expect(byId['serving-secondary']).not.toMatch(/read from the (us-east-1|ap-southeast-2) endpoint/);
    expect(byId['token-continuity']).toMatch(/^valid against https:\/\/issuer-cognito-idp\.us-east-1\.amazonaws\.com\/.* while us-east-1 is down$/);
    // The demo's "at least one On" rule waits 5 s after a change: the failback waits that out (5 + 2 s).
    expect(byId['failback-wait']).toBe("waited 7 s (anti-flap window, cooldown and safety rule wait period)");
    expect(byId.failback).toBe('exit 0');
    expect(byId['serving-primary']).toMatch(/^routing controls us-east-1 On, eu-west-1 Off \(read from the [a-z0-9-]+ endpoint\)$/);
    const report = readFileSync(join(dir, 'outage.md'), 'utf8');
    expect(report).toContain('- Scenario: `region-outage`');
    expect(report).toContain('## Timeline');
    expect(report).toContain('## Plans');
    expect(report).toContain('### failover to eu-west-1 through the ARC cluster');
    expect(report).toContain("the journal records this move as history-pending, and the next mrrctl failover that reads the zone writes it into the zone's history");
    expect(report).toContain("the history record also gets 1 earlier move(s) made while Route 53's control plane was down (from this machine's journal)");
  }, 180_000);

  it('an unknown scenario: exit 2 naming the value and the choices; no sandbox, no report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrrctl-rehearse-outage-test-'));
    const r = await runCli(['rehearse', '--scenario', 'az-outage', '--report', 'x.md'], { cwd: dir, clock: new VirtualClock().cli });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scenario: got "az-outage", expected one of default, region-outage');
    expect(r.stderr).toContain('MRR_INPUT_E051');
    expect(existsSync(join(dir, 'x.md'))).toBe(false);
  });
});
