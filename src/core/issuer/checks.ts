/** A check result line shared by `issuer switch` (post-apply) and `issuer status`. */
import type { DiscoveryProbe, HttpProbe, JwksProbe } from './probe-types.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface IssuerCheck {
  id: string;
  status: CheckStatus;
  message: string;
}

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', skip: '-' };

export function checkLine(check: IssuerCheck): string {
  return `${MARK[check.status]} ${check.message}`;
}

/** "200, 12 ms", "temporarily_unavailable (HTTP 503, 4 ms)" or "TimeoutError: no answer in time (5003 ms)". */
export function probeOutcome(probe: HttpProbe): string {
  const latency = `${Math.round(probe.latencyMs)} ms`;
  if (!probe.error) return `${probe.status ?? '?'}, ${latency}`;
  const status = probe.status !== undefined ? `HTTP ${probe.status}` : undefined;
  const message = probe.error.message && probe.error.message !== status ? `: ${probe.error.message}` : '';
  return `${probe.error.name}${message} (${status ? `${status}, ` : ''}${latency})`;
}

/** The discovery document answers and names the expected issuer. */
export function discoveryCheck(id: string, probe: DiscoveryProbe, expectedIssuer: string): IssuerCheck {
  if (!probe.ok) return { id, status: 'fail', message: `discovery ${probe.url} does not answer: ${probeOutcome(probe)}` };
  if (probe.issuer !== expectedIssuer) {
    return {
      id,
      status: 'fail',
      message: `discovery ${probe.url} names issuer ${probe.issuer ?? '(none)'}, expected ${expectedIssuer} (${probeOutcome(probe)})`,
    };
  }
  return { id, status: 'pass', message: `discovery ${probe.url} answers with issuer ${expectedIssuer} (${probeOutcome(probe)})` };
}

/** The JWKS answers with at least one key. */
export function jwksCheck(id: string, probe: JwksProbe): IssuerCheck {
  if (!probe.ok) return { id, status: 'fail', message: `JWKS ${probe.url} does not answer: ${probeOutcome(probe)}` };
  if (probe.keyCount < 1) return { id, status: 'fail', message: `JWKS ${probe.url} holds no keys (${probeOutcome(probe)})` };
  return { id, status: 'pass', message: `JWKS ${probe.url} answers with ${probe.keyCount} key(s) (${probeOutcome(probe)})` };
}
