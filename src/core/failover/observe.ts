/**
 * What a failover observes, and from where. Route 53 and CloudWatch are global (us-east-1 endpoints);
 * Cognito and the OIDC endpoints are asked in the TARGET Region only. The source Region is asked for
 * nothing unless its own health check says it is up (then: drift, and a token minted before the
 * failover). So a failover away from a Region that is down never waits on, or calls, that Region.
 * Each piece is observed on its own; a failed read becomes evidence, not an exception.
 *
 * The independent reads overlap (docs/failover.md, "Order"): the health checks the config names, the
 * journal, the target's pool reads and probe (its check named in the config) and the drift guard start
 * with the zone read; the checks found only in the zone's records, and the anti-flap evidence, start
 * as soon as the zone is read. The drift guard starts before the source's
 * verdict is known, so it is handed that verdict as a promise: its calls in the source Region wait for
 * it (ports.drift gates them) and never go out when the source is down; its result is then discarded.
 */
import type { ArcRuleIndex } from './arc-overrides.js';
import type { DnsConfig, GuardsConfig } from '../config/schema.js';
import type { EmitEvent } from '../events.js';
import type { Topology } from '../config/topology.js';
import { antiFlapEvidence, type AntiFlapEvidence } from '../health/anti-flap.js';
import { errorText, readingError, type HealthCheckReading } from '../health/checkers.js';
import { readHealthCheck } from '../health/status.js';
import type { HealthMetricsReader } from '../health/ports.js';
import { probeRegionHealth, type RegionHealth } from '../health/region.js';
import type { WatchClock } from '../health/watch.js';
import type { ClientCredentials, OidcProbes } from '../issuer/probe-types.js';
import type { JsonObject } from '../plan/types.js';
import type { CognitoReader, UserPool } from '../ports/cognito.js';
import type { HealthCheck, HealthCheckObservation, RecordSet, Route53Reader } from '../ports/route53.js';
import { dnsStateOf, endpointHealthy, healthCheckFor, type DnsState } from './dns-state.js';
import type { DriftEvidence, LastMove } from './guards.js';
import { historyRecordName, readHistory, type HistoryEvent } from './history.js';
import { findLock, lockRecordName, type HeldLock } from './lock.js';
import { arcConfigOf } from '../dns/arc-config.js';
import type { ArcCluster } from '../ports/arc.js';
import { arcDnsState, observeArcSide, type ArcStates } from './arc-observe.js';

export interface FailoverPorts {
  cognito: CognitoReader;
  route53: Route53Reader;
  probes: OidcProbes;
  metrics: HealthMetricsReader;
  clock: WatchClock;
  /** Progress of the anti-flap guard's live watch (when CloudWatch has no history). */
  emit: EmitEvent;
  signal?: AbortSignal;
  /** The last traffic move this machine's journal recorded for the pool. */
  journalLastMove(): Promise<LastMove | undefined>;
  /** The newest run in this machine's journal whose DNS check and post-checks both passed, and its target. */
  journalChecksPassed?(): Promise<{ time: string; to: string } | undefined>;
  /**
   * Error-severity drift for the target. Started before the source's health is known: `sourceUp`
   * resolves once it is, and every call the check makes in the source Region must wait for it and,
   * when it resolves false, fail without being sent. Its result is used only while the source is up.
   */
  drift(sourceUp: Promise<boolean>): Promise<DriftEvidence>;
  /** Mints a token from the source before the failover (kept in memory by the caller); called only while the source is up. */
  mintSourceToken?(region: string, pool: UserPool | undefined): Promise<{ minted: boolean; detail: string }>;
  /** arc-routing-control: the cluster, its endpoints in rotation (src/aws/arc-cluster.ts). */
  arc?: ArcCluster;
  /** arc-routing-control: moves journaled while the zone could not be read that the zone's history lacks. */
  journalPendingHistory?(): Promise<HistoryEvent[]>;
}

export interface FailoverRequest {
  topology: Topology;
  dns: DnsConfig;
  guards: GuardsConfig;
  target: string;
  credentials?: ClientCredentials;
}

