/**
 * Weighted ALIAS records (A records aliased to CloudFront distributions, as a Cognito custom domain
 * is): TestDNSAnswer answers them with addresses, not the target's name (aws-conformance G2), so the
 * verification must decide from the record set what should answer. Before, it compared names and
 * every failover over alias records failed its check after 60 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand, TestDNSAnswerCommand, type Change } from '@aws-sdk/client-route-53';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';
const TARGETS: Record<string, string> = { 'us-east-1': 'd111east.cloudfront.net', 'eu-west-1': 'd222west.cloudfront.net' };
let world: FailoverWorld;
const clock = new VirtualClock();

async function aliasAnswer(): Promise<string[]> {
  const r = await world.route53.send(new TestDNSAnswerCommand({ HostedZoneId: world.w.summary.hostedZoneId, RecordName: world.w.summary.recordName, RecordType: 'A' }));
  return r.RecordData ?? [];
}

beforeAll(async () => {
  world = await failoverWorld({ guards: { cooldownSeconds: 0 }, clock });
  const zone = world.w.summary.hostedZoneId;
  const name = `${world.w.summary.recordName}.`;
  const listed = await world.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: name }));
  const cnames = (listed.ResourceRecordSets ?? []).filter((r) => r.Name === name && r.Type === 'CNAME');
  // Replace the demo's weighted CNAMEs by weighted alias A records with the same identifiers, weights and checks.
  const changes: Change[] = [
    ...cnames.map((r): Change => ({ Action: 'DELETE', ResourceRecordSet: r })),
    ...cnames.map(
      (r): Change => ({
        Action: 'CREATE',
        ResourceRecordSet: {
          Name: name,
          Type: 'A',
          SetIdentifier: r.SetIdentifier,
          Weight: r.Weight,
          HealthCheckId: r.HealthCheckId,
          AliasTarget: { HostedZoneId: CLOUDFRONT_ZONE, DNSName: TARGETS[r.SetIdentifier!], EvaluateTargetHealth: false },
        },
      }),
    ),
  ];
  await world.route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: changes } }));
  const config = parse(world.w.config);
  for (const region of Object.keys(TARGETS)) config.dns.records[region] = { ...config.dns.records[region], type: 'ALIAS', value: TARGETS[region], setIdentifier: region };
  writeFileSync(join(world.w.dir, 'mrrctl.yaml'), stringify(config));
});
afterAll(async () => {
  await world.stop();
});

describe('failover over weighted alias A records', () => {
  it('the sandbox answers an alias with stable addresses of its target, never the target name', async () => {
    const first = await aliasAnswer();
    expect(first).toHaveLength(2);
    expect(first.every((a) => /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\.\d+$/.test(a))).toBe(true);
    expect(first.join(' ')).not.toContain('cloudfront');
    expect(await aliasAnswer()).toEqual(first);
  });

  it('verifies the move by addresses: ok at once, not after the 60 s timeout', async () => {
    const before = await aliasAnswer();
    const started = clock.nowMs();
    const r = await world.w.run(['failover', '--to', world.secondary, '--yes', '--planned', '--reason', 'alias drill', '--output', 'json'], { env: world.env });
    expect(r.code, r.stderr).toBe(0);
    const after = await aliasAnswer();
    expect(after).not.toEqual(before);
    const verify = r.json().data.result.results.find((s: any) => s.stepId === 'route53.verify');
    expect(verify.output).toMatchObject({ ok: true, mode: 'alias-any-address', answer: after, expected: ['any A address of the alias to d222west.cloudfront.net'] });
    expect(r.json().data.verification.lines[0]).toBe(`✓ Route 53 answers ${after.join(', ')} (expected any A address of the alias to d222west.cloudfront.net)`);
    expect(clock.nowMs() - started).toBeLessThan(30_000);
  });
});
