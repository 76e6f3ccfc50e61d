/** A small plan and status report for the UI tests: one step of each kind that must stand out. */
import { createPlan } from '../../src/core/plan/create-plan.js';
import type { Plan, Step } from '../../src/core/plan/types.js';
import type { StatusReport } from '../../src/core/status/status.js';

const step = (id: string, region: string, action: Step['action'], extra: Partial<Step> = {}): Step => ({
  id,
  region,
  service: 'cognito-idp',
  operation: 'UpdateUserPoolReplica',
  input: {},
  summary: `${action} ${id}`,
  action,
  destructive: false,
  ...extra,
});

export function uiPlan(extra: Partial<Parameters<typeof createPlan>[0]> = {}): Plan {
  return createPlan(
    {
      command: 'failover',
      userPoolId: 'us-east-1_Ab12Cd34',
      primaryRegion: 'us-east-1',
      secondaryRegion: 'eu-west-1',
      observed: { any: 1 },
      steps: [
        step('dns.weights', 'us-east-1', 'update', { service: 'route53', operation: 'ChangeResourceRecordSets', summary: 'send 100% of traffic to eu-west-1', trafficMoving: true }),
        step('replica.delete', 'eu-west-1', 'delete', { operation: 'DeleteUserPoolReplica', summary: 'delete the replica in eu-west-1', destructive: true }),
        step('replica.create', 'eu-west-1', 'create', { operation: 'CreateUserPoolReplica', summary: 'create the replica in eu-west-1' }),
        step('replica.wait', 'eu-west-1', 'wait', { operation: 'WaitForReplicaStatus', summary: 'wait until the replica is INACTIVE' }),
      ],
      guards: [
        { id: 'anti-flap', ok: true, evidence: 'eu-west-1 healthy for 180 s (window 120 s)' },
        { id: 'lock', ok: false, evidence: 'held by ana@laptop since 10:00', remedy: 'wait, or --break-lock after it expires' },
        { id: 'cooldown', ok: false, waived: true, evidence: 'last failover 5 min ago' },
      ],
      notes: ['the Route 53 change takes up to 60 s to propagate'],
      ...extra,
    },
    { now: new Date('2025-06-01T10:00:00.000Z') },
  );
}

export function uiStatus(extra: Partial<StatusReport> = {}): StatusReport {
  const issuer = 'https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34';
  const healthy = { verdict: 'healthy', problems: [] };
  return {
    userPoolId: 'us-east-1_Ab12Cd34',
    tier: 'ESSENTIALS',
    regions: [
      { region: 'us-east-1', role: 'PRIMARY', status: 'ACTIVE', reachable: true, error: null, issuerUrl: issuer, health: healthy, healthUnknown: null },
      { region: 'eu-west-1', role: 'SECONDARY', status: 'INACTIVE', reachable: true, error: null, issuerUrl: issuer, health: { verdict: 'inactive', problems: [] }, healthUnknown: null },
    ],
    key: { type: 'CUSTOMER_MANAGED_KEY', arn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1' },
    issuer: { type: 'UPDATED', url: issuer },
    poolReadFrom: 'us-east-1',
    poolUnknown: null,
    dns: {
      strategy: 'weighted',
      serving: 'us-east-1',
      servingUnknown: null,
      shares: { 'us-east-1': 100, 'eu-west-1': 0 },
      weights: { 'us-east-1': 100, 'eu-west-1': 0 },
      healthCheck: null,
      evidence: 'us-east-1 weight 100, eu-west-1 weight 0',
    },
    drift: { errors: 0, warnings: 1, infos: 2, allowed: 0, checkedAt: '2025-06-01T10:00:00.000Z', scope: 'quick' },
    driftUnknown: null,
    lastFailover: null,
    lastFailoverUnknown: null,
    lock: null,
    lockUnknown: null,
    ...extra,
  };
}
