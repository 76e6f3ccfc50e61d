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
import { AREA_TITLES, type DriftArea, type DriftCheck, type DriftFinding, type DriftObservation, type DriftUnreadable, type SnapshotField } from './types.js';
import type { UnreadableFinding } from '../unreadable.js';

export interface Comparison {
  checks: DriftCheck[];
  findings: DriftFinding[];
  unreadable: DriftUnreadable[];
}

/**
 * The per-Region settings each group of checks compares. When one of them could not be read in
 * either Region the group is not run (it would compare against nothing and report false drift):
 * it becomes one unreadable check `<area>.*`, and the other groups are compared.
 */
const GROUPS: Array<{ areas: DriftArea[]; needs: SnapshotField[]; run: (o: DriftObservation, out: FindingCollector) => void }> = [
  { areas: ['lambda'], needs: ['pool'], run: checkLambda },
  { areas: ['email', 'threat-protection'], needs: ['pool', 'risk'], run: checkEmail },
  { areas: ['sms'], needs: ['pool', 'mfa'], run: checkSms },
  { areas: ['tags'], needs: ['pool'], run: checkTags },
  { areas: ['log-delivery'], needs: ['logDelivery'], run: checkLogDelivery },
  { areas: ['waf'], needs: ['pool', 'webAcl'], run: checkWaf },
  { areas: ['mfa'], needs: ['mfa'], run: checkMfa },
];

const REPLICATED_NEEDS: SnapshotField[] = ['pool', 'risk', 'mfa', 'clients', 'resourceServers', 'identityProviders', 'groups', 'clientDetails'];

function unreadNeeds(o: DriftObservation, needs: SnapshotField[]): UnreadableFinding[] {
  return [o.primary, o.secondary].flatMap((snap) => needs.map((f) => snap.unread?.[f]).filter((u): u is UnreadableFinding => u !== undefined));
}

function runOrMarkUnreadable(o: DriftObservation, out: FindingCollector, areas: DriftArea[], needs: SnapshotField[], run: (o: DriftObservation, out: FindingCollector) => void): void {
  const missing = unreadNeeds(o, needs);
  if (missing.length === 0) return run(o, out);
  for (const area of areas) {
    const c = out.check(`${area}.*`, area, `${AREA_TITLES[area]} (not compared)`);
    for (const u of missing) c.unreadable(u);
  }
}

const SERVING = new Set(['ACTIVE', 'INACTIVE']);

/** The replica check; false when there is nothing to compare against. */
function checkReplica(o: DriftObservation, out: FindingCollector): boolean {
  const c = out.check('replica.Status', 'replica', `Replica in ${o.secondaryRegion}`);
  // The primary's pool or the replica list could not be read: nothing is known to compare.
  const unknown = o.primary.unread?.pool ?? o.replicasUnread;
  if (unknown) {
    c.unreadable(unknown);
    return false;
  }
  // A serving replica whose pool could not be read: the groups that need it say so themselves.
  if (o.replica && SERVING.has(o.replica.Status) && (o.secondary.pool || o.secondary.unread?.pool)) return true;
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
    for (const group of GROUPS) runOrMarkUnreadable(o, out, group.areas, group.needs, group.run);
  }
  return { checks: out.checks, findings: out.findings, unreadable: out.unreadable };
}

export function compareReplicated(o: DriftObservation): Comparison {
  const out = new FindingCollector();
  if (o.replica && SERVING.has(o.replica.Status) && (o.secondary.pool || o.secondary.unread?.pool)) runOrMarkUnreadable(o, out, ['replicated'], REPLICATED_NEEDS, checkReplicated);
  return { checks: out.checks, findings: out.findings, unreadable: out.unreadable };
}
