/** `status` as plain text: the Regions table, then the pool's shared facts; slots not observed are left out. */
import { describe, expect, it } from 'vitest';
import { renderStatusText } from '../../../src/ui/status/status-text.js';
import { uiStatus } from '../fixtures.js';

describe('renderStatusText', () => {
  it('prints the Regions as a table, then key, issuer and DNS', () => {
    expect(renderStatusText(uiStatus())).toEqual([
      'User pool us-east-1_Ab12Cd34 (ESSENTIALS)',
      '  REGION          ROLE       STATUS     ISSUER',
      '  us-east-1       PRIMARY    ACTIVE     https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
      '  eu-west-1       SECONDARY  INACTIVE   https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
      '  key     CUSTOMER_MANAGED_KEY arn:aws:kms:us-east-1:123456789012:key/mrk-1',
      '  issuer  UPDATED https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34',
      '  dns     weighted: serving us-east-1 (us-east-1 weight 100, eu-west-1 weight 0)',
    ]);
  });

  it('shows an unreachable Region with its error, health, drift, the last failover and the lock when observed', () => {
    const report = uiStatus({
      regions: [
        { region: 'us-east-1', role: 'PRIMARY', reachable: false, error: 'TimeoutError: socket hang up', health: { status: 'unhealthy', problems: ['discovery does not answer'] } },
        { region: 'eu-west-1', role: 'SECONDARY', reachable: true },
      ],
      key: undefined,
      issuer: undefined,
      dns: { error: 'Throttling: Rate exceeded' },
      drift: { errors: 1, warnings: 2, checkedAt: '2025-06-01T10:00:00.000Z' },
      lastFailover: { kind: 'failover', time: '2025-06-01T09:00:00.000Z', from: 'us-east-1', to: 'eu-west-1', actor: 'ana@laptop', reason: 'us-east-1 down' },
      lock: null,
    });
    expect(renderStatusText(report)).toEqual([
      'User pool us-east-1_Ab12Cd34 (ESSENTIALS)',
      '  REGION          ROLE       STATUS     ISSUER',
      '  us-east-1       PRIMARY    UNREACHABLE -',
      '    TimeoutError: socket hang up',
      '    health unhealthy: discovery does not answer',
      '  eu-west-1       SECONDARY  no replica -',
      '  dns     unreadable: Throttling: Rate exceeded',
      '  drift   1 error(s), 2 warning(s) (checked 2025-06-01T10:00:00.000Z)',
      '  last failover  failover us-east-1 → eu-west-1 at 2025-06-01T09:00:00.000Z by ana@laptop ("us-east-1 down")',
      '  lock    free',
    ]);
  });
});
