/**
 * `failover` with the arc-routing-control strategy against the sandbox's ARC cluster, through the real
 * cluster client: the whole primary Region down (its Cognito, OIDC, KMS, Route 53's control plane and
 * CloudWatch — all signed for us-east-1 — and its cluster endpoint) plus a second endpoint Region;
 * the failover applies through an endpoint that is up, with no Route 53 lock or history (the journal
 * records the move as history-pending); failback after recovery writes both moves into the zone's history.
 */
import { GetRoutingControlStateCommand, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildArcWorld, endpointClient, type ArcWorld } from '../sandbox/arc-fixtures.js';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { sandboxAdmin } from '../helpers/sandbox.js';
import { AwsClients } from '../../src/aws/clients.js';
import { readArcServing } from '../../src/app/traffic/arc-serving.js';

const P = 'us-east-1';
const S = 'eu-west-1';
let world: FailoverWorld;
let arc: ArcWorld;

async function state(arn: string, region = 'us-west-2'): Promise<string | undefined> {
  const endpoint = arc.endpoints.find((e) => e.Region === region);
  if (!endpoint) throw new Error(`no endpoint in ${region}`);
  return (await endpointClient(endpoint).send(new GetRoutingControlStateCommand({ RoutingControlArn: arn }))).RoutingControlState;
}

beforeAll(async () => {
  world = await failoverWorld({ guards: { minUnhealthySeconds: 0, cooldownSeconds: 0, requireDriftClean: false } });
  arc = await buildArcWorld(world.w.sb);
  const first = arc.endpoints.find((e) => e.Region === 'us-west-2');
  if (!first) throw new Error('no us-west-2 endpoint');
  await endpointClient(first).send(
    new UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: [{ RoutingControlArn: arc.east, RoutingControlState: 'On' }, { RoutingControlArn: arc.west, RoutingControlState: 'Off' }] }),
  );
  const file = join(world.w.dir, 'mrrctl.yaml');
  const config = parse(readFileSync(file, 'utf8'));
  config.dns = {
    strategy: 'arc-routing-control',
    hostedZoneId: config.dns.hostedZoneId,
    recordName: config.dns.recordName,
    arc: {
      clusterArn: arc.clusterArn,
      endpoints: arc.endpoints.map((e) => ({ region: e.Region, url: e.Endpoint })),
      routingControls: { [P]: arc.east, [S]: arc.west },
      safetyRules: ['at-least-one-on'],
    },
  };
  writeFileSync(file, stringify(config));
});
afterAll(async () => {
  await world?.stop();
});

const run = (argv: string[]) => world.w.run(argv, { env: world.env });

describe.sequential('failover through ARC routing controls', () => {
  it('dry-run: the plan sets the target On and the source Off in one call, nothing is written', async () => {
    const seq = world.w.lastSeq();
    const r = await run(['failover', '--to', S, '--dry-run', '--planned', '--reason', 'drill', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const steps = r.json().data.plan.steps as Array<{ id: string; operation: string }>;
    expect(steps.map((s) => s.id)).toEqual(['route53.take-lock', 'arc.move-traffic', 'route53.verify', 'oidc.post-checks', 'route53.record-history', 'route53.release-lock']);
    expect(world.w.writesSince(seq)).toEqual([]);
    expect(await state(arc.east)).toBe('On');
  });

  it('a break-glass override by name is refused (exit 3): SafetyRulesToOverride takes ARNs', async () => {
    const seq = world.w.lastSeq();
    const r = await run(['failover', '--to', S, '--yes', '--override-safety-rule', 'at-least-one-on', '--reason', 'drill', '--output', 'json']);
    expect(r.code, r.stderr).toBe(3);
    expect(JSON.stringify(r.json().data.plan.guards)).toContain('not a safety rule ARN');
    expect(world.w.writesSince(seq)).toEqual([]);
  });

  it('--override-safety-rule without --reason: exit 2, nothing called', async () => {
    const seq = world.w.lastSeq();
    const r = await run(['failover', '--to', S, '--yes', '--override-safety-rule', arc.atLeastOneOn]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a non-empty reason with --override-safety-rule');
    expect(world.w.sb.calls().filter((c) => c.seq > seq)).toEqual([]);
  });

  it('primary Region and ap-southeast-2 down: the failover applies through an endpoint that is up, within a minute', async () => {
    for (const region of [P, 'ap-southeast-2']) {
      const f = await sandboxAdmin(world.w.sb, 'POST', 'faults', { region, kind: 'outage' });
      expect(f.status).toBe(201);
    }
    const seq = world.w.lastSeq();
    const started = Date.now();
    const r = await run(['failover', '--to', S, '--yes', '--reason', 'us-east-1 down', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const calls = world.w.sb.calls().filter((c) => c.seq > seq);
    const okWrites = calls.filter((c) => c.write && c.status >= 200 && c.status < 300);
    expect(okWrites.map((c) => `${c.region} ${c.operation}`)).toEqual([expect.stringMatching(/^(eu-west-1|us-west-2|ap-northeast-1) UpdateRoutingControlStates$/)]);
    // Nothing succeeded in the failed Region.
    expect(calls.filter((c) => c.region === P && c.status >= 200 && c.status < 300)).toEqual([]);
    const results = r.json().data.result.results as Array<{ stepId: string; status: string }>;
    expect(results.map((x) => x.stepId)).toEqual(['arc.move-traffic', 'route53.verify', 'oidc.post-checks']);
    await sandboxAdmin(world.w.sb, 'DELETE', 'faults');
    expect(await state(arc.west)).toBe('On');
    expect(await state(arc.east)).toBe('Off');
    const journal = readFileSync(world.w.journal, 'utf8');
    expect(journal).toContain('"HistoryPending":true');
    expect(await world.txt('_mrrctl-history')).toEqual([]);
  });

  it('failback after recovery: through the lock, and the zone history gets both moves', async () => {
    const r = await run(['failover', '--to', P, '--yes', '--reason', 'recovered', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(await state(arc.east)).toBe('On');
    expect(await state(arc.west)).toBe('Off');
    const history = (await world.txt('_mrrctl-history')).join(' ');
    expect(history).toContain('failback');
    expect(history).toContain('failover');
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
  });

  it('readArcServing (status/health): the Region whose control is On, from an endpoint that answers', async () => {
    const file = join(world.w.dir, 'mrrctl.yaml');
    const dns = parse(readFileSync(file, 'utf8')).dns;
    const clients = new AwsClients({ target: { sandbox: true, endpoint: world.w.sb.url } as never });
    try {
      const f = await sandboxAdmin(world.w.sb, 'POST', 'faults', { region: P, kind: 'outage' });
      expect(f.status).toBe(201);
      const r = await readArcServing(clients, dns, { primary: P, secondary: S });
      expect(r?.serving).toEqual([P]);
      expect(r?.evidence).toContain(`routing controls ${P} On, ${S} Off`);
    } finally {
      await sandboxAdmin(world.w.sb, 'DELETE', 'faults');
      clients.destroy();
    }
  });

  it('canary with ARC: exit 2 explaining routing controls are on/off, pointing to weighted; no AWS call', async () => {
    const seq = world.w.lastSeq();
    const r = await run(['canary', '--to', S, '--percent', '10', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ARC routing controls are on/off switches');
    expect(r.stderr).toContain('dns.strategy: weighted');
    expect(world.w.sb.calls().filter((c) => c.seq > seq)).toEqual([]);
  });
});
