import { describe, expect, it } from 'vitest';
import {
  discoveryUrl,
  issuerTypeOf,
  issuerUrl,
  jwksUrl,
  originalIssuerUrl,
  poolDomainHost,
  tokenEndpointUrl,
  updatedIssuerUrl,
} from '../../../src/core/issuer/urls.js';

const pool = { userPoolId: 'us-east-1_Ab12Cd34', primaryRegion: 'us-east-1' };

describe('issuer URLs', () => {
  it('ORIGINAL is per Region, UPDATED names the primary in every Region', () => {
    expect(originalIssuerUrl('eu-west-1', pool.userPoolId)).toBe('https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Ab12Cd34');
    expect(updatedIssuerUrl('us-east-1', pool.userPoolId)).toBe('https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34');
    expect(issuerUrl('ORIGINAL', pool, 'us-east-1')).not.toBe(issuerUrl('ORIGINAL', pool, 'eu-west-1'));
    expect(issuerUrl('UPDATED', pool, 'eu-west-1')).toBe(issuerUrl('UPDATED', pool, 'us-east-1'));
    expect(issuerUrl('UPDATED', pool, 'eu-west-1')).toContain('issuer-cognito-idp.us-east-1.');
  });

  it('discovery and JWKS hang off the issuer', () => {
    const issuer = updatedIssuerUrl('us-east-1', pool.userPoolId);
    expect(discoveryUrl(issuer)).toBe(`${issuer}/.well-known/openid-configuration`);
    expect(jwksUrl(issuer)).toBe(`${issuer}/.well-known/jwks.json`);
  });

  it('a pool without IssuerConfiguration uses ORIGINAL', () => {
    expect(issuerTypeOf({})).toBe('ORIGINAL');
    expect(issuerTypeOf({ IssuerConfiguration: { Type: 'UPDATED' } })).toBe('UPDATED');
    expect(issuerTypeOf(undefined)).toBe('ORIGINAL');
  });

  it('the token endpoint is on the custom domain first, else the prefix domain of the Region', () => {
    expect(poolDomainHost({ CustomDomain: 'auth.example.com', Domain: 'demo' }, 'us-east-1')).toBe('auth.example.com');
    expect(poolDomainHost({ Domain: 'demo' }, 'eu-west-1')).toBe('demo.auth.eu-west-1.amazoncognito.com');
    expect(poolDomainHost({}, 'eu-west-1')).toBeUndefined();
    expect(tokenEndpointUrl('auth.example.com')).toBe('https://auth.example.com/oauth2/token');
  });
});
