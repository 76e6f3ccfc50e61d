/**
 * Phase 2 as a plan: one full read-modify-write UpdateUserPool in the primary that sets
 * IssuerConfiguration.Type, or nothing when the pool already uses the target issuer.
 */
import type { Topology } from '../config/topology.js';
import { updateUserPoolInput } from '../cognito/update-pool.js';
import type { PlanDraft } from '../plan/create-plan.js';
import type { Step } from '../plan/types.js';
import type { IssuerObservation } from './read.js';
import type { IssuerType } from './urls.js';

export const ISSUER_SWITCH_COMMAND = 'issuer switch';
export const ISSUER_STEP_ID = 'cognito.update-issuer';

/**
 * What the plan depends on: the issuer type and every writable setting the UpdateUserPool carries
 * over. If any of them changed after planning, a saved plan would write stale settings back, so
 * `apply FILE` must see a different fingerprint and refuse.
 */
export function issuerObserved(obs: IssuerObservation): unknown {
  return {
    issuerType: obs.type,
    poolSettings: updateUserPoolInput(obs.pool, {}),
  };
}

export function planIssuerSwitch(obs: IssuerObservation, topology: Topology, to: IssuerType): PlanDraft {
  const steps: Step[] = [];
  const notes: string[] = [];
  if (obs.type !== to) {
    steps.push({
      id: ISSUER_STEP_ID,
      region: topology.primaryRegion,
      service: 'cognito-idp',
      operation: 'UpdateUserPool',
      input: updateUserPoolInput(obs.pool, { IssuerConfiguration: { Type: to } }),
      summary: `set the issuer of ${topology.userPoolId} to ${to} (was ${obs.type}); every other setting is carried over unchanged`,
      action: 'update',
      destructive: false,
    });
    if (to === 'ORIGINAL' && obs.hostingRegions.length > 1) {
      notes.push(
        `A secondary serves this pool (${obs.hostingRegions.slice(1).join(', ')}): with the ORIGINAL issuer its tokens carry ` +
          'a different issuer than the primary\'s, so apps that validate one issuer reject tokens after a failover.',
      );
    }
  }
  return {
    command: ISSUER_SWITCH_COMMAND,
    userPoolId: topology.userPoolId,
    primaryRegion: topology.primaryRegion,
    secondaryRegion: topology.secondaryRegion,
    observed: issuerObserved(obs),
    steps,
    notes,
  };
}
