/**
 * Impact claims need evidence, end to end: with the target Region's Cognito down, `failover
 * --dry-run` says what it could not read is unknown (text), `null` in data.impactFacts (JSON), and
 * never "nobody is locked out" or an ORIGINAL issuer; the issuer guard refuses as unchecked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { sandboxAdmin } from '../helpers/sandbox.js';

let world: FailoverWorld;

beforeAll(async () => {
  world = await failoverWorld();
  const r = await sandboxAdmin(world.w.sb, 'POST', 'faults', { region: world.secondary, service: 'cognito-idp', kind: 'outage' });
  if (r.status !== 201) throw new Error(`fault injection failed: ${JSON.stringify(r.body)}`);
}, 60_000);
afterAll(async () => {
  await world.stop();
});

describe('failover impact with the target Region unreadable', () => {
  it('text: unknown is printed as unknown', async () => {
    const r = await world.w.run(['failover', '--to', world.secondary, '--dry-run'], { env: world.env });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain("  - the pool's configuration could not be read in eu-west-1: what depends on it is shown as unknown");
    expect(r.stdout).toContain('  - TOTP MFA: unknown (the MFA configuration could not be read in eu-west-1)');
    expect(r.stdout).toContain('  - issuer: unknown (could not be read in eu-west-1)');
    expect(r.stdout).not.toContain('nobody is locked out');
    expect(r.stdout).not.toContain('assume every secondary limitation');
    expect(r.stdout).not.toContain('carry its ORIGINAL issuer');
    expect(r.stdout).toContain('✗ guard issuer fails (not checked): the issuer type could not be read in eu-west-1: unknown');
  });

  it('JSON: the facts are null, the guards say checked: false', async () => {
    const r = await world.w.run(['failover', '--to', world.secondary, '--dry-run', '--output', 'json'], { env: world.env });
    expect(r.code).toBe(3);
    const data = r.json().data;
    expect(data.report.impactFacts).toEqual({ poolRead: false, adminCreateOnly: null, mfaConfiguration: null, totpMfa: null, identityProviders: null, issuerType: null });
    expect(data.plan.guards.find((g: { id: string }) => g.id === 'issuer')).toMatchObject({ ok: false, checked: false });
    expect(data.plan.guards.find((g: { id: string }) => g.id === 'target-replica')).toMatchObject({ ok: false, checked: false });
  });
});
