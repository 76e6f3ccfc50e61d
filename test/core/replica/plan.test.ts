/** The replica planners' guards that protect traffic: DNS routing and the custom domain's failover. */
import { describe, expect, it } from 'vitest';
import { planDeactivate, planDelete } from '../../../src/core/replica/plan.js';
import type { ReplicaObservation } from '../../../src/core/replica/observe.js';

const t = { userPoolId: 'us-east-1_Abc123', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };

function observed(status: string, domainFailoverRegion?: string): ReplicaObservation {
  return {
    pool: { Id: t.userPoolId, CustomDomain: 'auth.example.com' },
    replicas: [
      { RegionName: 'us-east-1', Role: 'PRIMARY', Status: 'ACTIVE' },
      { RegionName: 'eu-west-1', Role: 'SECONDARY', Status: status },
    ],
    domainFailoverRegion,
  };
}

const guard = (parts: ReturnType<typeof planDelete>, id: string) => parts.guards.find((g) => g.id === id);

describe('custom-domain failover routing guard', () => {
  it('refuses deactivation while the custom domain fails over to the replica', () => {
    const parts = planDeactivate(t, observed('ACTIVE', 'eu-west-1'));
    expect(guard(parts, 'domain-not-failing-over-to-replica')).toMatchObject({ ok: false, remedy: expect.stringContaining('auth.example.com') });
  });

  it('refuses deletion while the custom domain fails over to the replica', () => {
    expect(guard(planDelete(t, observed('INACTIVE', 'eu-west-1')), 'domain-not-failing-over-to-replica')?.ok).toBe(false);
  });

  it('passes when the domain has no failover routing to this Region', () => {
    expect(guard(planDeactivate(t, observed('ACTIVE')), 'domain-not-failing-over-to-replica')?.ok).toBe(true);
    expect(guard(planDelete(t, observed('INACTIVE', 'ap-south-1')), 'domain-not-failing-over-to-replica')?.ok).toBe(true);
  });
});
