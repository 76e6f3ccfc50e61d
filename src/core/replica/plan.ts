/**
 * Phase 3 as pure planners: what create, activate, deactivate and delete would do, given what was
 * observed. Prerequisite gaps are explained in mrrctl's words as failed guards (exit 3) before AWS
 * is asked — AWS's own refusal would come later and say less.
 */
import type { Topology } from '../config/topology.js';
import type { GuardResult, Step } from '../plan/types.js';
import { secondaryOf, type ReplicaObservation } from './observe.js';

export interface ReplicaPlanParts {
  steps: Step[];
  guards: GuardResult[];
  notes: string[];
}

const waitStep = (t: Topology, targets: string[], summary: string, timeoutSeconds: number): Step => ({
  id: `cognito.wait-replica-${targets.join('-').toLowerCase()}`,
  region: t.primaryRegion,
  service: 'cognito-idp',
  operation: 'WaitForReplicaStatus',
  input: { UserPoolId: t.userPoolId, RegionName: t.secondaryRegion, Statuses: targets, TimeoutSeconds: timeoutSeconds },
  summary,
  action: 'wait',
  destructive: false,
});

/** The prerequisites AWS enforces (tier, multi-Region key replicated) and the one mrrctl's policy adds (issuer). */
export function createPrerequisites(t: Topology, o: ReplicaObservation): GuardResult[] {
  const pool = o.pool;
  const guards: GuardResult[] = [];
  guards.push(
    pool
      ? { id: 'pool-exists', ok: true, evidence: `${t.userPoolId} exists in ${t.primaryRegion}` }
      : { id: 'pool-exists', ok: false, evidence: `${t.userPoolId} not found in ${t.primaryRegion}`, remedy: 'check --pool and --primary' },
  );
  if (!pool) return guards;
  const tier = pool.UserPoolTier ?? 'ESSENTIALS';
  guards.push({
    id: 'tier',
    ok: tier !== 'LITE',
    evidence: `feature plan ${tier}`,
    remedy: tier === 'LITE' ? 'multi-Region replication needs the Essentials or Plus plan: change UserPoolTier first' : undefined,
  });
  const key = pool.KeyConfiguration;
  const cmk = key?.KeyType === 'CUSTOMER_MANAGED_KEY';
  const replicaKeyOk = o.secondaryKey?.KeyState === 'Enabled' && o.secondaryKey.MultiRegion === true;
  guards.push({
    id: 'key',
    ok: cmk && o.primaryKey?.MultiRegion === true && replicaKeyOk,
    evidence: !cmk
      ? 'the pool uses an AWS owned key'
      : o.primaryKey?.MultiRegion !== true
        ? `key ${key?.KmsKeyArn} is not multi-Region`
        : replicaKeyOk
          ? `multi-Region key ${key?.KmsKeyArn} with an enabled replica in ${t.secondaryRegion}`
          : `key ${key?.KmsKeyArn} has no enabled replica in ${t.secondaryRegion}`,
    remedy: 'run `mrrctl keys setup` (phase 1)',
  });
  const issuer = pool.IssuerConfiguration?.Type ?? 'ORIGINAL';
  guards.push({
    id: 'issuer',
    ok: issuer === 'UPDATED',
    evidence: `issuer ${issuer}`,
    remedy: issuer === 'UPDATED' ? undefined : 'run `mrrctl issuer switch` (phase 2): with the ORIGINAL issuer, tokens are bound to one Region',
  });
  const other = o.replicas.find((r) => r.Role === 'SECONDARY' && r.RegionName !== t.secondaryRegion);
  guards.push({
    id: 'one-secondary',
    ok: !other,
    evidence: other ? `a replica already exists in ${other.RegionName} (${other.Status})` : 'no replica in another Region',
    remedy: other ? 'a pool can have one secondary: delete the other replica or use that Region as --secondary' : undefined,
  });
  return guards;
}

