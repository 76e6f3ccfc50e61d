/**
 * The pools' HTTPS hosts, as the server maps `https://HOST/PATH` to them:
 * - `cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/{openid-configuration,jwks.json}` —
 *   the ORIGINAL issuer, served by that Region when it hosts the pool;
 * - `issuer-cognito-idp.<primary>.amazonaws.com/<poolId>/.well-known/…` — the UPDATED issuer, only
 *   for pools using it, served by the primary or, while the primary is down, by a replica;
 * - `<prefix>.auth.<region>.amazoncognito.com/oauth2/token` and custom domains, the latter routed by
 *   Routing.Failover and its Route 53 health check.
 * Every answer names the Region that served it in `x-sandbox-region`.
 */
import type { CryptoKey } from 'jose';
import type { CognitoModel, PoolRegionView } from '../cognito/model.js';
import { importPrivateKey } from '../cognito/signing-keys.js';
import type { CallContext, RestRequest, RestResponse } from '../types.js';
import { jwks, openIdConfiguration, originalIssuer, updatedIssuer } from './discovery.js';
import { clientCredentialsToken, oauthError } from './token.js';

/** The one Route 53 method the endpoint needs (Route53Model satisfies it). */
export interface HealthCheckLookup {
  /** undefined = no such health check. */
  isHealthCheckHealthy(healthCheckId: string, ctx: CallContext): boolean | undefined;
}

/** The Cognito read helpers the endpoint needs (CognitoModel satisfies it). */
export type PoolDirectory = Pick<CognitoModel, 'regionView' | 'poolRegions' | 'domainTarget'>;

const ORIGINAL_HOST = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com$/;
const UPDATED_HOST = /^issuer-cognito-idp\.([a-z0-9-]+)\.amazonaws\.com$/;
const WELL_KNOWN = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(openid-configuration|jwks\.json)$/;
// 'oidc' matches outages injected for oidc, for cognito-idp, or for the whole Region.
const SERVICE = 'oidc';

type Routed = { region: string; view?: PoolRegionView; unavailable?: string };

export class OidcEndpoint {
  private readonly cognito: PoolDirectory;
  private readonly route53: HealthCheckLookup;
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor(deps: { cognito: PoolDirectory; route53: HealthCheckLookup }) {
    this.cognito = deps.cognito;
    this.route53 = deps.route53;
  }

  async handle(rawHost: string, req: RestRequest, ctx: CallContext): Promise<RestResponse | null> {
    const host = rawHost.toLowerCase().replace(/:\d+$/, '');
    const original = ORIGINAL_HOST.exec(host);
    if (original) return this.wellKnown(req, (poolId) => this.originalRoute(poolId, original[1], ctx), 'ORIGINAL');
    const updated = UPDATED_HOST.exec(host);
    if (updated) return this.wellKnown(req, (poolId) => this.updatedRoute(poolId, updated[1], ctx), 'UPDATED');
    return this.domainRequest(host, req, ctx);
  }

  /**
   * The Region that serves a custom domain (its name does not say). With a call context the answer
   * follows the failover health check; without one it is given only when it cannot change (no
   * failover routing). The UPDATED issuer host gets undefined: which Region answers depends on the
   * pool in the path and on outages, and handle() decides that per request.
   */
  regionOf(rawHost: string, ctx?: CallContext): string | undefined {
    const host = rawHost.toLowerCase().replace(/:\d+$/, '');
    const target = this.cognito.domainTarget(host);
    if (!target || target.kind !== 'custom') return undefined;
    if (!target.failover) return target.poolId.split('_')[0];
    return ctx ? this.customDomainRegion(target.poolId, target.failover, ctx) : undefined;
  }

