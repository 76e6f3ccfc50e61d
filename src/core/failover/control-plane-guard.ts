/**
 * The control-plane guard (issue 16): weighted and cognito-domain move traffic through Route 53's
 * control plane (ChangeResourceRecordSets, UpdateHealthCheck: us-east-1), and read the records, the
 * lock and the history through it too. When it does not answer, the plan is still shown, with this
 * guard refusing and naming the paths that keep working: health-check-driven routing (Route 53's data
 * plane) and ARC routing controls (the arc-routing-control strategy). Never waivable: no flag can make
 * a call to an API that does not answer succeed.
 */
import type { GuardResult } from '../plan/types.js';

export const CONTROL_PLANE_GUARD = 'route53-control-plane';

/** `zoneError` = why the zone could not be read (undefined when it was read). */
export function controlPlaneGuard(strategy: string, zoneError: string | undefined): GuardResult {
  if (zoneError === undefined) return { id: CONTROL_PLANE_GUARD, ok: true, evidence: "Route 53's control plane (us-east-1) answered: records, lock and history read" };
  return {
    id: CONTROL_PLANE_GUARD,
    ok: false,
    evidence:
      `Route 53's control plane (us-east-1) did not answer (${zoneError}): the ${strategy} strategy moves traffic through it, ` +
      'so it cannot move traffic now; nothing was changed',
    remedy:
      'while the control plane is impaired, traffic moves only through the data plane: health-check-driven routing ' +
      '(records with health checks fail over by themselves) or ARC routing controls (dns.strategy: arc-routing-control); ' +
      'see "Route 53 control plane impaired" in docs/runbook.md, and re-run this command once Route 53 answers',
  };
}
