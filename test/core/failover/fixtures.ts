/** A failover observation as the observer would produce it, for planner and guard tests. */
import type { DnsConfig, GuardsConfig } from '../../../src/core/config/schema.js';
import type { Topology } from '../../../src/core/config/topology.js';
import { dnsStateOf } from '../../../src/core/failover/dns-state.js';
import type { FailoverObservation } from '../../../src/core/failover/observe.js';
import type { FailoverOptions, PlanIdentity } from '../../../src/core/failover/plan.js';
import type { RecordSet } from '../../../src/core/ports/route53.js';

export const T: Topology = { userPoolId: 'us-east-1_Demo1', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };

export const WEIGHTED: DnsConfig = {
  strategy: 'weighted',
  hostedZoneId: 'Z0DEMO',
  recordName: 'auth.example.com',
  records: {
    'us-east-1': { type: 'CNAME', value: 'primary.example.net', healthCheckId: 'hc-p' },
    'eu-west-1': { type: 'CNAME', value: 'secondary.example.net', healthCheckId: 'hc-s' },
  },
};

export const GUARDS: GuardsConfig = { minUnhealthySeconds: 180, cooldownSeconds: 1800, requireDriftClean: true };

export function weightedRecords(primaryWeight: number, secondaryWeight: number): RecordSet[] {
  const record = (id: string, weight: number, value: string, hc: string): RecordSet => ({
    Name: 'auth.example.com.',
    Type: 'CNAME',
    SetIdentifier: id,
    Weight: weight,
    TTL: 60,
    ResourceRecords: [{ Value: value }],
    HealthCheckId: hc,
  });
  return [record('us-east-1', primaryWeight, 'primary.example.net', 'hc-p'), record('eu-west-1', secondaryWeight, 'secondary.example.net', 'hc-s')];
}

export const NOW = new Date('2026-06-10T03:10:00.000Z');
export const ID: PlanIdentity = { actor: 'ana@ops', lockId: 'lock-1', now: NOW };

export function options(patch: Partial<FailoverOptions> = {}): FailoverOptions {
  return { to: 'eu-west-1', planned: false, force: false, forceUnhealthyTarget: false, breakLock: false, reason: '', timeoutSeconds: 600, overrideSafetyRules: [], lockInMoveBatch: true, ...patch };
}

/** Everything healthy and green for a failover to eu-west-1 after a long primary outage. */
export function observation(patch: Partial<FailoverObservation> = {}): FailoverObservation {
  const records = weightedRecords(100, 0);
  return {
    target: 'eu-west-1',
    source: 'us-east-1',
    toSecondary: true,
    dns: dnsStateOf(WEIGHTED, { primary: T.primaryRegion, secondary: T.secondaryRegion }, records),
    records,
    history: [],
    replicaStatus: 'ACTIVE',
    targetPool: {
      Id: T.userPoolId,
      IssuerConfiguration: { Type: 'UPDATED' },
      MfaConfiguration: 'OPTIONAL',
      Domain: 'demo',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    },
    mfa: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
    identityProviders: 0,
    targetHealth: {
      region: 'eu-west-1',
      role: 'secondary',
      replicaStatus: 'ACTIVE',
      healthCheck: { id: 'hc-s', healthy: true, healthyCheckers: 8, checkers: 8, share: 1 },
      discovery: { url: 'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Demo1/.well-known/openid-configuration', ok: true, status: 200, latencyMs: 12 },
      jwks: { url: 'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Demo1/.well-known/jwks.json', ok: true, status: 200, latencyMs: 9, keyCount: 1, kids: ['k1'] },
      tokenSkipped: 'no probe client configured (probe.clientId and MRRCTL_PROBE_CLIENT_SECRET)',
      status: 'healthy',
      problems: [],
    },
    antiFlap: { region: 'us-east-1', healthCheckId: 'hc-p', want: 'unhealthy', windowSeconds: 180, source: 'cloudwatch', seconds: 420, ok: true, detail: 'us-east-1 has been unhealthy for 7 min per CloudWatch HealthCheckStatus' },
    lastMoves: [],
    drift: { required: true, checked: true, errors: [] },
    sourceReading: { id: 'hc-p', healthy: false, healthyCheckers: 0, checkers: 8, share: 0 },
    sourceReachable: false,
    preToken: { minted: false, detail: 'us-east-1 is down: no token could be minted there before the failover' },
    ...patch,
  };
}
