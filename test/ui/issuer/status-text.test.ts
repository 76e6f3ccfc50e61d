/** `issuer status` as text: what the issuer type means, then each Region's issuer and checks. */
import { describe, expect, it } from 'vitest';
import type { IssuerStatus } from '../../../src/core/issuer/status.js';
import { renderIssuerStatus } from '../../../src/ui/issuer/status-text.js';

const issuer = (region: string) => `https://cognito-idp.${region}.amazonaws.com/us-east-1_Ab12Cd34`;
const region = (name: string, role: 'primary' | 'secondary', replicaStatus: string, hosted: boolean, checks: IssuerStatus['regions'][number]['checks']) => ({
  region: name,
  role,
  replicaStatus,
  hosted,
  issuer: issuer(name),
  discoveryUrl: `${issuer(name)}/.well-known/openid-configuration`,
  jwksUrl: `${issuer(name)}/.well-known/jwks.json`,
  checks,
});

describe('renderIssuerStatus', () => {
  it('names each Region with its role, the issuer its tokens carry, and the checks that ran where the pool is served', () => {
    const status: IssuerStatus = {
      answeredBy: 'us-east-1',
      stale: false,
      unreadable: [],
      userPoolId: 'us-east-1_Ab12Cd34',
      type: 'ORIGINAL',
      ok: false,
      regions: [
        region('us-east-1', 'primary', 'ACTIVE', true, [
          { id: 'us-east-1.discovery', status: 'pass', message: 'discovery answers' },
          { id: 'us-east-1.jwks', status: 'fail', message: 'JWKS does not answer' },
        ]),
        region('eu-west-1', 'secondary', 'none', false, []),
      ],
    };
    expect(renderIssuerStatus(status)).toEqual([
      'Issuer of us-east-1_Ab12Cd34: ORIGINAL',
      '  Each Region has its own issuer and JWKS: tokens are bound to the Region that minted them.',
      'us-east-1 (primary, ACTIVE)',
      '  issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
      '  ✓ discovery answers',
      '  ✗ JWKS does not answer',
      'eu-west-1 (secondary, no replica)',
      '  issuer: https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Ab12Cd34',
      '  - not probed: the pool is not served in this Region (no INACTIVE or ACTIVE replica)',
      'JWKS unreachable in a Region that hosts the pool: token validation fails there.',
    ]);
  });

  it('says one issuer serves every Region with UPDATED', () => {
    const status: IssuerStatus = { userPoolId: 'us-east-1_Ab12Cd34', type: 'UPDATED', ok: true, answeredBy: 'us-east-1', stale: false, unreadable: [], regions: [region('eu-west-1', 'secondary', 'INACTIVE', true, [])] };
    expect(renderIssuerStatus(status)).toEqual([
      'Issuer of us-east-1_Ab12Cd34: UPDATED',
      '  One issuer for every Region that hosts the pool; tokens validate in both Regions.',
      'eu-west-1 (secondary, replica INACTIVE)',
      '  issuer: https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Ab12Cd34',
    ]);
  });
});
