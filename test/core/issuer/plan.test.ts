import { describe, expect, it } from 'vitest';
import { issuerObserved, planIssuerSwitch } from '../../../src/core/issuer/plan.js';
import { hostingRegions, type IssuerObservation } from '../../../src/core/issuer/read.js';
import { fingerprintOf } from '../../../src/core/plan/fingerprint.js';
import type { UserPool } from '../../../src/core/ports/cognito.js';

const topology = { userPoolId: 'us-east-1_Ab12Cd34', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };

const pool: UserPool = {
  Id: topology.userPoolId,
  Name: 'demo',
  LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:111122223333:function:pre' },
  MfaConfiguration: 'OPTIONAL',
  EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:111122223333:identity/example.com' },
  IssuerConfiguration: { Type: 'ORIGINAL' },
  LastModifiedDate: '2026-01-01T00:00:00.000Z',
};

function observation(p: UserPool, regions = ['us-east-1']): IssuerObservation {
  return { pool: p, type: p.IssuerConfiguration?.Type === 'UPDATED' ? 'UPDATED' : 'ORIGINAL', replicas: [], hostingRegions: regions, clients: [] };
}

describe('planIssuerSwitch', () => {
  it('is one full read-modify-write UpdateUserPool in the primary', () => {
    const draft = planIssuerSwitch(observation(pool), topology, 'UPDATED');
    expect(draft.command).toBe('issuer switch');
    expect(draft.steps).toHaveLength(1);
    const [step] = draft.steps;
    expect(step).toMatchObject({ region: 'us-east-1', service: 'cognito-idp', operation: 'UpdateUserPool', action: 'update', destructive: false });
    expect(step.input).toEqual({
      UserPoolId: topology.userPoolId,
      PoolName: 'demo',
      LambdaConfig: pool.LambdaConfig,
      MfaConfiguration: 'OPTIONAL',
      EmailConfiguration: pool.EmailConfiguration,
      IssuerConfiguration: { Type: 'UPDATED' },
    });
  });

  it('has no steps when the pool already uses the target', () => {
    expect(planIssuerSwitch(observation(pool), topology, 'ORIGINAL').steps).toEqual([]);
    const updated = { ...pool, IssuerConfiguration: { Type: 'UPDATED' as const } };
    expect(planIssuerSwitch(observation(updated), topology, 'UPDATED').steps).toEqual([]);
  });

  it('reverses with ORIGINAL, noting a serving secondary', () => {
    const updated = { ...pool, IssuerConfiguration: { Type: 'UPDATED' as const } };
    const draft = planIssuerSwitch(observation(updated, ['us-east-1', 'eu-west-1']), topology, 'ORIGINAL');
    expect((draft.steps[0].input as { IssuerConfiguration: unknown }).IssuerConfiguration).toEqual({ Type: 'ORIGINAL' });
    expect(draft.notes?.join(' ')).toContain('eu-west-1');
  });

  it('fingerprints the carried-over settings, not volatile fields', () => {
    const base = fingerprintOf(issuerObserved(observation(pool)));
    expect(fingerprintOf(issuerObserved(observation({ ...pool, LastModifiedDate: '2027-01-01T00:00:00.000Z' })))).toBe(base);
    expect(fingerprintOf(issuerObserved(observation({ ...pool, MfaConfiguration: 'ON' })))).not.toBe(base);
  });
});

describe('hostingRegions', () => {
  it('counts a secondary once it is INACTIVE or ACTIVE', () => {
    const replica = (Status: string) => [
      { RegionName: 'us-east-1', Role: 'PRIMARY', Status: 'ACTIVE' },
      { RegionName: 'eu-west-1', Role: 'SECONDARY', Status },
    ];
    expect(hostingRegions('us-east-1', [])).toEqual(['us-east-1']);
    expect(hostingRegions('us-east-1', replica('CREATING'))).toEqual(['us-east-1']);
    expect(hostingRegions('us-east-1', replica('INACTIVE'))).toEqual(['us-east-1', 'eu-west-1']);
    expect(hostingRegions('us-east-1', replica('ACTIVE'))).toEqual(['us-east-1', 'eu-west-1']);
  });
});
