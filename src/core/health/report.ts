/** The `health` report: both Regions side by side, as data (JSON); ui/health/health-text.ts lays it out as a table. */
import type { DiscoveryProbe } from '../issuer/probe-types.js';
import type { RegionHealth } from './region.js';

export interface HealthReport {
  userPoolId: string;
  /** The issuer apps trust; with UPDATED it is one URL served by every Region hosting the pool. */
  issuer?: { type: string; url: string; discovery?: DiscoveryProbe };
  regions: Array<Omit<RegionHealth, 'pool'>>;
  /** No Region is unhealthy (an INACTIVE replica or a Region without the pool is not unhealthy), and the issuer answers. */
  healthy: boolean;
  /** The issuer's discovery document answers with the issuer's own URL (undefined when not probed). */
  issuerOk?: boolean;
}

export function healthReport(userPoolId: string, regions: RegionHealth[], issuer?: HealthReport['issuer']): HealthReport {
  const plain = regions.map(({ pool: _pool, ...rest }) => rest);
  const issuerOk = issuer?.discovery ? issuer.discovery.ok && issuer.discovery.issuer === issuer.url : undefined;
  const healthy = regions.every((r) => r.status !== 'unhealthy') && issuerOk !== false;
  return { userPoolId, ...(issuer ? { issuer } : {}), regions: plain, healthy, ...(issuerOk !== undefined ? { issuerOk } : {}) };
}
