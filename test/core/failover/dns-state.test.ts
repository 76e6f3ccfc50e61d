/** Where DNS sends users, per strategy, and the Inverted value that routes a custom domain to a target. */
import { describe, expect, it } from 'vitest';
import { dnsStateOf, fullWeight, healthCheckFor, healthCheckTypeGuard, invertedFor, servesOnly } from '../../../src/core/failover/dns-state.js';
import type { DnsConfig } from '../../../src/core/config/schema.js';
import { WEIGHTED, weightedRecords } from './fixtures.js';

const regions = { primary: 'us-east-1', secondary: 'eu-west-1' };
const DOMAIN: DnsConfig = { strategy: 'cognito-domain', hostedZoneId: 'Z0', recordName: 'auth.example.com', healthCheckId: 'hc-p' };
const reading = (healthy: boolean, inverted: boolean) => ({ id: 'hc-p', healthy, healthyCheckers: healthy ? 8 : 0, checkers: 8, share: healthy ? 1 : 0, inverted });
const check = (inverted: boolean) => ({ Id: 'hc-p', HealthCheckVersion: 1, HealthCheckConfig: { Inverted: inverted } });

describe('DNS state', () => {
  it('weighted: serving follows the weights; the records are kept as listed', () => {
    const state = dnsStateOf(WEIGHTED, regions, weightedRecords(0, 100));
    expect(state.serving).toEqual(['eu-west-1']);
    expect(servesOnly(state, 'eu-west-1')).toBe(true);
    expect(state.records?.['us-east-1']).toEqual(weightedRecords(0, 100)[0]);
    expect(servesOnly(dnsStateOf(WEIGHTED, regions, weightedRecords(90, 10)), 'eu-west-1')).toBe(false);
  });

  it('cognito-domain: the custom domain goes to the primary exactly when the check reports healthy', () => {
    expect(dnsStateOf(DOMAIN, regions, [], check(false), reading(true, false)).serving).toEqual(['us-east-1']);
    expect(dnsStateOf(DOMAIN, regions, [], check(true), reading(false, true)).serving).toEqual(['eu-west-1']);
    expect(dnsStateOf(DOMAIN, regions, [], check(false), reading(false, false)).serving).toEqual(['eu-west-1']);
    // No readable status: Inverted decides.
    expect(dnsStateOf(DOMAIN, regions, [], check(true)).serving).toEqual(['eu-west-1']);
  });

  it('invertedFor: reported = endpoint XOR inverted, and the domain follows the reported status', () => {
    expect(invertedFor('eu-west-1', regions, true)).toBe(true);
    expect(invertedFor('eu-west-1', regions, false)).toBe(false);
    expect(invertedFor('us-east-1', regions, true)).toBe(false);
    expect(invertedFor('us-east-1', regions, false)).toBe(true);
  });

  it('finds the health check of a Region and the weight to give the target', () => {
    expect(healthCheckFor(WEIGHTED, 'eu-west-1', regions)).toBe('hc-s');
    expect(healthCheckFor(DOMAIN, 'us-east-1', regions)).toBe('hc-p');
    expect(healthCheckFor(DOMAIN, 'eu-west-1', regions)).toBeUndefined();
    const bare: DnsConfig = { ...WEIGHTED, records: { 'us-east-1': { type: 'CNAME', value: 'primary.example.net' }, 'eu-west-1': { type: 'CNAME', value: 'secondary.example.net' } } };
    expect(healthCheckFor(bare, 'us-east-1', regions, weightedRecords(100, 0))).toBe('hc-p');
    expect(fullWeight({ a: 0, b: 0 })).toBe(100);
    expect(fullWeight({ a: 255, b: 3 })).toBe(255);
  });

  it('refuses to plan an inversion of a RECOVERY_CONTROL check and names the routing control instead', () => {
    const arc = { Id: 'hc-arc', HealthCheckVersion: 1, HealthCheckConfig: { Type: 'RECOVERY_CONTROL' } };
    const guard = healthCheckTypeGuard(dnsStateOf(DOMAIN, regions, [], arc));
    expect(guard).toMatchObject({ id: 'health-check-type', ok: false });
    expect(guard?.evidence).toBe(
      'health check hc-arc is a RECOVERY_CONTROL check: Route 53 refuses to update it (its status follows an ARC routing control), so inverting it cannot move the custom domain',
    );
    expect(guard?.remedy).toContain('UpdateRoutingControlState');
    const https = { Id: 'hc-p', HealthCheckVersion: 1, HealthCheckConfig: { Type: 'HTTPS' } };
    expect(healthCheckTypeGuard(dnsStateOf(DOMAIN, regions, [], https))).toBeUndefined();
    expect(healthCheckTypeGuard(dnsStateOf(WEIGHTED, regions, weightedRecords(100, 0)))).toBeUndefined();
  });
});