  private async wellKnown(
    req: RestRequest,
    route: (poolId: string) => Routed | undefined,
    kind: 'ORIGINAL' | 'UPDATED',
  ): Promise<RestResponse | null> {
    const match = WELL_KNOWN.exec(req.path);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return null;
    const routed = route(match[1]);
    if (!routed) return null;
    if (!routed.view) return unavailable(routed);
    const view = routed.view;
    const issuer = kind === 'UPDATED' ? updatedIssuer(view.primaryRegion, view.poolId) : originalIssuer(view.region, view.poolId);
    const body = match[2] === 'jwks.json' ? jwks(view) : openIdConfiguration(view, issuer);
    return {
      status: 200,
      headers: { 'content-type': 'application/json;charset=UTF-8', 'x-sandbox-region': routed.region },
      body: req.method === 'HEAD' ? '' : JSON.stringify(body),
    };
  }

  /** The ORIGINAL issuer is the Region's own: served only where the pool is hosted. */
  private originalRoute(poolId: string, region: string, ctx: CallContext): Routed | undefined {
    const view = this.cognito.regionView(poolId, region, ctx);
    if (!view) return undefined;
    return ctx.isRegionDown(region, SERVICE) ? { region, unavailable: `${region} is unavailable` } : { region, view };
  }

  /**
   * The UPDATED issuer host names the primary Region, but its keys are hosted in every Region holding
   * the pool: the primary answers while up, else a replica that is built (INACTIVE or ACTIVE). [INF]
   */
  private updatedRoute(poolId: string, hostRegion: string, ctx: CallContext): Routed | undefined {
    const regions = this.cognito.poolRegions(poolId, ctx);
    if (regions.length === 0 || regions[0].region !== hostRegion) return undefined;
    const primaryView = this.cognito.regionView(poolId, hostRegion, ctx);
    if (primaryView?.issuerType !== 'UPDATED') return undefined;
    for (const { region, status } of regions) {
      if (status !== 'ACTIVE' && status !== 'INACTIVE') continue;
      if (ctx.isRegionDown(region, SERVICE)) continue;
      const view = this.cognito.regionView(poolId, region, ctx);
      if (view?.issuerType === 'UPDATED') return { region, view };
    }
    return { region: hostRegion, unavailable: 'no Region hosting this issuer is available' };
  }

  private customDomainRegion(poolId: string, failover: { secondaryRegion: string; primaryHealthCheckId: string }, ctx: CallContext): string {
    const healthy = this.route53.isHealthCheckHealthy(failover.primaryHealthCheckId, ctx);
    // A missing health check does not move traffic: only an unhealthy one fails over.
    return healthy === false ? failover.secondaryRegion : poolId.split('_')[0];
  }

  private async domainRequest(host: string, req: RestRequest, ctx: CallContext): Promise<RestResponse | null> {
    const target = this.cognito.domainTarget(host);
    if (!target || req.path !== '/oauth2/token') return null;
    const primaryRegion = this.cognito.poolRegions(target.poolId, ctx)[0]?.region;
    if (!primaryRegion) return null;
    let region: string;
    if (target.kind === 'prefix') region = target.hostRegion!;
    else region = target.failover ? this.customDomainRegion(target.poolId, target.failover, ctx) : primaryRegion;
    const view = this.cognito.regionView(target.poolId, region, ctx);
    if (!view && target.kind === 'prefix') return null;
    if (ctx.isRegionDown(region, SERVICE)) return unavailable({ region, unavailable: `${region} is unavailable` });
    if (!view || view.status !== 'ACTIVE') {
      // An INACTIVE replica refuses end-user requests (aws-conformance A7).
      return unavailable({ region, unavailable: `the user pool replica in ${region} is not ACTIVE` });
    }
    const response = await clientCredentialsToken(view, req, ctx.now, (v) => this.privateKey(v));
    response.headers = { ...response.headers, 'x-sandbox-region': region };
    return response;
  }

  private privateKey(view: PoolRegionView): Promise<CryptoKey> {
    let key = this.keys.get(view.signingKey.kid);
    if (!key) {
      key = importPrivateKey(view.signingKey);
      this.keys.set(view.signingKey.kid, key);
    }
    return key;
  }
}

function unavailable(routed: Routed): RestResponse {
  return oauthError(503, 'temporarily_unavailable', `Service unavailable: ${routed.unavailable}.`, { 'x-sandbox-region': routed.region });
}
