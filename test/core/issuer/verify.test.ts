/**
 * The post-apply checks' decisions. The probes are an in-memory OidcProbes (the port the core is
 * given): the sandbox always serves a consistent issuer, so the failure paths — a discovery document
 * naming another issuer, a token with the old iss — can only be produced this way. The happy path
 * against real HTTP is in test/e2e/issuer.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ClientCredentialsCheck, DiscoveryProbe, JwksProbe, OidcProbes } from '../../../src/core/issuer/probe-types.js';
import { probeOutcome } from '../../../src/core/issuer/checks.js';
import { verifyIssuerSwitch, type IssuerVerifyInput } from '../../../src/core/issuer/verify.js';

const topology = { userPoolId: 'us-east-1_Ab12Cd34', primaryRegion: 'us-east-1', secondaryRegion: 'eu-west-1' };
const NEW = 'https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34';

interface World {
  discoveryIssuer?: string;
  jwksKeys?: number;
  tokenIss?: string;
  verified?: boolean;
}

function probes(w: World, seen: string[] = []): OidcProbes {
  return {
    async fetchDiscovery(url): Promise<DiscoveryProbe> {
      seen.push(url);
      return w.discoveryIssuer === undefined
        ? { url, ok: false, latencyMs: 5000, error: { name: 'TimeoutError', message: 'no answer in time' } }
        : { url, ok: true, status: 200, latencyMs: 3, issuer: w.discoveryIssuer };
    },
    async fetchJwks(url): Promise<JwksProbe> {
      seen.push(url);
      return { url, ok: true, status: 200, latencyMs: 2, keyCount: w.jwksKeys ?? 1, kids: [] };
    },
    async checkClientCredentials(tokenUrl, creds, expect): Promise<ClientCredentialsCheck> {
      seen.push(`${tokenUrl} ${creds.clientId} ${expect.issuer}`);
      const token = { url: tokenUrl, ok: true, status: 200, latencyMs: 4, claims: { iss: w.tokenIss, client_id: creds.clientId } };
      return { token, verification: { ok: w.verified ?? true } };
    },
  };
}

function input(w: World, overrides: Partial<IssuerVerifyInput> = {}, seen?: string[]): IssuerVerifyInput {
  return {
    topology,
    expected: 'UPDATED',
    pool: { Id: topology.userPoolId, IssuerConfiguration: { Type: 'UPDATED' }, CustomDomain: 'auth.example.com' },
    hostingRegions: ['us-east-1', 'eu-west-1'],
    probes: probes(w, seen),
    probeClient: { clientId: 'probe1', clientSecret: 's3cret' },
    ...overrides,
  };
}

describe('verifyIssuerSwitch', () => {
  it('passes when type, discovery, JWKS and token agree; probes the one UPDATED issuer once', async () => {
    const seen: string[] = [];
    const result = await verifyIssuerSwitch(input({ discoveryIssuer: NEW, tokenIss: NEW }, {}, seen));
    expect(result.ok).toBe(true);
    expect(result.data.checks.map((c) => [c.id, c.status])).toEqual([
      ['issuer.type', 'pass'],
      ['issuer.discovery', 'pass'],
      ['issuer.jwks', 'pass'],
      ['issuer.token', 'pass'],
    ]);
    expect(seen).toEqual([`${NEW}/.well-known/openid-configuration`, `${NEW}/.well-known/jwks.json`, `https://auth.example.com/oauth2/token probe1 ${NEW}`]);
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });

  it('fails on a wrong type, a discovery naming another issuer, an empty JWKS, or a token with the old iss', async () => {
    const old = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34';
    const result = await verifyIssuerSwitch(
      input({ discoveryIssuer: old, jwksKeys: 0, tokenIss: old }, { pool: { Id: topology.userPoolId, IssuerConfiguration: { Type: 'ORIGINAL' }, Domain: 'demo' } }),
    );
    expect(result.ok).toBe(false);
    expect(result.data.checks.every((c) => c.status === 'fail')).toBe(true);
    expect(result.lines[0]).toBe('Verification (FAILED):');
    expect(result.lines.join('\n')).toContain(`names issuer ${old}, expected ${NEW}`);
    expect(result.lines.join('\n')).toContain('https://demo.auth.us-east-1.amazoncognito.com/oauth2/token carries iss');
  });

  it('fails when the token does not verify, and when discovery times out', async () => {
    const result = await verifyIssuerSwitch(input({ tokenIss: NEW, verified: false }));
    const byId = Object.fromEntries(result.data.checks.map((c) => [c.id, c]));
    expect(byId['issuer.discovery'].message).toContain('does not answer: TimeoutError: no answer in time (5000 ms)');
    expect(byId['issuer.token']).toMatchObject({ status: 'fail' });
    expect(byId['issuer.token'].message).toContain('does not verify');
  });

  it('skips the token check without a client, a secret or a domain — skipping is not failing', async () => {
    const w = { discoveryIssuer: NEW, tokenIss: NEW };
    const cases: Array<[Partial<IssuerVerifyInput>, string]> = [
      [{ probeClient: {} }, 'probe.clientId is not configured'],
      [{ probeClient: { clientId: 'probe1' } }, 'MRRCTL_PROBE_CLIENT_SECRET is not set'],
      [{ pool: { Id: topology.userPoolId, IssuerConfiguration: { Type: 'UPDATED' } } }, 'the pool has no domain'],
    ];
    for (const [overrides, reason] of cases) {
      const result = await verifyIssuerSwitch(input(w, overrides));
      expect(result.ok).toBe(true);
      expect(result.lines.at(-1)).toContain(`- token check skipped: ${reason}`);
    }
  });

  it('with ORIGINAL, probes each hosting Region\'s own issuer', async () => {
    const seen: string[] = [];
    const original = (r: string) => `https://cognito-idp.${r}.amazonaws.com/us-east-1_Ab12Cd34`;
    await verifyIssuerSwitch(
      input({ discoveryIssuer: original('us-east-1') }, { expected: 'ORIGINAL', probeClient: {}, pool: { Id: topology.userPoolId } }, seen),
    );
    expect(seen.filter((u) => u.endsWith('openid-configuration'))).toEqual([
      `${original('us-east-1')}/.well-known/openid-configuration`,
      `${original('eu-west-1')}/.well-known/openid-configuration`,
    ]);
  });
});

describe('probeOutcome', () => {
  it('does not repeat the status', () => {
    expect(probeOutcome({ url: 'u', ok: true, status: 200, latencyMs: 12.4 })).toBe('200, 12 ms');
    expect(probeOutcome({ url: 'u', ok: false, status: 503, latencyMs: 4, error: { name: 'temporarily_unavailable', message: 'HTTP 503' } })).toBe(
      'temporarily_unavailable (HTTP 503, 4 ms)',
    );
  });
});