export function planCreate(t: Topology, o: ReplicaObservation, opts: { wait: boolean; timeoutSeconds: number }): ReplicaPlanParts {
  const existing = secondaryOf(o.replicas, t.secondaryRegion);
  const guards = existing ? [] : createPrerequisites(t, o);
  const steps: Step[] = [];
  const notes: string[] = [];
  if (existing) {
    notes.push(`a replica in ${t.secondaryRegion} exists (${existing.Status})`);
  } else {
    steps.push({
      id: 'cognito.create-replica',
      region: t.primaryRegion,
      service: 'cognito-idp',
      operation: 'CreateUserPoolReplica',
      input: { UserPoolId: t.userPoolId, RegionName: t.secondaryRegion },
      summary: `create the replica of ${t.userPoolId} in ${t.secondaryRegion} (it starts INACTIVE)`,
      action: 'create',
      destructive: false,
    });
  }
  if (opts.wait && (!existing || existing.Status === 'CREATING')) {
    steps.push(waitStep(t, ['INACTIVE', 'ACTIVE'], `wait for the replica in ${t.secondaryRegion} to finish CREATING`, opts.timeoutSeconds));
  }
  return { steps, guards, notes };
}

/** What drift said before activation: the codes of error-severity findings, or why it was not checked. */
export type DriftGate = { checked: true; errorCodes: string[] } | { checked: false; reason: string };

/** Error-severity drift blocks activation unless the operator accepts it (--allow-drift). */
function driftGuard(gate: DriftGate, allowDrift: boolean): GuardResult {
  if (!gate.checked) return { id: 'drift-clean', ok: true, evidence: `drift not checked: ${gate.reason}` };
  const count = gate.errorCodes.length;
  if (count === 0) return { id: 'drift-clean', ok: true, evidence: 'no error-severity drift between the Regions' };
  const evidence = `${count} error-severity drift finding(s): ${[...new Set(gate.errorCodes)].join(', ')}`;
  return allowDrift
    ? { id: 'drift-clean', ok: false, waived: true, evidence: `${evidence} (accepted with --allow-drift)` }
    : { id: 'drift-clean', ok: false, evidence, remedy: 'run `mrrctl drift` and `mrrctl drift fix`, or accept with --allow-drift' };
}

export function planActivate(t: Topology, o: ReplicaObservation, opts: { timeoutSeconds: number; drift: DriftGate; allowDrift: boolean }): ReplicaPlanParts {
  const existing = secondaryOf(o.replicas, t.secondaryRegion);
  const notes: string[] = [];
  if (!existing) {
    return { steps: [], notes, guards: [{ id: 'replica-exists', ok: false, evidence: `no replica in ${t.secondaryRegion}`, remedy: 'run `mrrctl replica create --wait` first' }] };
  }
  if (existing.Status === 'ACTIVE') return { steps: [], guards: [], notes: [...notes, `the replica in ${t.secondaryRegion} is already ACTIVE`] };
  if (existing.Status !== 'INACTIVE') {
    return {
      steps: [],
      notes,
      guards: [{ id: 'replica-inactive', ok: false, evidence: `the replica in ${t.secondaryRegion} is ${existing.Status}`, remedy: 'wait until it is INACTIVE (`mrrctl replica create --wait`)' }],
    };
  }
  return {
    notes,
    guards: [{ id: 'replica-inactive', ok: true, evidence: `the replica in ${t.secondaryRegion} is INACTIVE` }, driftGuard(opts.drift, opts.allowDrift)],
    steps: [
      {
        id: 'cognito.activate-replica',
        region: t.primaryRegion,
        service: 'cognito-idp',
        operation: 'UpdateUserPoolReplica',
        input: { UserPoolId: t.userPoolId, RegionName: t.secondaryRegion, Status: 'ACTIVE' },
        summary: `activate the replica in ${t.secondaryRegion}: it starts serving sign-in and tokens`,
        action: 'update',
        destructive: false,
      },
      waitStep(t, ['ACTIVE'], `wait for the replica in ${t.secondaryRegion} to be ACTIVE`, opts.timeoutSeconds),
    ],
  };
}

