/**
 * The failover's post-checks, run after DNS moved: the target's discovery document names the pool's
 * issuer, and a token minted by the source BEFORE the failover still validates against the target's
 * JWKS — the proof that signed-in users kept their sessions. Outcomes are data (ok + lines): traffic
 * has already moved, so a failed check is reported, never thrown.
 */
import { checkLine, discoveryCheck, type IssuerCheck } from '../issuer/checks.js';
import type { DiscoveryProbe, TokenVerification } from '../issuer/probe-types.js';

export interface PostCheckInput {
  Region: string;
  Issuer: string;
  DiscoveryUrl: string;
  JwksUrl: string;
  PreFailoverToken: boolean;
}

export interface PostCheckPorts {
  fetchDiscovery(url: string): Promise<DiscoveryProbe>;
  /** Verifies the token the caller minted before the failover; undefined when it holds none. */
  verifyPreFailoverToken(expect: { issuer: string; jwksUrl: string }): Promise<TokenVerification | undefined>;
}

export interface PostCheckResult {
  ok: boolean;
  checks: IssuerCheck[];
  lines: string[];
}

export async function runPostChecks(ports: PostCheckPorts, input: PostCheckInput): Promise<PostCheckResult> {
  const [discovery, verification] = await Promise.all([
    ports.fetchDiscovery(input.DiscoveryUrl),
    input.PreFailoverToken ? ports.verifyPreFailoverToken({ issuer: input.Issuer, jwksUrl: input.JwksUrl }) : Promise.resolve(undefined),
  ]);
  const checks: IssuerCheck[] = [discoveryCheck('post.discovery-issuer', discovery, input.Issuer)];
  if (!input.PreFailoverToken) {
    checks.push({ id: 'post.pre-failover-token', status: 'skip', message: 'no token was minted before the failover, so session continuity was not checked' });
  } else if (!verification) {
    checks.push({ id: 'post.pre-failover-token', status: 'fail', message: 'the token minted before the failover is no longer held (was the plan applied by another process?)' });
  } else if (verification.ok) {
    checks.push({ id: 'post.pre-failover-token', status: 'pass', message: `a token minted before the failover validates against ${input.JwksUrl} with issuer ${input.Issuer}` });
  } else {
    checks.push({
      id: 'post.pre-failover-token',
      status: 'fail',
      message: `the token minted before the failover does NOT validate against ${input.JwksUrl}: ${verification.error?.name}: ${verification.error?.message}`,
    });
  }
  return { ok: checks.every((c) => c.status !== 'fail'), checks, lines: checks.map(checkLine) };
}
