/**
 * The drift check starts each read as soon as what it needs is known, and no sooner (docs/status.md,
 * "How long status takes"), proven with calls held at the sandbox's models and the call log, never
 * with timings: while a call is held, the reads that do not need its answer are answered, the ones
 * that do are not asked; and the report is the one an unheld run gives.
 *
 * The demo world after phases 1–3: the primary's pool names three trigger functions, the SES identity
 * example.com (email and threat-protection notifications), a CloudWatch Logs group and a web ACL, all
 * in us-east-1 only; the fresh replica in eu-west-1 names none of them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdModelCalls, type CallMatch } from '../helpers/model-hooks.js';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { waitFor } from '../helpers/wait-for.js';

const P = 'us-east-1';
const S = 'eu-west-1';
let w: SeededWorld;

beforeEach(async () => {
  w = await seededWorld();
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: false });
});
afterEach(async () => {
  await w.stop();
});

/** Holds every call matching one of `matches` until release() (test/helpers/model-hooks.ts). */
const holdAll = (matches: CallMatch[]) => holdModelCalls(w.sb, matches);

/** The calls answered since `since`, outside Cognito: "service operation region". */
const answeredBeyondCognito = (since: number) =>
  w.sb
    .calls()
    .filter((c) => c.seq > since && c.service !== 'cognito-idp')
    .map((c) => `${c.service} ${c.operation} ${c.region}`);
const sorted = (xs: string[]) => [...xs].sort();
const drift = () => w.run(['drift', '--output', 'json', '--recheck-after', '0']);

/** What a report says, without its time. */
function verdict(data: Record<string, unknown>) {
  const { checkedAt: _at, ...rest } = data;
  return rest;
}

describe('drift reads', () => {
  it("ask the web ACL and the resources the primary's pool names while the app clients are still being listed", async () => {
    const baseline = await drift();
    expect(baseline.code).toBe(3);
    const held = holdAll([{ service: 'cognito-idp', operation: 'ListUserPoolClients' }]);
    try {
      const since = w.lastSeq();
      const run = drift();
      await waitFor(() => held.arrived.length, (n) => n >= 2, { what: 'ListUserPoolClients held in both Regions' });
      // Everything that needs only a pool, its log delivery or the primary's web ACL is answered
      // meanwhile: each trigger function and its policy (asked together) in both Regions, the SES
      // identity in both, the log group in both, each Region's web ACL, and the primary's ACL by name
      // in the secondary. Before, none of these was asked until both Regions' snapshots were complete.
      const expected = [
        ...Array(3).fill(`lambda GetFunction ${P}`),
        ...Array(3).fill(`lambda GetPolicy ${P}`),
        ...Array(3).fill(`lambda GetFunction ${S}`),
        // Sent with GetFunction, not after it, so also for the functions the secondary lacks (answered "not found").
        ...Array(3).fill(`lambda GetPolicy ${S}`),
        `ses GetEmailIdentity ${P}`,
        `ses GetEmailIdentity ${S}`,
        `logs DescribeLogGroups ${P}`,
        `logs DescribeLogGroups ${S}`,
        `wafv2 GetWebACLForResource ${P}`,
        `wafv2 GetWebACLForResource ${S}`,
        `wafv2 ListWebACLs ${S}`,
      ];
      const meanwhile = await waitFor(() => answeredBeyondCognito(since), (calls) => calls.length >= expected.length, { what: 'the resource reads while the lists are held' });
      expect(sorted(meanwhile)).toEqual(sorted(expected));
      expect(sorted(held.arrived)).toEqual([`cognito-idp ListUserPoolClients ${S}`, `cognito-idp ListUserPoolClients ${P}`]);
      held.release();
      const r = await run;
      expect(r.code).toBe(3);
      // The same report as without the hold, and no resource read twice.
      expect(verdict(r.json().data)).toEqual(verdict(baseline.json().data));
      expect(sorted(answeredBeyondCognito(since))).toEqual(sorted(expected));
    } finally {
      held.restore();
    }
  });

  it('wait for what they need: the log group for its log delivery, the ACL by name for the primary’s web ACL', async () => {
    const baseline = await drift();
    const held = holdAll([
      { service: 'cognito-idp', operation: 'GetLogDeliveryConfiguration' },
      { service: 'wafv2', operation: 'GetWebACLForResource', region: P },
    ]);
    try {
      const since = w.lastSeq();
      const run = drift();
      await waitFor(() => held.arrived.length, (n) => n >= 3, { what: 'the log delivery in both Regions and the primary’s web ACL held' });
      const independent = [
        ...Array(3).fill(`lambda GetFunction ${P}`),
        ...Array(3).fill(`lambda GetPolicy ${P}`),
        ...Array(3).fill(`lambda GetFunction ${S}`),
        ...Array(3).fill(`lambda GetPolicy ${S}`),
        `ses GetEmailIdentity ${P}`,
        `ses GetEmailIdentity ${S}`,
        `wafv2 GetWebACLForResource ${S}`,
      ];
      const meanwhile = await waitFor(() => answeredBeyondCognito(since), (calls) => calls.length >= independent.length, { what: 'the reads that need neither' });
      // Neither a log group nor ListWebACLs: what names them has not answered.
      expect(sorted(meanwhile)).toEqual(sorted(independent));
      const atRelease = w.lastSeq();
      held.release();
      const r = await run;
      expect(verdict(r.json().data)).toEqual(verdict(baseline.json().data));
      expect(sorted(answeredBeyondCognito(atRelease))).toEqual(sorted([`logs DescribeLogGroups ${P}`, `logs DescribeLogGroups ${S}`, `wafv2 GetWebACLForResource ${P}`, `wafv2 ListWebACLs ${S}`]));
    } finally {
      held.restore();
    }
  });

  it("ask each function's policy together with the function, not once it has answered; the same report", async () => {
    const baseline = await drift();
    const held = holdAll([{ service: 'lambda', operation: 'GetFunction' }]);
    try {
      const since = w.lastSeq();
      const run = drift();
      await waitFor(() => held.arrived.length, (n) => n >= 6, { what: 'GetFunction held for the three triggers in both Regions' });
      const policies = () => w.sb.calls().filter((c) => c.seq > since && c.service === 'lambda' && c.operation === 'GetPolicy').map((c) => `${c.operation} ${c.region}`);
      // Before, GetPolicy went out only after GetFunction had answered (and only for a function that exists).
      const meanwhile = await waitFor(policies, (calls) => calls.length >= 6, { what: 'GetPolicy while GetFunction is held' });
      expect(sorted(meanwhile)).toEqual(sorted([...Array(3).fill(`GetPolicy ${P}`), ...Array(3).fill(`GetPolicy ${S}`)]));
      held.release();
      const r = await run;
      expect(r.code).toBe(3);
      // The secondary lacks the functions: still "missing" (GetPolicy's "not found" there is ignored).
      expect(verdict(r.json().data)).toEqual(verdict(baseline.json().data));
    } finally {
      held.restore();
    }
  });
});
