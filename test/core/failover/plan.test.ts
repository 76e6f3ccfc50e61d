/** The failover planner: steps, change batches, guards and waivers, from a fixed observation. */
import { describe, expect, it } from 'vitest';
import { dnsStateOf } from '../../../src/core/failover/dns-state.js';
// Builds observed lock records (inputs) only; expected records are stated literally.
import { lockRecordSet } from '../../../src/core/failover/lock.js';
import { FAILOVER_STEP, planFailover } from '../../../src/core/failover/plan.js';
import type { DnsConfig } from '../../../src/core/config/schema.js';
import type { FailoverObservation } from '../../../src/core/failover/observe.js';
import type { JsonObject } from '../../../src/core/plan/types.js';
import { GUARDS, ID, NOW, observation, options, T, WEIGHTED, weightedRecords } from './fixtures.js';

const config = { dns: WEIGHTED, guards: GUARDS };
const changesOf = (step: { input: unknown }) => ((step.input as JsonObject).ChangeBatch as JsonObject).Changes as JsonObject[];
const guard = (parts: ReturnType<typeof planFailover>, id: string) => parts.guards.find((g) => g.id === id)!;

describe('planFailover (weighted)', () => {
  it('plans lock + DNS CAS in one batch → INSYNC → verify (post-checks alongside) → post-checks → history + unlock in one batch', () => {
    const parts = planFailover(T, config, observation(), options({ reason: 'outage' }), ID);
    expect(parts.refused).toBe(false);
    expect(parts.steps.map((s) => s.id)).toEqual([
      FAILOVER_STEP.moveTraffic,
      FAILOVER_STEP.waitInsync,
      FAILOVER_STEP.verify,
      FAILOVER_STEP.postChecks,
      FAILOVER_STEP.historyAndUnlock,
    ]);
    // The DNS check carries the post-checks' input, so its handler starts them alongside.
    const verify = parts.steps.find((s) => s.id === FAILOVER_STEP.verify)!;
    const post = parts.steps.find((s) => s.id === FAILOVER_STEP.postChecks)!;
    expect((verify.input as JsonObject).PostChecks).toEqual(post.input);
    expect((post.input as JsonObject).Region).toBe('eu-west-1');
    const route53 = parts.steps.filter((s) => s.service === 'route53');
    expect(new Set(route53.map((s) => s.region))).toEqual(new Set(['us-east-1']));
    expect(parts.steps.find((s) => s.id === FAILOVER_STEP.moveTraffic)?.trafficMoving).toBe(true);
    // Reasons reach the journal through the step inputs.
    expect(JSON.stringify(parts.steps.find((s) => s.id === FAILOVER_STEP.historyAndUnlock)?.input)).toContain('reason=outage');
    expect(parts.steps[0].input).toMatchObject({ Lock: { Reason: 'outage' } });
  });

  it('writes the DNS change as DELETE of exactly the records read + CREATE with new weights, in one batch', () => {
    const o = observation();
    const parts = planFailover(T, config, o, options(), ID);
    const changes = changesOf(parts.steps.find((s) => s.id === FAILOVER_STEP.moveTraffic)!);
    expect(changes.map((c) => c.Action)).toEqual(['DELETE', 'DELETE', 'CREATE', 'CREATE']);
    expect(changes[0].ResourceRecordSet).toEqual(o.records[0]);
    expect(changes[1].ResourceRecordSet).toEqual(o.records[1]);
    expect(changes[2].ResourceRecordSet).toEqual({ ...o.records[0], Weight: 0 });
    expect(changes[3].ResourceRecordSet).toEqual({ ...o.records[1], Weight: 100 });
    expect(parts.notes).toContain('route53.move-traffic: DELETE auth.example.com. CNAME [us-east-1] weight 100 TTL 60 primary.example.net health check hc-p');
  });

  it('takes the lock in the DNS change\'s batch (AcquireLockAndChange): stable inputs only (the value is made when taken), a 60 s lease', () => {
    const parts = planFailover(T, config, observation(), options({ reason: 'x', timeoutSeconds: 100 }), ID);
    expect(parts.steps[0]).toMatchObject({
      id: 'route53.move-traffic',
      service: 'route53',
      operation: 'AcquireLockAndChange',
      destructive: false,
      trafficMoving: true,
      input: { HostedZoneId: 'Z0DEMO', Lock: { RecordName: '_mrrctl-lock.auth.example.com', LockId: 'lock-1', Command: 'failover', Reason: 'x', LeaseSeconds: 60 } },
    });
    expect(changesOf(parts.steps[0]).map((c) => c.Action)).toEqual(['DELETE', 'DELETE', 'CREATE', 'CREATE']);
    expect(parts.steps[0].summary).toMatch(/^take the failover lock \(a CREATE: fails if anyone holds it; .*\), and move all traffic to eu-west-1: us-east-1 weight 100 → 0, eu-west-1 weight 0 → 100: ONE atomic change batch/);
    // The INSYNC wait reads the batch's change id.
    expect(parts.steps[1].input).toMatchObject({ Id: { $ref: 'route53.move-traffic', path: 'ChangeInfo.Id' } });
    // Nothing time-dependent in the plan: no since, no expiry — a saved plan carries no stale lease.
    expect(JSON.stringify(parts.steps[0].input)).not.toMatch(/since|expires|2026-/);
    // The last step writes the history and releases the lock (the DELETE of the value taken, made by the lease) in one batch.
    expect(parts.steps.at(-1)).toMatchObject({ id: 'route53.record-history-and-unlock', operation: 'RecordHistoryAndReleaseLock', input: { HostedZoneId: 'Z0DEMO', RecordName: '_mrrctl-lock.auth.example.com', LockId: 'lock-1' } });
    expect(parts.notes).toContain('route53.record-history-and-unlock: DELETE _mrrctl-lock.auth.example.com TXT (exactly the value this run wrote last, id=lock-1) — in the same atomic batch');
    expect(parts.notes.find((n) => n.startsWith('route53.move-traffic: CREATE _mrrctl-lock'))).toContain('"lease=60" — renewed every 20 s while the run lives');
    expect(parts.notes).toContain("route53.move-traffic: (the lock's changes and the move's go in the same atomic batch)");
  });

  it('a plan saved before the lock rode in the batch (lockInMoveBatch false) re-plans to its two steps: AcquireLock, then the plain change batch', () => {
    const parts = planFailover(T, config, observation(), options({ reason: 'x', lockInMoveBatch: false }), ID);
    expect(parts.steps.map((s) => `${s.id} ${s.operation}`).slice(0, 3)).toEqual(['route53.take-lock AcquireLock', 'route53.move-traffic ChangeResourceRecordSets', 'route53.wait-insync WaitForChangeInsync']);
    expect(parts.steps[0].input).toEqual({ HostedZoneId: 'Z0DEMO', RecordName: '_mrrctl-lock.auth.example.com', LockId: 'lock-1', Command: 'failover', Reason: 'x', LeaseSeconds: 60 });
  });

  it('activates an INACTIVE replica first, calling the target Region', () => {
    const parts = planFailover(T, config, observation({ replicaStatus: 'INACTIVE' }), options(), ID);
    const activate = parts.steps.find((s) => s.id === FAILOVER_STEP.activate)!;
    expect(activate).toMatchObject({ region: 'eu-west-1', operation: 'UpdateUserPoolReplica', input: { RegionName: 'eu-west-1', Status: 'ACTIVE' } });
    // The activation is a write under the lock: the lock is taken on its own first, the DNS change is a plain batch.
    expect(parts.steps.map((s) => s.id).slice(0, 4)).toEqual([FAILOVER_STEP.takeLock, FAILOVER_STEP.activate, FAILOVER_STEP.waitActive, FAILOVER_STEP.moveTraffic]);
    expect(parts.steps.map((s) => s.operation).slice(0, 4)).toEqual(['AcquireLock', 'UpdateUserPoolReplica', 'WaitForReplicaStatus', 'ChangeResourceRecordSets']);
    expect(parts.steps.some((s) => s.service !== 'route53' && s.region === 'us-east-1')).toBe(false);
  });

  it('has nothing to do when DNS already sends everyone to the target, whatever else fails', () => {
    const records = weightedRecords(0, 100);
    const dns = dnsStateOf(WEIGHTED, { primary: 'us-east-1', secondary: 'eu-west-1' }, records);
    const parts = planFailover(T, config, observation({ records, dns, lastMoves: [{ time: NOW.toISOString(), source: 'history' }] }), options(), ID);
    expect(parts).toMatchObject({ steps: [], nothingToDo: true, refused: false });
    expect(guard(parts, 'dns-target').evidence).toContain('already sends every user to eu-west-1');
  });

  it('lists what users notice on the secondary from the pool configuration', () => {
    const parts = planFailover(T, config, observation({ identityProviders: 2 }), options(), ID);
    const impact = parts.impact.join('\n');
    expect(impact).toContain('no sign-up');
    expect(impact).toContain('no password reset (recovery by verified_email is configured)');
    expect(impact).toContain('TOTP MFA users are locked out');
    expect(impact).toContain('lockout counters reset');
    expect(impact).toContain('federated users (2 identity provider(s))');
    const noTotp = planFailover(T, config, observation({ mfa: { MfaConfiguration: 'OFF' } }), options(), ID);
    expect(noTotp.impact.join('\n')).toContain('no TOTP MFA is configured');
  });
});