export interface FailoverObservation {
  target: string;
  source: string;
  toSecondary: boolean;
  dns: DnsState;
  /** The records at the record name, exactly as listed (for the fingerprint and CAS). */
  records: RecordSet[];
  lock?: HeldLock;
  history: HistoryEvent[];
  replicaStatus?: string;
  replicaError?: string;
  targetPool?: UserPool;
  mfa?: JsonObject;
  identityProviders?: number;
  targetHealth: RegionHealth;
  antiFlap: AntiFlapEvidence;
  lastMoves: LastMove[];
  /** The newest passing DNS check + post-checks in this machine's journal (resume: ./resume.ts). */
  journalChecked?: { time: string; to: string };
  drift: DriftEvidence;
  /** The source Region's health check status, when it has one. */
  sourceReading?: HealthCheckReading;
  /** False when the source's health check sees it down: nothing is asked of it. */
  sourceReachable: boolean;
  preToken: { minted: boolean; detail: string };
  /**
   * Why Route 53's control plane (records, lock, history) could not be read; undefined when it was.
   * weighted and cognito-domain then refuse (control-plane-guard.ts); arc-routing-control goes on.
   */
  zoneError?: string;
  /** arc-routing-control: the routing control states and which endpoints answered. */
  arcStates?: ArcStates;
  /** arc-routing-control with --override-safety-rule: the control panel's safety rules (names ↔ ARNs). */
  arcRules?: ArcRuleIndex;
  /** Moves this machine's journal recorded while the zone could not be read, newest first (not yet in the zone's history). */
  pendingHistory?: HistoryEvent[];
}

async function orUndefined<T>(read: () => Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await read() };
  } catch (err) {
    return { error: errorText(err) };
  }
}

/**
 * The check's status by its Type: checkers' observations, or CloudWatch for checks without an endpoint.
 * GetHealthCheckStatus goes out with GetHealthCheck (or was started with the zone's read of the check:
 * `status`), so the source's verdict, which gates everything asked of the source, is one round trip.
 */
async function readCheck(ports: FailoverPorts, id: string | undefined, check?: HealthCheck, status?: Promise<HealthCheckObservation[] | undefined>): Promise<HealthCheckReading | undefined> {
  if (!id) return undefined;
  return readHealthCheck({ route53: ports.route53, metrics: { reader: ports.metrics, now: () => ports.clock.now().getTime() } }, id, check, { statusAlongside: true, ...(status ? { status } : {}) });
}

/** Route 53 state (records, lock, history, the cognito-domain check): without it nothing can be planned, so failures throw. */
export async function observeZone(route53: Route53Reader, dns: DnsConfig) {
  const [records, lockRecords, historyRecords, primaryCheck] = await Promise.all([
    route53.listRecordSets(dns.hostedZoneId, dns.recordName),
    route53.listRecordSets(dns.hostedZoneId, lockRecordName(dns.recordName)),
    route53.listRecordSets(dns.hostedZoneId, historyRecordName(dns.recordName)),
    dns.strategy === 'cognito-domain' && dns.healthCheckId ? route53.getHealthCheck(dns.healthCheckId) : Promise.resolve(undefined),
  ]);
  return { records, lock: findLock(lockRecords), history: readHistory(historyRecords).events, primaryCheck };
}

export async function observeFailover(ports: FailoverPorts, req: FailoverRequest): Promise<FailoverObservation> {
  const { topology: t, dns, target } = req;
  const regions = { primary: t.primaryRegion, secondary: t.secondaryRegion };
  const toSecondary = target === t.secondaryRegion;
  const source = toSecondary ? t.primaryRegion : t.secondaryRegion;

  // The source's verdict, for the reads started before it is known (the drift guard's source calls).
  let settleSource: (up: boolean) => void = () => {};
  const sourceUp = new Promise<boolean>((resolve) => (settleSource = resolve));
  try {
    return await observe(ports, req, { regions, toSecondary, source, sourceUp, settleSource });
  } finally {
    // Whatever happened, nothing may wait on the verdict for ever (a no-op once settled).
    settleSource(false);
  }
}

interface Shared {
  regions: { primary: string; secondary: string };
  toSecondary: boolean;
  source: string;
  sourceUp: Promise<boolean>;
  settleSource(up: boolean): void;
}

