/**
 * The two checks that prove a traffic move worked, as plan steps: the DNS check (weighted: Route 53
 * answers with the target's record, TestDNSAnswer; cognito-domain: the primary's health check reports
 * the status that routes to the target) and the post-checks (the target's discovery names the pool's
 * issuer; a token minted by the source validates against the target's JWKS). A failover runs them
 * after the move; a resume (./resume.ts) runs them again when no passing run of them is on record.
 */
import type { DnsConfig } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import { discoveryUrl, issuerTypeOf, issuerUrl, jwksUrl, originalIssuerUrl } from '../issuer/urls.js';
import type { JsonObject, Step } from '../plan/types.js';
import type { FailoverObservation } from './observe.js';
import { FAILOVER_STEP, ROUTE53_STEP_REGION } from './steps.js';
import { answerValues } from './weights.js';

/**
 * The DNS check and the post-checks, which a failover runs after the move. They are independent (the
 * post-checks ask the target's OIDC endpoints directly, not through the record), so the DNS check's
 * input carries the post-checks' (`PostChecks`) and its handler starts them alongside; the post-checks
 * step then reports their outcome (src/app/traffic/waits.ts). Two steps still, each journaled with its
 * own outcome, so a resume and the history's checks=passed read them as before.
 */
export function checkSteps(t: Topology, dns: DnsConfig, o: Pick<FailoverObservation, 'target' | 'source' | 'toSecondary' | 'dns' | 'targetPool' | 'preToken'>, timeoutSeconds: number): [Step, Step] {
  const post = postChecksStep(t, o);
  const verify = verifyStep(dns, o, timeoutSeconds);
  return [{ ...verify, summary: `${verify.summary}; the post-checks run alongside`, input: { ...(verify.input as JsonObject), PostChecks: post.input } }, post];
}

export function verifyStep(dns: DnsConfig, o: Pick<FailoverObservation, 'target' | 'toSecondary' | 'dns'>, timeoutSeconds: number): Step {
  if (dns.strategy === 'weighted') {
    const targetRecord = o.dns.records?.[o.target];
    return {
      id: FAILOVER_STEP.verify,
      region: ROUTE53_STEP_REGION,
      service: 'route53',
      operation: 'VerifyDnsAnswer',
      input: { HostedZoneId: dns.hostedZoneId, RecordName: dns.recordName, RecordType: targetRecord?.Type ?? 'CNAME', Expect: targetRecord ? answerValues(targetRecord) : [], TimeoutSeconds: 60 },
      summary: `check that Route 53 answers ${dns.recordName} with ${o.target}'s record (TestDNSAnswer)`,
      action: 'verify',
      destructive: false,
    };
  }
  return {
    id: FAILOVER_STEP.verify,
    region: ROUTE53_STEP_REGION,
    service: 'route53',
    operation: 'VerifyHealthCheckStatus',
    input: { HealthCheckId: dns.healthCheckId ?? '', ExpectHealthy: !o.toSecondary, TimeoutSeconds: timeoutSeconds },
    summary: `wait until the health check reports ${o.toSecondary ? 'unhealthy (→ secondary)' : 'healthy (→ primary)'} (GetHealthCheckStatus)`,
    action: 'verify',
    destructive: false,
  };
}

export function postChecksStep(t: Topology, o: Pick<FailoverObservation, 'target' | 'source' | 'targetPool' | 'preToken'>): Step {
  const issuerType = o.targetPool ? issuerTypeOf(o.targetPool) : undefined;
  const issuer = issuerUrl(issuerType ?? 'ORIGINAL', { userPoolId: t.userPoolId, primaryRegion: t.primaryRegion }, o.target);
  return {
    id: FAILOVER_STEP.postChecks,
    region: o.target,
    service: 'oidc',
    operation: 'VerifyFailoverTokens',
    input: {
      Region: o.target,
      Issuer: issuer,
      DiscoveryUrl: discoveryUrl(issuer),
      JwksUrl: jwksUrl(originalIssuerUrl(o.target, t.userPoolId)),
      PreFailoverToken: o.preToken.minted,
    },
    summary: `post-checks: ${o.preToken.minted ? `a token minted by ${o.source} before the failover validates against ${o.target}'s JWKS; ` : ''}${o.target}'s discovery names the pool's issuer`,
    action: 'verify',
    destructive: false,
  };
}
