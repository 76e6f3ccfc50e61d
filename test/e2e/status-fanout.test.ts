/**
 * How `status` orders its reads, proven from the sandbox (never from timing): each step's reads are
 * held at the sandbox until every read of that step has arrived, which only happens when they are all
 * in flight together. A command that waited for one of them before starting another (or capped the
 * reads in flight) never completes the step, and the wait for it fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { holdModelCalls } from '../helpers/model-hooks.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { waitFor } from '../helpers/wait-for.js';

let w: SeededWorld;
beforeEach(async () => {
  w = await seededWorld(undefined, undefined, { clock: new VirtualClock(Date.parse('2030-01-02T03:04:05.000Z')) });
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: true });
});
afterEach(async () => {
  await w.stop();
});

/** Holds every call matching one of `ops` until release() (test/helpers/model-hooks.ts). */
const holdAll = (ops: Array<{ service: string; operation: string }>) => holdModelCalls(w.sb, ops);

const sorted = (xs: string[]) => [...xs].sort();

describe('status reads', () => {
  it('start together, step by step: the config-only reads (topology, health, drift, history, lock), then drift snapshots, web ACLs and the resources a pool names, health check states and the issuer', async () => {
    const step1 = holdAll([
      { service: 'cognito-idp', operation: 'DescribeUserPool' },
      { service: 'cognito-idp', operation: 'ListUserPoolReplicas' },
      { service: 'route53', operation: 'ListResourceRecordSets' },
      { service: 'route53', operation: 'GetHealthCheck' },
    ]);
    const snapshotOps = ['DescribeRiskConfiguration', 'GetUserPoolMfaConfig', 'ListUserPoolClients', 'ListResourceServers', 'ListIdentityProviders', 'ListGroups', 'GetLogDeliveryConfiguration'];
    const step2 = holdAll([...snapshotOps.map((operation) => ({ service: 'cognito-idp', operation })), { service: 'route53', operation: 'GetHealthCheckStatus' }]);
    try {
      const since = w.lastSeq();
      const run = w.run(['status', '--output', 'json']);
      // Step 1: nothing has answered yet, and every read that needs only the config is in flight —
      // the pool and replicas in both Regions (the drift check's first reads too: shared), the DNS
      // record, the history and the lock records, each Region's health check.
      await waitFor(() => step1.arrived.length, (n) => n >= 9, { what: 'the 9 config-only reads in flight together' });
      expect(sorted(step1.arrived)).toEqual([
        'cognito-idp DescribeUserPool eu-west-1',
        'cognito-idp DescribeUserPool us-east-1',
        'cognito-idp ListUserPoolReplicas eu-west-1',
        'cognito-idp ListUserPoolReplicas us-east-1',
        'route53 GetHealthCheck us-east-1',
        'route53 GetHealthCheck us-east-1',
        'route53 ListResourceRecordSets us-east-1',
        'route53 ListResourceRecordSets us-east-1',
        'route53 ListResourceRecordSets us-east-1',
      ]);
      expect(step2.arrived).toEqual([]);
      step1.release();
      // Step 2: both Regions' drift snapshots (7 reads each) and both health checks' states, all at once.
      await waitFor(() => step2.arrived.length, (n) => n >= 16, { what: 'the 16 second-step reads in flight together' });
      expect(sorted(step2.arrived)).toEqual(
        sorted([
          ...snapshotOps.flatMap((op) => [`cognito-idp ${op} us-east-1`, `cognito-idp ${op} eu-west-1`]),
          'route53 GetHealthCheckStatus us-east-1',
          'route53 GetHealthCheckStatus us-east-1',
        ]),
      );
      // The UPDATED issuer's discovery needs only the primary's pool: it is answered while the health
      // checks' states (and the rest of the health probes with them) are still held.
      const issuerDiscovery = () => w.sb.calls().filter((c) => c.seq > since && c.service === 'oidc' && c.region === 'global').map((c) => c.operation);
      expect(await waitFor(issuerDiscovery, (ops) => ops.length > 0, { what: "the issuer's discovery while step 2 is held" })).toEqual(['GetOpenIdConfiguration']);
      // So are the drift check's reads that need only a pool — each Region's web ACL, the functions
      // and their policies and the SES identity the primary's pool names, in both
      // Regions — and the primary's web ACL by name in the secondary: none waits for a snapshot. The
      // log group waits for the log delivery, which is held.
      const driftResources = () => w.sb.calls().filter((c) => c.seq > since && ['lambda', 'ses', 'wafv2', 'logs', 'firehose'].includes(c.service)).map((c) => `${c.service} ${c.operation} ${c.region}`);
      const meanwhile = await waitFor(driftResources, (calls) => calls.length >= 17, { what: "the drift check's resource reads while step 2 is held" });
      expect(sorted(meanwhile)).toEqual(
        sorted([
          ...Array(3).fill('lambda GetFunction us-east-1'),
          ...Array(3).fill('lambda GetPolicy us-east-1'),
          ...Array(3).fill('lambda GetFunction eu-west-1'),
          // Asked with GetFunction (drift's resource reads), so also for the functions eu-west-1 lacks.
          ...Array(3).fill('lambda GetPolicy eu-west-1'),
          'ses GetEmailIdentity us-east-1',
          'ses GetEmailIdentity eu-west-1',
          'wafv2 GetWebACLForResource us-east-1',
          'wafv2 GetWebACLForResource eu-west-1',
          'wafv2 ListWebACLs eu-west-1',
        ]),
      );
      step2.release();
      const r = await run;
      expect(r.code).toBe(0);
      expect(r.json().data.drift).toMatchObject({ scope: 'quick' });
      expect(r.json().data.driftUnknown).toBeNull();
    } finally {
      step2.restore();
      step1.restore();
    }
  });

  it('read each Region’s pool and replicas once, shared by the topology, the health probes and the drift check', async () => {
    const since = w.lastSeq();
    const r = await w.run(['status', '--output', 'json']);
    expect(r.code).toBe(0);
    const counts: Record<string, number> = {};
    for (const c of w.sb.calls().filter((c) => c.seq > since && c.service === 'cognito-idp')) {
      const k = `${c.operation} ${c.region}`;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts).toEqual({
      'DescribeUserPool us-east-1': 1,
      'DescribeUserPool eu-west-1': 1,
      'ListUserPoolReplicas us-east-1': 1,
      'ListUserPoolReplicas eu-west-1': 1,
      'DescribeRiskConfiguration us-east-1': 1,
      'DescribeRiskConfiguration eu-west-1': 1,
      'GetUserPoolMfaConfig us-east-1': 1,
      'GetUserPoolMfaConfig eu-west-1': 1,
      'ListUserPoolClients us-east-1': 1,
      'ListUserPoolClients eu-west-1': 1,
      'ListResourceServers us-east-1': 1,
      'ListResourceServers eu-west-1': 1,
      'ListIdentityProviders us-east-1': 1,
      'ListIdentityProviders eu-west-1': 1,
      'ListGroups us-east-1': 1,
      'ListGroups eu-west-1': 1,
      'GetLogDeliveryConfiguration us-east-1': 1,
      'GetLogDeliveryConfiguration eu-west-1': 1,
    });
    expect(w.writesSince(since)).toEqual([]);
  });
});