describe('guards and waivers', () => {
  const failing = observation({
    antiFlap: { region: 'us-east-1', want: 'unhealthy', windowSeconds: 180, source: 'cloudwatch', seconds: 30, ok: false, detail: 'unhealthy for 30 s' },
    lastMoves: [{ time: new Date(NOW.getTime() - 60_000).toISOString(), from: 'eu-west-1', to: 'us-east-1', actor: 'bo@ops', kind: 'failback', source: 'history' }],
    drift: { required: true, checked: true, errors: ['MRR_DRIFT_E101 secondary.LambdaConfig.PreSignUp: missing'] },
    targetPool: { IssuerConfiguration: { Type: 'ORIGINAL' } },
  });

  it('reports every guard with its evidence, even when several fail', () => {
    const parts = planFailover(T, config, failing, options(), ID);
    expect(parts.refused).toBe(true);
    expect(parts.guards.map((g) => [g.id, g.ok])).toEqual([
      ['target-replica', true],
      ['target-healthy', true],
      ['anti-flap', false],
      ['cooldown', false],
      ['drift', false],
      ['issuer', false],
      ['lock', true],
      ['dns-target', true],
    ]);
    expect(guard(parts, 'cooldown').evidence).toMatch(/last failback eu-west-1 → us-east-1 by bo@ops .*60 s ago, from the zone history record.*29 min left/);
    expect(guard(parts, 'drift').evidence).toContain('MRR_DRIFT_E101');
  });

  it('--planned waives only the anti-flap guard', () => {
    const parts = planFailover(T, config, failing, options({ planned: true, reason: 'drill' }), ID);
    expect(guard(parts, 'anti-flap')).toMatchObject({ ok: false, waived: true });
    expect(guard(parts, 'cooldown').waived).toBeUndefined();
    expect(parts.refused).toBe(true);
  });

  it('--force waives guards 3 to 6 but never the replica, the target health or the lock', () => {
    const forced = planFailover(T, config, failing, options({ force: true, reason: 'sev1' }), ID);
    expect(forced.refused).toBe(false);
    expect(['anti-flap', 'cooldown', 'drift', 'issuer'].map((id) => guard(forced, id).waived)).toEqual([true, true, true, true]);

    const sick = observation({ targetHealth: { ...observation().targetHealth, status: 'unhealthy', problems: ['discovery failed'] } });
    expect(planFailover(T, config, sick, options({ force: true, reason: 'x' }), ID).refused).toBe(true);
    expect(planFailover(T, config, sick, options({ forceUnhealthyTarget: true }), ID).refused).toBe(false);

    const noReplica = observation({ replicaStatus: undefined });
    expect(planFailover(T, config, noReplica, options({ force: true, forceUnhealthyTarget: true, reason: 'x' }), ID).refused).toBe(true);

    const held = lockRecordSet('auth.example.com', { holder: 'bo@ops', reason: 'drill', since: NOW.toISOString(), expires: new Date(NOW.getTime() + 60_000).toISOString(), command: 'failover', id: 'other' });
    const locked = planFailover(T, config, observation({ lock: { record: held, info: { holder: 'bo@ops', reason: 'drill', since: NOW.toISOString(), expires: new Date(NOW.getTime() + 60_000).toISOString(), command: 'failover', id: 'other' } } }), options({ force: true, reason: 'x', breakLock: true }), ID);
    expect(locked.refused).toBe(true);
    expect(guard(locked, 'lock').evidence).toContain('held by bo@ops');
    expect(guard(locked, 'lock').remedy).toBe(
      'wait for bo@ops to finish; if that run died, it expires at 2026-06-10T03:11:00.000Z, and then `mrrctl failover --to eu-west-1 --force --break-lock --reason "…"` removes it',
    );
  });

  it('drift: findings refuse, an unavailable check refuses, a source that is down is not compared (and says so)', () => {
    const run = (drift: FailoverObservation['drift']) => guard(planFailover(T, config, observation({ drift }), options(), ID), 'drift');
    expect(run({ required: true, checked: false, errors: [], reason: 'AccessDenied: no' })).toMatchObject({ ok: false, evidence: 'drift not checked: AccessDenied: no' });
    expect(run({ required: true, checked: false, errors: [], sourceDown: true, reason: 'us-east-1 is down' })).toMatchObject({ ok: true, evidence: expect.stringContaining('relying on drift gated before the outage') });
    expect(run({ required: false, checked: false, errors: [] })).toMatchObject({ ok: true, evidence: 'not required (guards.requireDriftClean: false)' });
  });

  it('--break-lock replaces an expired lock (a record from before leases, by its expiry) in the same batch, and records the break', () => {
    const info = { holder: 'bo@ops', reason: 'crashed', since: '2026-06-10T01:00:00.000Z', expires: '2026-06-10T01:25:00.000Z', command: 'failover', id: 'old' };
    const record = { ...lockRecordSet('auth.example.com', info), Name: '_mrrctl-lock.auth.example.com.' };
    const o = observation({ lock: { record, info } });
    const refused = planFailover(T, config, o, options(), ID);
    expect(refused.refused).toBe(true);
    expect(guard(refused, 'lock').remedy).toBe('its expiry passed at 2026-06-10T01:25:00.000Z: `mrrctl failover --to eu-west-1 --break-lock --reason "…"` removes it (after confirmation)');
    const parts = planFailover(T, config, o, options({ breakLock: true, reason: 'bo crashed' }), ID);
    expect(parts.refused).toBe(false);
    // One batch: the old lock's exact DELETE, the new lock, the break's history and the move.
    expect(parts.steps[0]).toMatchObject({ id: 'route53.move-traffic', operation: 'AcquireLockAndChange', destructive: true });
    expect(parts.steps[0].summary).toContain('take the failover lock, replacing the lock of bo@ops');
    expect(parts.steps.some((s) => s.id === FAILOVER_STEP.takeLock)).toBe(false);
    expect(changesOf(parts.steps[0]).map((c) => c.Action)).toEqual(['DELETE', 'DELETE', 'CREATE', 'CREATE']);
    const input = (parts.steps[0].input as JsonObject).Lock as JsonObject;
    expect(input.Replacing).toEqual(record);
    expect((input.History as JsonObject).ResourceRecords).toEqual([
      { Value: '"mrrctl-history=1" "kind=break-lock" "time=2026-06-10T03:10:00.000Z" "from=" "to=" "actor=ana@ops" "reason=removed the lock of bo@ops: its expiry passed at 2026-06-10T01:25:00.000Z; bo crashed"' },
    ]);
    // The move's own history entry keeps the break under it.
    const history = changesOf(parts.steps.find((s) => s.id === FAILOVER_STEP.historyAndUnlock)!)[0].ResourceRecordSet as JsonObject;
    expect((history.ResourceRecords as JsonObject[]).map((r) => /kind=(\S+?)"/.exec(String(r.Value))?.[1])).toEqual(['failover', 'break-lock']);
  });

  it('a live lease-era lock: refused with the lease end; its owner gone from this host (ownerGone): breakable at once', () => {
    const info = { holder: 'bo@box', reason: 'drill', since: NOW.toISOString(), expires: '2026-06-10T03:11:00.000Z', command: 'failover', id: 'other', host: 'box', pid: '4242', run: 'r-1', lease: '60' };
    const record = lockRecordSet('auth.example.com', info);
    const live = planFailover(T, config, observation({ lock: { record, info } }), options({ breakLock: true }), ID);
    expect(live.refused).toBe(true);
    expect(guard(live, 'lock').evidence).toBe(
      'the failover lock is held by bo@box (pid 4242, run r-1) since 2026-06-10T03:10:00.000Z (failover, reason "drill"; lease ends 2026-06-10T03:11:00.000Z, renewed every 20 s while its run lives)',
    );
    expect(guard(live, 'lock').remedy).toContain('its lease ends within 60 s (at 2026-06-10T03:11:00.000Z), and then `mrrctl failover --to eu-west-1 --break-lock --reason "…"` removes it');
    const gone = planFailover(T, config, observation({ lock: { record, info, ownerGone: 'pid 4242 on box, this host, is not running' } }), options({ breakLock: true }), ID);
    expect(gone.refused).toBe(false);
    expect(guard(gone, 'lock').evidence).toContain("will be removed (--break-lock): its owner's process is gone (pid 4242 on box, this host, is not running)");
  });
});

describe('planFailover (cognito-domain)', () => {
  const DOMAIN: DnsConfig = { strategy: 'cognito-domain', hostedZoneId: 'Z0DEMO', recordName: 'auth.example.com', healthCheckId: 'hc-p' };
  const regions = { primary: 'us-east-1', secondary: 'eu-west-1' };
  const check = (inverted: boolean) => ({ Id: 'hc-p', HealthCheckVersion: 7, HealthCheckConfig: { Inverted: inverted } });

  it('inverts the primary health check with its version as the optimistic lock, then waits for it to report unhealthy', () => {
    const reading = { id: 'hc-p', healthy: true, healthyCheckers: 8, checkers: 8, share: 1, inverted: false };
    const o = observation({ dns: dnsStateOf(DOMAIN, regions, [], check(false), reading), records: [] });
    const parts = planFailover(T, { dns: DOMAIN, guards: GUARDS }, o, options({ planned: true, reason: 'drill' }), ID);
    const move = parts.steps.find((s) => s.id === FAILOVER_STEP.moveTraffic)!;
    expect(move).toMatchObject({ operation: 'UpdateHealthCheck', input: { HealthCheckId: 'hc-p', HealthCheckVersion: 7, Inverted: true }, trafficMoving: true });
    expect(parts.steps.find((s) => s.id === FAILOVER_STEP.verify)).toMatchObject({ operation: 'VerifyHealthCheckStatus', input: { ExpectHealthy: false } });
    expect(parts.steps.some((s) => s.operation === 'WaitForChangeInsync')).toBe(false);
    expect(parts.notes.join('\n')).toContain('keeps answering when the Route 53 control plane is impaired');
  });

  it('has nothing to do when the primary is down: Route 53 already routes to the secondary (inverting would send users back)', () => {
    const reading = { id: 'hc-p', healthy: false, healthyCheckers: 0, checkers: 8, share: 0, inverted: false };
    const o = observation({ dns: dnsStateOf(DOMAIN, regions, [], check(false), reading), records: [] });
    const parts = planFailover(T, { dns: DOMAIN, guards: GUARDS }, o, options(), ID);
    expect(parts.nothingToDo).toBe(true);
    expect(parts.notes.join('\n')).toContain('routes it back when us-east-1 recovers');
  });

  it('fails back by restoring the check', () => {
    const reading = { id: 'hc-p', healthy: false, healthyCheckers: 0, checkers: 8, share: 0, inverted: true };
    const o = observation({ target: 'us-east-1', source: 'eu-west-1', toSecondary: false, dns: dnsStateOf(DOMAIN, regions, [], check(true), reading), records: [] });
    const parts = planFailover(T, { dns: DOMAIN, guards: GUARDS }, o, options({ to: 'us-east-1' }), ID);
    expect(parts.steps.find((s) => s.id === FAILOVER_STEP.moveTraffic)?.input).toMatchObject({ Inverted: false });
    expect(parts.steps.find((s) => s.id === FAILOVER_STEP.verify)?.input).toMatchObject({ ExpectHealthy: true });
  });
});
