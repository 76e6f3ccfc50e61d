/** The post-checks report their outcome as data; a failed check never throws. */
import { describe, expect, it } from 'vitest';
import { runPostChecks, type PostCheckInput } from '../../../src/core/failover/post-checks.js';

const ISSUER = 'https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Demo1';
const input = (patch: Partial<PostCheckInput> = {}): PostCheckInput => ({
  Region: 'eu-west-1',
  Issuer: ISSUER,
  DiscoveryUrl: `${ISSUER}/.well-known/openid-configuration`,
  JwksUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Demo1/.well-known/jwks.json',
  PreFailoverToken: true,
  ...patch,
});
const discovery = (issuer: string) => async (url: string) => ({ url, ok: true, status: 200, latencyMs: 3, issuer });

describe('runPostChecks', () => {
  it('passes when discovery names the issuer and the earlier token verifies', async () => {
    const seen: unknown[] = [];
    const r = await runPostChecks({ fetchDiscovery: discovery(ISSUER), verifyPreFailoverToken: async (e) => (seen.push(e), { ok: true }) }, input());
    expect(r.ok).toBe(true);
    expect(seen).toEqual([{ issuer: ISSUER, jwksUrl: input().JwksUrl }]);
    expect(r.lines.every((l) => l.startsWith('✓'))).toBe(true);
  });

  it('fails on a wrong issuer or a token that no longer verifies', async () => {
    const wrong = await runPostChecks({ fetchDiscovery: discovery('https://cognito-idp.eu-west-1.amazonaws.com/x'), verifyPreFailoverToken: async () => ({ ok: true }) }, input());
    expect(wrong.ok).toBe(false);
    const bad = await runPostChecks(
      { fetchDiscovery: discovery(ISSUER), verifyPreFailoverToken: async () => ({ ok: false, error: { name: 'ERR_JWKS_NO_MATCHING_KEY', message: 'no key' } }) },
      input(),
    );
    expect(bad.ok).toBe(false);
    expect(bad.lines.join('\n')).toContain('does NOT validate');
  });

  it('skips the token check when no token was minted, and flags a lost token', async () => {
    const skipped = await runPostChecks({ fetchDiscovery: discovery(ISSUER), verifyPreFailoverToken: async () => undefined }, input({ PreFailoverToken: false }));
    expect(skipped.ok).toBe(true);
    expect(skipped.checks[1].status).toBe('skip');
    const lost = await runPostChecks({ fetchDiscovery: discovery(ISSUER), verifyPreFailoverToken: async () => undefined }, input());
    expect(lost.ok).toBe(false);
  });
});