async function observe(ports: FailoverPorts, req: FailoverRequest, sh: Shared): Promise<FailoverObservation> {
  const { topology: t, dns, target } = req;
  const { regions, toSecondary, source } = sh;

  // First the source's verdict's path (each client loads on its first call, so what is asked first
  // goes out first): the health checks the config names (dns.records.<region>.healthCheckId) are read
  // with the zone, not after it; a check found only in the zone's records is read once the zone is.
  const early = new Map<string, Promise<HealthCheckReading | undefined>>();
  for (const region of new Set([t.primaryRegion, source])) {
    const id = healthCheckFor(dns, region, regions);
    if (id && !early.has(id) && dns.strategy !== 'cognito-domain') early.set(id, readCheck(ports, id));
  }
  // cognito-domain: the zone read asks for the check the config names (its version is the move's
  // lock); its status goes out with it, for the primary's first reading below.
  const domainCheckId = dns.strategy === 'cognito-domain' ? dns.healthCheckId : undefined;
  const domainStatusP = domainCheckId ? ports.route53.getHealthCheckStatus(domainCheckId) : undefined;
  // Used only by that reading (which reports its failure, if the check is an endpoint check).
  domainStatusP?.catch(() => undefined);
  // A control plane that does not answer is evidence, not an exception: the plan is still shown, with
  // the control-plane guard refusing (weighted, cognito-domain) or the ARC path going on without it.
  const zoneP = observeZone(ports.route53, dns).then(
    (z) => ({ ...z, error: undefined as string | undefined }),
    (err: unknown) => ({ records: [] as RecordSet[], lock: undefined, history: [] as HistoryEvent[], primaryCheck: undefined, error: errorText(err) }),
  );

  // Started with the zone read: what needs neither the zone nor the source's verdict.
  // Read in the target: when the primary is down, the secondary still answers.
  const targetReadsP = Promise.all([
    orUndefined(() => ports.cognito.listReplicas(target, t.userPoolId)),
    orUndefined(() => ports.cognito.describeUserPool(target, t.userPoolId)),
    orUndefined(() => ports.cognito.getMfaConfig(target, t.userPoolId)),
    orUndefined(() => ports.cognito.listIdentityProviders(target, t.userPoolId)),
  ]);
  // The target's probe: at once when the config names the target's check (the id the zone would give).
  const targetProbe = (healthCheckId: string | undefined) =>
    probeRegionHealth(ports, { region: target, role: toSecondary ? 'secondary' : 'primary', userPoolId: t.userPoolId, primaryRegion: t.primaryRegion, healthCheckId, credentials: req.credentials });
  const configuredTargetCheck = dns.strategy === 'cognito-domain' ? undefined : healthCheckFor(dns, target, regions);
  const earlyTargetProbe = configuredTargetCheck ? targetProbe(configuredTargetCheck) : undefined;
  const journalMoveP = ports.journalLastMove().catch(() => undefined);
  const journalCheckedP = ports.journalChecksPassed ? ports.journalChecksPassed().catch(() => undefined) : Promise.resolve(undefined);
  const driftP: Promise<DriftEvidence> | undefined = req.guards.requireDriftClean
    ? ports.drift(sh.sourceUp).catch((err): DriftEvidence => ({ required: true, checked: false, errors: [], reason: errorText(err) }))
    : undefined;

  const zone = await zoneP;
  const arc = arcConfigOf(dns);
  const primaryCheckId = healthCheckFor(dns, t.primaryRegion, regions, zone.records);
  const sourceCheckId = healthCheckFor(dns, source, regions, zone.records);
  // Started as soon as the zone names the checks.
  const checkReading = (id: string | undefined, known?: HealthCheck) => (id && early.get(id)) || readCheck(ports, id, known, id !== undefined && id === domainCheckId ? domainStatusP : undefined);
  const primaryReadingP = checkReading(primaryCheckId, zone.primaryCheck);
  const sourceReadingP = sourceCheckId === primaryCheckId ? Promise.resolve(undefined) : checkReading(sourceCheckId);
  const targetHealthP = earlyTargetProbe ?? targetProbe(healthCheckFor(dns, target, regions, zone.records));
  // Failover: the primary must have been unhealthy for the window; failback: healthy for it.
  const want = toSecondary ? ('unhealthy' as const) : ('healthy' as const);
  // Its first reading is the primary's reading above (one GetHealthCheckStatus, not two); a live watch re-reads.
  let firstRead = true;
  const antiFlapPorts = {
    metrics: ports.metrics,
    read: async () => {
      const reading = firstRead ? await primaryReadingP : await readCheck(ports, primaryCheckId, zone.primaryCheck);
      firstRead = false;
      return reading ?? readingError(primaryCheckId ?? '', new Error('no health check'));
    },
    clock: ports.clock,
    emit: ports.emit,
    signal: ports.signal,
  };
  const routeAntiFlap = () => antiFlapEvidence(antiFlapPorts, { region: t.primaryRegion, healthCheckId: primaryCheckId, want, windowSeconds: req.guards.minUnhealthySeconds });
  const earlyAntiFlapP = arc ? undefined : routeAntiFlap();

  const [primaryReading, sourceReading] = await Promise.all([primaryReadingP, sourceReadingP]);
  const arcSide = arc ? await observeArcSide(ports, { arc, regions, source, userPoolId: t.userPoolId, sourceCheck: sourceCheckId === primaryCheckId ? primaryReading : sourceReading }) : undefined;
  const sourceHealth = arcSide?.sourceHealth ?? (sourceCheckId === primaryCheckId ? primaryReading : sourceReading);
  const sourceReachable = endpointHealthy(sourceHealth) !== false;
  sh.settleSource(sourceReachable);
  const dnsState = arc && arcSide ? arcDnsState(arc, regions, arcSide.states) : dnsStateOf(dns, regions, zone.records, zone.primaryCheck, primaryReading);

  const [replicas, pool, mfa, idps] = await targetReadsP;
  const skipped = (why: string) => Promise.resolve({ minted: false, detail: why });
  const [targetHealth, antiFlap, journalMove, journalChecked, drift, preToken] = await Promise.all([
    targetHealthP,
    earlyAntiFlapP ??
      (arcSide && arcSide.antiFlapFromProbes(primaryReading)
        ? arcSide.antiFlap(t.primaryRegion, want, req.guards.minUnhealthySeconds, primaryCheckId, primaryReading)
        : routeAntiFlap()),
    journalMoveP,
    journalCheckedP,
    !driftP
      ? Promise.resolve<DriftEvidence>({ required: false, checked: false, errors: [] })
      : sourceReachable
        ? driftP
        : Promise.resolve<DriftEvidence>({ required: true, checked: false, sourceDown: true, errors: [], reason: `${source} is down and drift compares it with ${target}` }),
    !ports.mintSourceToken
      ? skipped('no probe client configured (probe.clientId and MRRCTL_PROBE_CLIENT_SECRET)')
      : !sourceReachable
        ? skipped(`${source} is down: no token could be minted there before the failover`)
        : ports.mintSourceToken(source, pool.value).catch((err) => ({ minted: false, detail: errorText(err) })),
  ]);

  const replicaEntry = replicas.value?.find((r) => r.Role === 'SECONDARY' && r.RegionName === target);
  const lastMoves: LastMove[] = [];
  const fromHistory = zone.history.find((e) => e.kind === 'failover' || e.kind === 'failback');
  if (fromHistory) lastMoves.push({ time: fromHistory.time, from: fromHistory.from, to: fromHistory.to, actor: fromHistory.actor, kind: fromHistory.kind, source: 'history' });
  if (journalMove) lastMoves.push(journalMove);

  const observation: FailoverObservation = {
    target,
    source,
    toSecondary,
    dns: dnsState,
    records: zone.records,
    history: zone.history,
    replicaStatus: toSecondary ? replicaEntry?.Status : 'ACTIVE',
    targetHealth,
    antiFlap,
    lastMoves,
    drift,
    sourceReachable,
    preToken,
  };
  if (zone.lock) observation.lock = zone.lock;
  if (zone.error !== undefined) observation.zoneError = zone.error;
  if (arcSide) observation.arcStates = arcSide.states;
  if (arcSide && ports.journalPendingHistory) {
    const pending = await ports.journalPendingHistory().catch(() => []);
    if (pending.length > 0) observation.pendingHistory = pending;
  }
  if (journalChecked) observation.journalChecked = journalChecked;
  // A Region that does not host the pool answers ResourceNotFoundException: that is "no replica".
  if (replicas.error && toSecondary && !replicas.error.startsWith('ResourceNotFoundException')) observation.replicaError = replicas.error;
  if (pool.value) observation.targetPool = pool.value;
  if (mfa.value) observation.mfa = mfa.value;
  if (idps.value) observation.identityProviders = idps.value.length;
  if (sourceHealth) observation.sourceReading = sourceHealth;
  return observation;
}
