/**
 * The health of both Regions side by side — the Route 53 health check, the Region's issuer discovery
 * document and JWKS, the token endpoint — plus the pool's issuer as apps see it. A Region that is
 * down costs seconds (short probe timeouts), and never hides the other Region's results. With
 * dns.strategy arc-routing-control the records' health checks follow the routing controls, not the
 * Regions: the routing control states are read instead (the same reader status uses), alongside.
 */
import { oidcProbes } from '../../aws/oidc-probe.js';
import { healthCheckFor } from '../../core/failover/dns-state.js';
import { probeRegionHealth } from '../../core/health/region.js';
import { FindingsError } from '../../core/errors.js';
import { healthReport, routingControlsOf, type HealthReport } from '../../core/health/report.js';
import type { ArcStates } from '../../core/failover/arc-states.js';
import { readArcStatesOf } from '../traffic/arc-serving.js';
import { discoveryUrl, issuerTypeOf, updatedIssuerUrl } from '../../core/issuer/urls.js';
import { poolNotFoundMessage } from '../../core/status/pool-not-found.js';
import type { MutationEnv } from '../mutation/definition.js';
import { probeCredentials, probeOptions } from '../probes.js';
import { sharedCognitoReads } from '../status/shared-reads.js';

export interface ObserveHealthOptions {
  /** The routing control states (status passes the read it already makes for DNS); default: read them here. */
  arcStates?: () => Promise<ArcStates | undefined>;
}

export async function observeHealth(env: MutationEnv, opts: ObserveHealthOptions = {}): Promise<HealthReport> {
  const t = env.topology;
  const regions = { primary: t.primaryRegion, secondary: t.secondaryRegion };
  const probes = oidcProbes(probeOptions(env));
  // One DescribeUserPool per Region, shared by the Region's probe and the issuer probe below.
  const cognito = sharedCognitoReads(env.ports.cognito);
  const ports = { cognito, route53: env.ports.route53, probes };
  const credentials = probeCredentials(env);
  // Undefined for the other strategies; never throws (an unread state carries its error).
  const arcRead = (opts.arcStates ?? (() => readArcStatesOf(env.aws.clients, env.config.dns, regions)))();
  // The pool's issuer as apps trust it: with UPDATED one URL, served by whichever Region is up. Probed
  // as soon as the primary's pool says UPDATED, not after both Regions' probes.
  const issuerUrl = updatedIssuerUrl(t.primaryRegion, t.userPoolId);
  const probeIssuer = async () => ({ type: 'UPDATED', url: issuerUrl, discovery: await probes.fetchDiscovery(discoveryUrl(issuerUrl)) });
  const fromPrimary = cognito
    .describeUserPool(t.primaryRegion, t.userPoolId)
    .catch(() => undefined)
    .then((pool) => (pool && issuerTypeOf(pool) === 'UPDATED' ? probeIssuer() : undefined));
  const probeRole = (role: 'primary' | 'secondary') =>
    probeRegionHealth(ports, {
      region: regions[role],
      role,
      userPoolId: t.userPoolId,
      primaryRegion: t.primaryRegion,
      healthCheckId: healthCheckFor(env.config.dns, regions[role], regions),
      credentials,
    });
  const [primary, secondary, earlyIssuer] = await Promise.all([probeRole('primary'), probeRole('secondary'), fromPrimary]);
  // The primary answered and has no such pool: it does not exist (exit 3), not "absent" everywhere.
  if (primary.status === 'absent') {
    const answered = [primary, secondary].filter((r) => r.status === 'absent').map((r) => r.region);
    throw new FindingsError('MRR_HEALTH_E003', poolNotFoundMessage(t.userPoolId, answered), { userPoolId: t.userPoolId, notFoundIn: answered });
  }
  // The primary did not answer: the secondary's copy of the pool (replicated settings) tells the issuer.
  let issuer: Parameters<typeof healthReport>[2] = earlyIssuer;
  if (!issuer && !primary.pool && secondary.pool && issuerTypeOf(secondary.pool) === 'UPDATED') issuer = await probeIssuer();
  const arcStates = await arcRead;
  return healthReport(t.userPoolId, [primary, secondary], issuer, arcStates ? routingControlsOf(arcStates, regions) : null);
}
