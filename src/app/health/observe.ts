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

export interface ObserveHealthOptions {
  /** The routing control states (status passes the read it already makes for DNS); default: read them here. */
  arcStates?: () => Promise<ArcStates | undefined>;
}

export async function observeHealth(env: MutationEnv, opts: ObserveHealthOptions = {}): Promise<HealthReport> {
  const t = env.topology;
  const regions = { primary: t.primaryRegion, secondary: t.secondaryRegion };
  const probes = oidcProbes(probeOptions(env));
  const ports = { cognito: env.ports.cognito, route53: env.ports.route53, probes };
  const credentials = probeCredentials(env);
  // Undefined for the other strategies; never throws (an unread state carries its error).
  const arcRead = (opts.arcStates ?? (() => readArcStatesOf(env.aws.clients, env.config.dns, regions)))();
  const [primary, secondary] = await Promise.all(
    (['primary', 'secondary'] as const).map((role) =>
      probeRegionHealth(ports, {
        region: regions[role],
        role,
        userPoolId: t.userPoolId,
        primaryRegion: t.primaryRegion,
        healthCheckId: healthCheckFor(env.config.dns, regions[role], regions),
        credentials,
      }),
    ),
  );
  // The primary answered and has no such pool: it does not exist (exit 3), not "absent" everywhere.
  if (primary.status === 'absent') {
    const answered = [primary, secondary].filter((r) => r.status === 'absent').map((r) => r.region);
    throw new FindingsError('MRR_HEALTH_E003', poolNotFoundMessage(t.userPoolId, answered), { userPoolId: t.userPoolId, notFoundIn: answered });
  }
  // The pool's issuer as apps trust it: with UPDATED one URL, served by whichever Region is up.
  const pool = primary.pool ?? secondary.pool;
  let issuer: Parameters<typeof healthReport>[2];
  if (pool && issuerTypeOf(pool) === 'UPDATED') {
    const url = updatedIssuerUrl(t.primaryRegion, t.userPoolId);
    issuer = { type: 'UPDATED', url, discovery: await probes.fetchDiscovery(discoveryUrl(url)) };
  }
  const arcStates = await arcRead;
  return healthReport(t.userPoolId, [primary, secondary], issuer, arcStates ? routingControlsOf(arcStates, regions) : null);
}
