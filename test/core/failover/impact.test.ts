/**
 * Impact claims need evidence: what the target could not tell is unknown (text) and null (facts),
 * never a reassuring claim inferred from missing data.
 */
import { describe, expect, it } from 'vitest';
import { failoverImpact, impactFacts } from '../../../src/core/failover/impact.js';

const BASE = { target: 'eu-west-1', source: 'us-east-1', toSecondary: true };

describe('failover impact with the target unreadable', () => {
  const input = { ...BASE };

  it('says unknown, never "nobody is locked out" nor ORIGINAL', () => {
    expect(failoverImpact(input)).toEqual([
      "the pool's configuration could not be read in eu-west-1: what depends on it is shown as unknown",
      'no sign-up and no administrator-created users on eu-west-1 (hide the sign-up link)',
      'no password reset and no profile edits on eu-west-1: hide "forgot password" and profile editing',
      'TOTP MFA: unknown (the MFA configuration could not be read in eu-west-1): if the pool uses TOTP MFA, those users are locked out on eu-west-1',
      'lockout counters reset: failed-sign-in counts are per Region, so users locked out on us-east-1 can try again on eu-west-1',
      'federated users: unknown (the identity providers could not be read in eu-west-1): if there are any, only those who signed in through the primary before can sign in',
      'issuer: unknown (could not be read in eu-west-1): with the ORIGINAL issuer users must sign in again, with UPDATED they keep their sessions',
    ]);
  });

  it('its facts are null where nothing was read', () => {
    expect(impactFacts(input)).toEqual({ poolRead: false, adminCreateOnly: null, mfaConfiguration: null, totpMfa: null, identityProviders: null, issuerType: null });
  });
});

describe('failover impact with evidence', () => {
  it('MFA OFF on the pool proves no TOTP lock-out even without the MFA config', () => {
    const lines = failoverImpact({ ...BASE, pool: { Id: 'p', MfaConfiguration: 'OFF' }, identityProviders: 0, issuerType: 'ORIGINAL' });
    expect(lines).toContain("no TOTP MFA is configured (MFA OFF): nobody is locked out by the secondary's TOTP limitation");
    expect(lines).toContain("tokens minted by us-east-1 carry its ORIGINAL issuer and will not validate as eu-west-1's: users must sign in again");
    expect(lines.join('\n')).not.toContain('federated');
  });

  it('MFA OPTIONAL on the pool but the MFA config unread: TOTP is unknown', () => {
    const lines = failoverImpact({ ...BASE, pool: { Id: 'p', MfaConfiguration: 'OPTIONAL' }, identityProviders: 1, issuerType: 'UPDATED' });
    expect(lines).toContain('TOTP MFA: unknown (the MFA configuration could not be read in eu-west-1): if the pool uses TOTP MFA, those users are locked out on eu-west-1');
    expect(impactFacts({ ...BASE, pool: { Id: 'p', MfaConfiguration: 'OPTIONAL' } })).toMatchObject({ poolRead: true, mfaConfiguration: 'OPTIONAL', totpMfa: null, adminCreateOnly: false });
  });
});
