/** dnsServing: one explicit case per strategy; what cannot be read is null with the reason. */
import { describe, expect, it } from 'vitest';
import type { DnsConfig } from '../../../src/core/config/schema.js';
import { dnsServing } from '../../../src/core/status/serving.js';

const regions = { primary: 'us-east-1', secondary: 'eu-west-1' };
const weighted = {
  strategy: 'weighted',
  hostedZoneId: 'Z1',
  recordName: 'auth.example.com',
  records: { 'us-east-1': { type: 'CNAME', value: 'a.example.net', setIdentifier: 'us-east-1' }, 'eu-west-1': { type: 'CNAME', value: 'b.example.net', setIdentifier: 'eu-west-1' } },
} as unknown as DnsConfig;
const domain = { strategy: 'cognito-domain', hostedZoneId: 'Z1', recordName: 'auth.example.com', healthCheckId: 'hc-1' } as unknown as DnsConfig;
const record = (id: string, weight: number) => ({ Name: 'auth.example.com.', Type: 'CNAME', SetIdentifier: id, Weight: weight, ResourceRecords: [{ Value: `${id}.example.net` }] });

describe('dnsServing', () => {
  it('weighted during a canary: the larger share serves, both shares shown', () => {
    const s = dnsServing(weighted, regions, { records: { ok: true, value: [record('us-east-1', 90), record('eu-west-1', 10)] } });
    expect(s).toEqual({
      strategy: 'weighted',
      serving: 'us-east-1',
      servingUnknown: null,
      shares: { 'us-east-1': 90, 'eu-west-1': 10 },
      weights: { 'us-east-1': 90, 'eu-west-1': 10 },
      healthCheck: null,
      evidence: 'us-east-1 weight 90, eu-west-1 weight 10',
    });
  });

  it('weighted with every weight 0: Route 53 answers both equally, so no single Region serves', () => {
    const s = dnsServing(weighted, regions, { records: { ok: true, value: [record('us-east-1', 0), record('eu-west-1', 0)] } });
    expect(s).toMatchObject({ serving: null, servingUnknown: 'traffic is split evenly (us-east-1 weight 0, eu-west-1 weight 0)', shares: { 'us-east-1': 50, 'eu-west-1': 50 } });
  });

  it('weighted records that cannot be listed: unknown with the error', () => {
    const s = dnsServing(weighted, regions, { records: { ok: false, error: 'Throttling: Rate exceeded' } });
    expect(s).toEqual({ strategy: 'weighted', serving: null, servingUnknown: 'Route 53 ListResourceRecordSets auth.example.com: Throttling: Rate exceeded', shares: null, weights: null, healthCheck: null, evidence: null });
  });

  it('cognito-domain whose health check status cannot be read: unknown, never "probably the primary"', () => {
    const reading = { id: 'hc-1', healthyCheckers: 0, checkers: 0, share: 0, inverted: true, error: 'Throttling: Rate exceeded' };
    const s = dnsServing(domain, regions, { healthCheck: { ok: true, value: reading } });
    expect(s).toEqual({
      strategy: 'cognito-domain',
      serving: null,
      servingUnknown: 'the status of health check hc-1 cannot be read: Throttling: Rate exceeded',
      shares: null,
      weights: null,
      healthCheck: { id: 'hc-1', healthy: null, inverted: true },
      evidence: null,
    });
  });

  it('no dns section: unknown, saying so', () => {
    expect(dnsServing(undefined, regions, {})).toMatchObject({ strategy: null, serving: null, servingUnknown: 'the config has no dns section' });
  });
});