/** Deactivation and deletion stop the replica serving: never while DNS routes users to it. */
function dnsGuard(t: Topology, o: ReplicaObservation): GuardResult {
  if (!o.routing) {
    return { id: 'dns-not-routing-to-replica', ok: true, evidence: 'no dns section in the config: DNS routing not checked' };
  }
  const routed = o.routing.serving.includes(t.secondaryRegion);
  return {
    id: 'dns-not-routing-to-replica',
    ok: !routed,
    evidence: `DNS (${o.routing.strategy}): ${o.routing.evidence}`,
    remedy: routed ? `fail back first: \`mrrctl failover --to ${t.primaryRegion}\`` : undefined,
  };
}

/** The custom domain's Routing.Failover sends users to the replica when the primary's check fails. */
function domainGuard(t: Topology, o: ReplicaObservation): GuardResult {
  const routed = o.domainFailoverRegion === t.secondaryRegion;
  return {
    id: 'domain-not-failing-over-to-replica',
    ok: !routed,
    evidence: routed ? `the custom domain ${o.pool?.CustomDomain} fails over to ${t.secondaryRegion} (Routing.Failover)` : 'no custom-domain failover routing to this replica',
    remedy: routed ? `remove Routing.Failover from ${o.pool?.CustomDomain} first (UpdateUserPoolDomain without Routing)` : undefined,
  };
}

export function planDeactivate(t: Topology, o: ReplicaObservation): ReplicaPlanParts {
  const existing = secondaryOf(o.replicas, t.secondaryRegion);
  if (!existing) return { steps: [], notes: [], guards: [{ id: 'replica-exists', ok: false, evidence: `no replica in ${t.secondaryRegion}` }] };
  if (existing.Status === 'INACTIVE') return { steps: [], guards: [], notes: [`the replica in ${t.secondaryRegion} is already INACTIVE`] };
  const guards = [dnsGuard(t, o), domainGuard(t, o)];
  return {
    guards,
    notes: [],
    steps: [
      {
        id: 'cognito.deactivate-replica',
        region: t.primaryRegion,
        service: 'cognito-idp',
        operation: 'UpdateUserPoolReplica',
        input: { UserPoolId: t.userPoolId, RegionName: t.secondaryRegion, Status: 'INACTIVE' },
        summary: `deactivate the replica in ${t.secondaryRegion}: it stops serving end users`,
        action: 'update',
        destructive: true,
      },
    ],
  };
}

export function planDelete(t: Topology, o: ReplicaObservation): ReplicaPlanParts {
  const existing = secondaryOf(o.replicas, t.secondaryRegion);
  if (!existing || existing.Status === 'DELETING') {
    return { steps: [], guards: [], notes: [existing ? `the replica in ${t.secondaryRegion} is already DELETING` : `no replica in ${t.secondaryRegion}`] };
  }
  const guards = [
    dnsGuard(t, o),
    domainGuard(t, o),
    {
      id: 'replica-inactive',
      ok: existing.Status === 'INACTIVE',
      evidence: `the replica in ${t.secondaryRegion} is ${existing.Status}`,
      remedy: existing.Status === 'INACTIVE' ? undefined : 'deactivate it first: `mrrctl replica deactivate`',
    },
  ];
  return {
    guards,
    notes: [],
    steps: [
      {
        id: 'cognito.delete-replica',
        region: t.primaryRegion,
        service: 'cognito-idp',
        operation: 'DeleteUserPoolReplica',
        input: { UserPoolId: t.userPoolId, RegionName: t.secondaryRegion },
        summary: `delete the replica in ${t.secondaryRegion} (its Regional settings are lost)`,
        action: 'delete',
        destructive: true,
      },
    ],
  };
}
