/** `status` as plain text: the Regions table, then the pool's shared facts; what is unknown says so. */
import { describe, expect, it } from 'vitest';
import { renderStatusText } from '../../../src/ui/status/status-text.js';
import { uiStatus } from '../fixtures.js';

describe('renderStatusText', () => {
  it('prints the Regions with their health, then key, issuer, DNS, drift, the last failover and the lock', () => {
    expect(renderStatusText(uiStatus())).toEqual([
      'User pool us-east-1_Ab12Cd34 (ESSENTIALS)',
      '  REGION          ROLE       STATUS     ISSUER',
      '  us-east-1       PRIMARY    ACTIVE     https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
      '    health healthy',
      '  eu-west-1       SECONDARY  INACTIVE   https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
      '    health inactive',
      '  key     CUSTOMER_MANAGED_KEY arn:aws:kms:us-east-1:123456789012:key/mrk-1',
      '  issuer  UPDATED https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
      '  dns     weighted: serving us-east-1 (us-east-1 weight 100, eu-west-1 weight 0)',
      '  drift   0 errors, 1 warning, 2 info (quick check at 2025-06-01T10:00:00.000Z; `mrrctl drift` lists them)',
      '  last failover  none recorded',
      '  lock    free',
    ]);
  });

  it('names who moved traffic, when and why, and the lock holder with pid, run and lease', () => {
    const report = uiStatus({
      lastFailover: { kind: 'failover', time: '2025-06-01T09:00:00.000Z', from: 'us-east-1', to: 'eu-west-1', actor: 'ana@laptop', reason: 'us-east-1 down', checks: 'passed' },
      lock: {
        holder: 'bo@desk',
        host: 'desk',
        pid: 4242,
        run: 'r-1',
        command: 'failover',
        reason: 'drill',
        since: '2025-06-01T10:00:00.000Z',
        expires: '2025-06-01T10:01:00.000Z',
        expired: true,
        ownerGone: null,
      },
    });
    const lines = renderStatusText(report);
    expect(lines.at(-2)).toBe('  last failover  failover us-east-1 → eu-west-1 at 2025-06-01T09:00:00.000Z by ana@laptop: "us-east-1 down" (checks passed)');
    expect(lines.at(-1)).toBe(
      '  lock    held by bo@desk (pid 4242 on desk, run r-1) since 2025-06-01T10:00:00.000Z (failover, reason "drill"); EXPIRED at 2025-06-01T10:01:00.000Z (`--break-lock` may remove it)',
    );
  });

  it('says "unknown (why)" for every part that could not be read, instead of leaving it out', () => {
    const report = uiStatus({
      regions: [
        { region: 'us-east-1', role: 'PRIMARY', status: null, reachable: false, error: 'TimeoutError: socket hang up', issuerUrl: null, health: null, healthUnknown: 'Error: probes failed' },
        { region: 'eu-west-1', role: 'SECONDARY', status: null, reachable: true, error: null, issuerUrl: null, health: { verdict: 'unhealthy', problems: ['JWKS 503'] }, healthUnknown: null },
      ],
      tier: null,
      key: null,
      issuer: null,
      poolReadFrom: null,
      poolUnknown: 'DescribeUserPool did not answer',
      dns: { strategy: 'weighted', serving: null, servingUnknown: 'Throttling: Rate exceeded', shares: null, weights: null, healthCheck: null, evidence: null },
      drift: null,
      driftUnknown: 'TimeoutError: socket hang up',
      lastFailoverUnknown: 'Throttling: Rate exceeded',
      lockUnknown: 'Throttling: Rate exceeded',
    });
    expect(renderStatusText(report)).toEqual([
      'User pool us-east-1_Ab12Cd34 (tier unknown)',
      '  REGION          ROLE       STATUS     ISSUER',
      '  us-east-1       PRIMARY    UNREACHABLE -',
      '    TimeoutError: socket hang up',
      '    health unknown (Error: probes failed)',
      '  eu-west-1       SECONDARY  no replica -',
      '    health unhealthy: JWKS 503',
      '  key     unknown (DescribeUserPool did not answer)',
      '  issuer  unknown (DescribeUserPool did not answer)',
      '  dns     weighted: serving unknown (Throttling: Rate exceeded)',
      '  drift   unknown (TimeoutError: socket hang up)',
      '  last failover  unknown (Throttling: Rate exceeded)',
      '  lock    unknown (Throttling: Rate exceeded)',
    ]);
  });
});
