/** `mrrctl health` against the sandbox: both Regions probed, exit 3 and bounded time when one is down. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';

let world: FailoverWorld;

beforeAll(async () => {
  world = await failoverWorld();
});
afterAll(async () => {
  await world.stop();
});

describe('mrrctl health', () => {
  it('reports both Regions healthy: health checks, discovery, JWKS and a verified token each', async () => {
    const seq = world.w.lastSeq();
    const r = await world.w.run(['health', '--output', 'json'], { env: world.env });
    expect(r.code).toBe(0);
    expect(world.w.writesSince(seq)).toEqual([]);
    const { data } = r.json();
    expect(data.healthy).toBe(true);
    expect(data.issuer).toMatchObject({ type: 'UPDATED', url: world.issuer, discovery: { ok: true, issuer: world.issuer } });
    for (const region of data.regions) {
      expect(region).toMatchObject({ verdict: 'healthy', replicaStatus: 'ACTIVE', healthCheck: { healthy: true }, discovery: { ok: true, status: 200 }, jwks: { ok: true, keyCount: 1 } });
      expect(region.token.token).toMatchObject({ ok: true, status: 200 });
      expect(region.token.verification.ok).toBe(true);
      expect(region.token.token.latencyMs).toBeGreaterThan(0);
    }
    expect(r.stdout).not.toContain(world.env.MRRCTL_PROBE_CLIENT_SECRET);
  });

  it('prints a table, and skips the token check without the probe secret', async () => {
    const r = await world.w.run(['health']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^REGION +ROLE +REPLICA +HEALTH CHECK +DISCOVERY +JWKS +TOKEN +STATUS$/m);
    expect(r.stdout).toMatch(/^us-east-1 +primary +ACTIVE +\d+\/\d+ ok +200 \d+ ms +200 \d+ ms \(1 key\) +skipped +healthy$/m);
    expect(r.stdout).toContain('token not checked: no probe client configured');
    expect(r.stdout).toContain('All Regions healthy.');
  });

  it('exits 3 within seconds when the primary is down, and still shows the secondary healthy', async () => {
    await world.primaryOutage();
    try {
      const started = Date.now();
      const r = await world.w.run(['health', '--output', 'json'], { env: world.env });
      // Within seconds, not minutes (a dead Region is not retried for long); room for a loaded machine.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(r.code).toBe(3);
      const { data, diagnostics } = r.json();
      const [primary, secondary] = data.regions;
      expect(primary).toMatchObject({ region: world.primary, verdict: 'unhealthy', healthCheck: { healthy: false }, discovery: { ok: false } });
      expect(secondary).toMatchObject({ region: world.secondary, verdict: 'healthy' });
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'MRR_HEALTH_E001', message: expect.stringContaining(`${world.primary} is unhealthy`) })]);
    } finally {
      await world.clearFaults();
    }
  });
});
