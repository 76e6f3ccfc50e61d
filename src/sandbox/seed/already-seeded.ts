/**
 * Seeding twice used to fail half-way ("Domain already associated") and leave a second pool behind.
 * The seed now looks first, with reads only, for what a demo world would collide with — the demo
 * pool, the custom domain (one per account, global), the example.com zone, the demo ARC cluster — and
 * refuses before any write, pointing at `mrrctl sandbox reset`.
 */
import { ARC_CONFIG_REGION } from '../arc/endpoints.js';
import { SandboxError, type JsonObject } from '../types.js';
import { parseXml } from '../wire/xml.js';
import type { World } from '../world.js';
import { DEMO_ARC_NAMES } from './dns-arc.js';
import { RECORD_NAME, ROUTE53_REGION, ZONE_NAME } from './route53-call.js';

const COGNITO = 'AWSCognitoIdentityProviderService';

/** HTTP 409: the admin API answers it as a conflict, and `mrrctl sandbox seed` exits 2 with the message. */
export const ALREADY_SEEDED = 'AlreadySeeded';

async function restGet(world: World, path: string, region: string): Promise<string | undefined> {
  const req = { method: 'GET', path, query: new URLSearchParams(), headers: {}, body: '' };
  if (!world.routeRest(req)) return undefined;
  const { response } = await world.invokeRest(req, region);
  return response.status < 400 ? response.body : undefined;
}

export async function refuseIfSeeded(world: World, primaryRegion: string): Promise<void> {
  const found: string[] = [];
  if (world.jsonService(COGNITO)) {
    const pools = await world.invokeJson(COGNITO, 'ListUserPools', { MaxResults: 60 }, primaryRegion);
    for (const pool of (pools.UserPools ?? []) as JsonObject[]) {
      if (pool.Name === 'demo-users') found.push(`user pool ${pool.Id} (demo-users)`);
    }
    const domain = await world.invokeJson(COGNITO, 'DescribeUserPoolDomain', { Domain: RECORD_NAME }, primaryRegion).catch(() => ({}));
    const description = (domain as JsonObject).DomainDescription as JsonObject | undefined;
    if (description?.UserPoolId) found.push(`custom domain ${RECORD_NAME} (on ${description.UserPoolId})`);
  }
  const zones = await restGet(world, '/2013-04-01/hostedzone', ROUTE53_REGION);
  if (zones && parseXml(zones).ListHostedZonesResponse && zones.includes(`<Name>${ZONE_NAME}.</Name>`)) found.push(`hosted zone ${ZONE_NAME}`);
  const clusters = await restGet(world, '/cluster', ARC_CONFIG_REGION);
  if (clusters && (JSON.parse(clusters).Clusters as JsonObject[]).some((c) => c.Name === DEMO_ARC_NAMES.cluster)) {
    found.push(`ARC cluster ${DEMO_ARC_NAMES.cluster}`);
  }
  if (found.length > 0) {
    throw new SandboxError(
      ALREADY_SEEDED,
      `the sandbox world is already seeded (${found.join(', ')}); nothing was changed. ` +
        'Run `mrrctl sandbox reset` to empty it, then seed again.',
      409,
    );
  }
}
