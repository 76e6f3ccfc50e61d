/** `mrrctl status` against the seeded sandbox, including with the primary Region down. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { sandboxAdmin } from '../helpers/sandbox.js';

let w: SeededWorld;
beforeEach(async () => {
  w = await seededWorld();
});
afterEach(async () => {
  await w.stop();
});

describe('status', () => {
  it('shows the demo before replication: ORIGINAL issuer, AWS owned key, no replica, DNS on the primary', async () => {
    const since = w.lastSeq();
    const r = await w.run(['status', '--output', 'json']);
    expect(r.code).toBe(0);
    const d = r.json().data;
    expect(d.issuer.type).toBe('ORIGINAL');
    expect(d.key.type).toBe('AWS_OWNED_KEY');
    expect(d.regions[1]).toMatchObject({ region: 'eu-west-1', role: 'SECONDARY', reachable: true });
    expect(d.regions[1].status).toBeUndefined();
    expect(d.dns.serving).toEqual(['us-east-1']);
    expect(w.writesSince(since)).toEqual([]);
  });

  it('shows the replica and the shared UPDATED issuer in text', async () => {
    await setUpKeyAndIssuer(w);
    await setUpReplica(w, { activate: true });
    const r = await w.run(['status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/eu-west-1\s+SECONDARY\s+ACTIVE\s+https:\/\/issuer-cognito-idp\.us-east-1\.amazonaws\.com\//);
    expect(r.stdout).toContain('CUSTOMER_MANAGED_KEY');
  });

  it('still answers within seconds when the primary Region is down, and says so', async () => {
    await setUpKeyAndIssuer(w);
    await setUpReplica(w, { activate: true });
    await sandboxAdmin(w.sb, 'POST', 'faults', { region: 'us-east-1', service: 'cognito-idp', kind: 'outage' });
    const started = Date.now();
    const r = await w.run(['status', '--output', 'json']);
    // Within seconds, not minutes (a dead Region is not retried for long); room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(0);
    const d = r.json().data;
    expect(d.regions[0]).toMatchObject({ region: 'us-east-1', reachable: false });
    expect(d.regions[1]).toMatchObject({ region: 'eu-west-1', status: 'ACTIVE', reachable: true });
    expect(r.json().diagnostics[0].code).toBe('MRR_STATUS_W001');
  });
});
