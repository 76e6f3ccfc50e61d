/**
 * preflight's custom-domain check with the arc-routing-control strategy: the domain's own failover must
 * follow the primary's routing control (a RECOVERY_CONTROL health check of that control); pure check
 * over a written-out observation (the reads are covered end to end in test/e2e/arc-preflight.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { preflightChecks } from '../../../src/core/preflight/checks.js';
import type { PreflightObservation } from '../../../src/core/preflight/observe.js';

const t = { userPoolId: 'us-east-1_Abc123456', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };
const PRIMARY_CONTROL = 'arn:aws:route53-recovery-control::123456789012:controlpanel/p1/routingcontrol/east';

function observation(healthCheckConfig: Record<string, unknown> | null): PreflightObservation {
  return {
    pool: { Id: t.userPoolId, CustomDomain: 'auth.example.com' } as never,
    replicas: [],
    identityProviders: [],
    unread: {},
    ...(healthCheckConfig
      ? {
          customDomain: { Routing: { Failover: { SecondaryRegion: 'eu-west-1', PrimaryRoute53HealthCheckId: 'hc-1' } } },
          domainHealthCheck: { Id: 'hc-1', HealthCheckConfig: healthCheckConfig } as never,
        }
      : { customDomain: {} }),
  };
}

const domainCheck = (o: PreflightObservation, arc?: string) => preflightChecks(t, o, arc).find((c) => c.id === 'domain.failover-routing');

describe('domain.failover-routing with arc-routing-control', () => {
  it("passes when the domain fails over on the primary's RECOVERY_CONTROL check", () => {
    const c = domainCheck(observation({ Type: 'RECOVERY_CONTROL', RoutingControlArn: PRIMARY_CONTROL }), PRIMARY_CONTROL);
    expect(c?.status).toBe('pass');
    expect(c?.evidence).toBe("auth.example.com fails over on health check hc-1, which follows the primary's routing control: it moves with the routing controls");
  });

  it('fails when the domain fails over on an HTTPS check: it would move by itself', () => {
    const c = domainCheck(observation({ Type: 'HTTPS', FullyQualifiedDomainName: 'auth.example.com' }), PRIMARY_CONTROL);
    expect(c?.status).toBe('fail');
    expect(c?.evidence).toBe('auth.example.com fails over on health check hc-1, a HTTPS check: it moves by itself, not with the routing controls (dns.arc.routingControls)');
  });

  it("fails when the check follows another routing control", () => {
    const c = domainCheck(observation({ Type: 'RECOVERY_CONTROL', RoutingControlArn: 'arn:other' }), PRIMARY_CONTROL);
    expect(c?.status).toBe('fail');
    expect(c?.evidence).toContain('a RECOVERY_CONTROL check of another routing control (arn:other)');
  });

  it('without failover routing: a warning whose remedy names the RECOVERY_CONTROL check', () => {
    const c = domainCheck(observation(null), PRIMARY_CONTROL);
    expect(c?.status).toBe('warn');
    expect(c?.remedy).toContain("RECOVERY_CONTROL health check of the primary's routing control");
  });

  it('other strategies keep the HTTPS check as a pass', () => {
    const c = domainCheck(observation({ Type: 'HTTPS', FullyQualifiedDomainName: 'auth.example.com' }));
    expect(c?.status).toBe('pass');
  });
});
