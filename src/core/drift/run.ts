/**
 * A whole drift check: observe both Regions, compare, re-read the replicated configuration once after
 * a short wait when it differs (replication is eventually consistent, aws-conformance A2.5), apply the
 * allowances, and build the report. The clock is injected so the wait is testable without sleeping.
 */
import type { DriftAllowance } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import { applyAllowances } from './allowances.js';
import { compareRegional, compareReplicated } from './compare.js';
import { createLimiters, observeDrift, snapshotReplicated, type DriftReaders, type ObserveOptions } from './observe.js';
import { buildReport } from './report.js';
import type { DriftObservation, DriftReport, DriftSeverity, RegionSnapshot } from './types.js';

import { DEFAULT_RECHECK_DELAY_MS } from './defaults.js';

export { DEFAULT_RECHECK_DELAY_MS };

export interface DriftRunOptions extends ObserveOptions {
  failOn?: DriftSeverity;
  recheckDelayMs?: number;
  allowances?: readonly DriftAllowance[];
}

export interface DriftRun {
  report: DriftReport;
  /** The observation the report was computed from (after the re-check, when there was one). */
  observation: DriftObservation;
}

function withReplicated(snapshot: RegionSnapshot, fresh: RegionSnapshot): RegionSnapshot {
  const { pool, risk, mfa, clients, resourceServers, identityProviders, groups, clientDetails } = fresh;
  // The Regional reads keep their first outcome; the replicated ones take the re-read's.
  const regional = { ...(snapshot.unread?.logDelivery ? { logDelivery: snapshot.unread.logDelivery } : {}), ...(snapshot.unread?.webAcl ? { webAcl: snapshot.unread.webAcl } : {}) };
  const unread = { ...fresh.unread, ...regional };
  const { unread: _old, clientDetails: _details, ...rest } = snapshot;
  return { ...rest, pool, risk, mfa, clients, resourceServers, identityProviders, groups, ...(clientDetails ? { clientDetails } : {}), ...(Object.keys(unread).length > 0 ? { unread } : {}) };
}

export async function runDriftCheck(readers: DriftReaders, topology: Topology, opts: DriftRunOptions): Promise<DriftRun> {
  const limits = createLimiters(opts);
  let observation = await observeDrift(readers, topology, opts, limits);
  const regional = compareRegional(observation);
  let replicated = compareReplicated(observation);
  const firstPass = replicated.findings.length;
  const delayMs = opts.recheckDelayMs ?? DEFAULT_RECHECK_DELAY_MS;
  if (firstPass > 0) {
    await opts.clock.sleep(delayMs, opts.signal);
    const [primary, secondary] = await Promise.all(
      [topology.primaryRegion, topology.secondaryRegion].map((region) => snapshotReplicated(readers, region, topology.userPoolId, opts, limits)),
    );
    observation = { ...observation, primary: withReplicated(observation.primary, primary), secondary: withReplicated(observation.secondary, secondary) };
    replicated = compareReplicated(observation);
  }
  const { findings, allowed } = applyAllowances([...regional.findings, ...replicated.findings], opts.allowances ?? [], opts.clock.now());
  const report = buildReport({
    userPoolId: topology.userPoolId,
    primaryRegion: topology.primaryRegion,
    secondaryRegion: topology.secondaryRegion,
    checkedAt: opts.clock.now(),
    deep: opts.deep,
    replica: observation.replica ? { status: observation.replica.Status, role: observation.replica.Role } : null,
    failOn: opts.failOn ?? 'error',
    checks: [...regional.checks, ...replicated.checks],
    findings,
    allowed,
    unreadable: [...regional.unreadable, ...replicated.unreadable],
    recheck: { performed: firstPass > 0, delayMs: firstPass > 0 ? delayMs : 0, firstPass, resolved: Math.max(0, firstPass - replicated.findings.length) },
  });
  return { report, observation };
}
