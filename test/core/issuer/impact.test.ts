import { describe, expect, it } from 'vitest';
import { buildIssuerImpact, clientImpact, hostOfRedirect, impactSummary } from '../../../src/core/issuer/impact.js';
import { direct, m2m, mobile, pool, web } from './fixtures.js';


describe('redirect hosts', () => {
  it('keeps host (and port) of web URLs and flags custom schemes as mobile', () => {
    expect(hostOfRedirect('https://app.example.com/cb?x=1')).toEqual({ host: 'app.example.com' });
    expect(hostOfRedirect('http://localhost:3000/cb')).toEqual({ host: 'localhost:3000' });
    expect(hostOfRedirect('myapp://callback')).toEqual({ host: 'myapp://', mobileScheme: 'myapp://' });
    expect(hostOfRedirect('com.example.app:/oauth')).toEqual({ host: 'com.example.app://', mobileScheme: 'com.example.app://' });
    expect(hostOfRedirect('not a url')).toEqual({ host: 'not a url' });
  });

  it('classifies clients', () => {
    expect(clientImpact(web)).toMatchObject({ kind: 'web', callbackHosts: ['app.example.com', 'localhost:3000'], logoutHosts: ['app.example.com'], mobileSchemes: [] });
    expect(clientImpact(mobile)).toMatchObject({ kind: 'mobile', mobileSchemes: ['myapp://', 'com.example.app://'] });
    expect(clientImpact(m2m)).toMatchObject({ kind: 'machine', hasSecret: true, callbackHosts: [] });
    expect(clientImpact(direct)).toMatchObject({ kind: 'direct', oauthFlows: [] });
  });
});

describe('buildIssuerImpact', () => {
  const impact = buildIssuerImpact({ pool, regions: ['us-east-1', 'eu-west-1'], from: 'ORIGINAL', to: 'UPDATED', clients: [web, mobile, m2m, direct] });

  it('lists old per-Region URLs and the one new issuer', () => {
    expect(impact.changes).toBe(true);
    expect(impact.before.map((e) => e.issuer)).toEqual([
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
      'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Ab12Cd34',
    ]);
    expect(new Set(impact.after.map((e) => e.jwks))).toEqual(
      new Set(['https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34/.well-known/jwks.json']),
    );
    expect(impact.summary).toEqual({ clients: 4, mobile: 1, machine: 1 });
    expect(impactSummary(impact)).toBe('4 app clients (1 mobile)');
  });

  it('says nothing changes when the pool already uses the target', () => {
    const same = buildIssuerImpact({ pool, regions: ['us-east-1'], from: 'UPDATED', to: 'UPDATED', clients: [web] });
    expect(same.changes).toBe(false);
    expect(impactSummary(same)).toBe('1 app client (0 mobile)');
  });
});
