/**
 * `issuer switch` describes every app client: with many clients and Cognito's request quotas on, it
 * must pace DescribeUserPoolClient like drift does (UserPoolClientRead's bucket: 15 RPS × 0.97 = 14.55/s
 * with a burst of 14, shared with ListUserPoolClients) instead of
 * sending them all at once. Virtual time: the sandbox's quota buckets and the CLI's pacing share one
 * clock, so an unpaced burst is throttled whatever the machine's speed.
 */
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, sandboxAdmin } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const EXTRA_CLIENTS = 40;
let w: SeededWorld;

beforeAll(async () => {
  w = await seededWorld(undefined, undefined, { clock: new VirtualClock() });
  const cognito = new CognitoIdentityProviderClient(awsClientConfig(w.sb, w.summary.primaryRegion));
  try {
    for (let i = 0; i < EXTRA_CLIENTS; i++) {
      await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: w.summary.userPoolId, ClientName: `app-${i}` }));
      w.clock!.advance(200); // stay under the UserPoolClientUpdate quota once quotas are on
    }
  } finally {
    cognito.destroy();
  }
  const r = await sandboxAdmin(w.sb, 'PUT', 'settings', { quotas: { enabled: true, scale: 1 } });
  expect(r.status).toBe(200);
  w.clock!.advance(2_000); // full buckets
}, 60_000);

afterAll(async () => {
  await w?.stop();
});

describe('issuer switch with many app clients and quotas on', () => {
  it('paces DescribeUserPoolClient under the quota: no call throttled, spread over virtual seconds', async () => {
    const since = w.lastSeq();
    const r = await w.run(['issuer', 'switch', '--to', 'UPDATED', '--dry-run', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const describes = w.sb.calls().filter((c) => c.seq > since && c.operation === 'DescribeUserPoolClient');
    expect(describes.length).toBe(EXTRA_CLIENTS + 3); // the demo's web, mobile and m2m-probe too
    expect(describes.filter((c) => c.status !== 200)).toEqual([]);
    // The listing takes one token of the burst of 14, so 13 describes go at once and the other 30 one
    // refill (1000 / 14.55 ≈ 68.7 ms) apart: at least 30 × 68.7 ≈ 2.06 s between first and last.
    const span = Date.parse(describes[describes.length - 1].time) - Date.parse(describes[0].time);
    expect(span).toBeGreaterThanOrEqual(2_050);
    expect(w.sb.calls().filter((c) => c.seq > since && c.write)).toEqual([]);
  });
});
