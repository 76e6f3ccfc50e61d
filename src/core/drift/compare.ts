/**
 * Runs every check over one observation. Pure: the same observation always gives the same checks and
 * findings. Regional checks and the replicated-configuration check are separate so the latter can be
 * re-run alone after the replication-lag wait.
 */
import { checkEmail } from './check-email.js';
import { checkLambda } from './check-lambda.js';
import { checkLogDelivery } from './check-logs.js';
import { checkReplicated } from './check-replicated.js';
import { checkMfa, checkSms, checkTags } from './check-settings.js';
import { checkWaf } from './check-waf.js';
import { FindingCollector } from './collector.js';
import type { DriftCheck, DriftFinding, DriftObservation } from './types.js';

export interface Comparison {
  checks: DriftCheck[];
  findings: DriftFinding[];
}

const SERVING = new Set(['ACTIVE', 'INACTIVE']);

/** The replica check; false when there is nothing to compare against. */
function checkReplica(o: DriftObservation, out: FindingCollector): boolean {
  const c = out.check('replica.Status', 'replica', `Replica in ${o.secondaryRegion}`);
  if (o.replica && SERVING.has(o.replica.Status) && o.secondary.pool) return true;
  const status = o.replica?.Status;
  c.add('MRR_DRIFT_E001', {
    region: o.secondaryRegion,
    path: 'secondary.Replica',
    primary: o.primaryRegion,
    secondary: status ?? null,
    remedy: status === 'CREATING' ? 'wait for the replica to become INACTIVE (`mrrctl replica create --wait`), then re-run' : `create the replica: \`mrrctl replica create --wait\``,
    message: status ? `the replica in ${o.secondaryRegion} is ${status}: nothing to compare yet` : `the pool has no replica in ${o.secondaryRegion}`,
  });
  return false;
}

export function compareRegional(o: DriftObservation): Comparison {
  const out = new FindingCollector();
  if (checkReplica(o, out)) {
    checkLambda(o, out);
    checkEmail(o, out);
    checkSms(o, out);
    checkTags(o, out);
    checkLogDelivery(o, out);
    checkWaf(o, out);
    checkMfa(o, out);
  }
  return { checks: out.checks, findings: out.findings };
}

export function compareReplicated(o: DriftObservation): Comparison {
  const out = new FindingCollector();
  if (o.replica && SERVING.has(o.replica.Status) && o.secondary.pool) checkReplicated(o, out);
  return { checks: out.checks, findings: out.findings };
}
