/**
 * `GET /_sandbox/state` and `mrrctl sandbox status`: the world at a glance — pools and replicas,
 * keys, hosted zones and health checks — read through the models' own AWS read operations (the
 * public contract), not their private snapshot shapes. Reads here are in-process: no faults, no log.
 */
import { summarizeArc, type ArcClusterSummary } from './arc/arc-summary.js';
import type { JsonObject, RestRequest } from './types.js';
import { asArray, parseXml } from './wire/xml.js';
import type { World } from './world.js';

const COGNITO = 'AWSCognitoIdentityProviderService';
const KMS = 'TrentService';
const ROUTE53_REGION = 'us-east-1';

export interface WorldSummary {
  regions: string[];
  pools: Array<{ region: string; id: string; name?: string; tier?: string; replicas?: JsonObject[] }>;
  keys: Array<{ region: string; keyId: string; state?: string; multiRegion?: boolean; role?: string; aliases: string[] }>;
  zones: Array<{ id: string; name: string; recordCount?: number }>;
  healthChecks: Array<{ id: string; fqdn?: string; routingControlArn?: string; inverted: boolean; disabled: boolean; healthy?: boolean }>;
  /** ARC clusters: endpoints (down when a fault covers their Region) and routing control states. */
  arc: ArcClusterSummary[];
  faults: JsonObject[];
  calls: { total: number; writes: number; errors: number; lastSeq: number };
  settings: JsonObject;
  /** Sections that could not be read, with why (a model missing or failing). */
  problems: string[];
}

export async function summarizeWorld(world: World): Promise<WorldSummary> {
  const problems: string[] = [];
  const regions = await regionsToSummarize(world);
  const attempt = async <T>(section: string, fallback: T, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (err) {
      problems.push(`${section}: ${(err as Error).message}`);
      return fallback;
    }
  };
  const calls = world.callLog.list();
  return {
    regions,
    pools: world.jsonService(COGNITO) ? await attempt('pools', [], () => readPools(world, regions)) : [],
    keys: world.jsonService(KMS) ? await attempt('keys', [], () => readKeys(world, regions)) : [],
    zones: hasRoute53(world) ? await attempt('zones', [], () => readZones(world)) : [],
    healthChecks: hasRoute53(world) ? await attempt('healthChecks', [], () => readHealthChecks(world)) : [],
    arc: await attempt('arc', [], () => summarizeArc(world)),
    faults: world.faults.list() as unknown as JsonObject[],
    calls: {
      total: calls.length,
      writes: calls.filter((c) => c.write).length,
      errors: calls.filter((c) => c.status === 0 || c.status >= 400).length,
      lastSeq: world.callLog.latestSeq,
    },
    settings: { ...world.settings },
    problems,
  };
}

/**
 * The Regions the world has served, plus those its replicas live in: a replica created from the
 * primary's endpoint exists in a Region nobody has called yet.
 */
async function regionsToSummarize(world: World): Promise<string[]> {
  const regions = new Set(world.knownRegions());
  for (const region of [...regions]) {
    if (world.jsonService(COGNITO)) {
      const pools = await world.invokeJson(COGNITO, 'ListUserPools', { MaxResults: 60 }, region).catch((): JsonObject => ({}));
      for (const p of asArray<JsonObject>(pools.UserPools)) {
        const replicas = await world.invokeJson(COGNITO, 'ListUserPoolReplicas', { UserPoolId: p.Id }, region).catch((): JsonObject => ({}));
        for (const r of asArray<JsonObject>(replicas.UserPoolReplicas)) if (typeof r.RegionName === 'string') regions.add(r.RegionName);
      }
    }
    if (world.jsonService(KMS)) {
      const keys = await world.invokeJson(KMS, 'ListKeys', {}, region).catch((): JsonObject => ({}));
      for (const k of asArray<JsonObject>(keys.Keys)) {
        const meta = await world.invokeJson(KMS, 'DescribeKey', { KeyId: k.KeyId }, region).catch((): JsonObject => ({}));
        for (const r of asArray<JsonObject>(meta.KeyMetadata?.MultiRegionConfiguration?.ReplicaKeys)) {
          if (typeof r.Region === 'string') regions.add(r.Region);
        }
      }
    }
  }
  return [...regions].sort();
}

async function readPools(world: World, regions: string[]): Promise<WorldSummary['pools']> {
  const pools: WorldSummary['pools'] = [];
  for (const region of regions) {
    let token: string | undefined;
    do {
      const page = await world.invokeJson(COGNITO, 'ListUserPools', { MaxResults: 60, ...(token ? { NextToken: token } : {}) }, region);
      for (const p of asArray<JsonObject>(page.UserPools)) {
        const described = await world.invokeJson(COGNITO, 'DescribeUserPool', { UserPoolId: p.Id }, region).catch((): JsonObject => ({}));
        const pool: WorldSummary['pools'][number] = { region, id: p.Id, name: p.Name, tier: described.UserPool?.UserPoolTier };
        // Replicas are listed from the pool's primary Region (the one its id starts with).
        if (String(p.Id).startsWith(`${region}_`)) {
          const replicas = await world.invokeJson(COGNITO, 'ListUserPoolReplicas', { UserPoolId: p.Id }, region).catch(() => undefined);
          if (replicas) pool.replicas = asArray<JsonObject>(replicas.UserPoolReplicas);
        }
        pools.push(pool);
      }
      token = page.NextToken ?? undefined;
    } while (token);
  }
  return pools;
}

async function readKeys(world: World, regions: string[]): Promise<WorldSummary['keys']> {
  const keys: WorldSummary['keys'] = [];
  for (const region of regions) {
    const aliases = await world.invokeJson(KMS, 'ListAliases', {}, region).catch(() => ({ Aliases: [] }));
    const listed = await world.invokeJson(KMS, 'ListKeys', {}, region);
    for (const k of asArray<JsonObject>(listed.Keys)) {
      const meta = (await world.invokeJson(KMS, 'DescribeKey', { KeyId: k.KeyId }, region)).KeyMetadata ?? {};
      keys.push({
        region,
        keyId: k.KeyId,
        state: meta.KeyState,
        multiRegion: meta.MultiRegion,
        role: meta.MultiRegionConfiguration?.MultiRegionKeyType,
        aliases: asArray<JsonObject>(aliases.Aliases)
          .filter((a) => a.TargetKeyId === k.KeyId)
          .map((a) => String(a.AliasName)),
      });
    }
  }
  return keys;
}

async function readZones(world: World): Promise<WorldSummary['zones']> {
  const xml = await route53Get(world, '/2013-04-01/hostedzone');
  return asArray<JsonObject>(xml.ListHostedZonesResponse?.HostedZones?.HostedZone).map((z) => ({
    id: String(z.Id).replace(/^\/hostedzone\//, ''),
    name: String(z.Name),
    recordCount: z.ResourceRecordSetCount === undefined ? undefined : Number(z.ResourceRecordSetCount),
  }));
}

async function readHealthChecks(world: World): Promise<WorldSummary['healthChecks']> {
  const xml = await route53Get(world, '/2013-04-01/healthcheck');
  const checks: WorldSummary['healthChecks'] = [];
  for (const hc of asArray<JsonObject>(xml.ListHealthChecksResponse?.HealthChecks?.HealthCheck)) {
    const config = hc.HealthCheckConfig ?? {};
    const status = await route53Get(world, `/2013-04-01/healthcheck/${hc.Id}/status`).catch(() => undefined);
    const observations = asArray<JsonObject>(status?.GetHealthCheckStatusResponse?.HealthCheckObservations?.HealthCheckObservation);
    checks.push({
      id: String(hc.Id),
      fqdn: config.FullyQualifiedDomainName,
      ...(config.RoutingControlArn && { routingControlArn: String(config.RoutingControlArn) }),
      inverted: config.Inverted === 'true',
      disabled: config.Disabled === 'true',
      healthy: observations.length ? observations.some((o) => String(o.StatusReport?.Status ?? '').startsWith('Success')) : undefined,
    });
  }
  return checks;
}

function hasRoute53(world: World): boolean {
  return world.routeRest(restGet('/2013-04-01/hostedzone')) !== undefined;
}

async function route53Get(world: World, path: string): Promise<Record<string, any>> {
  const { response } = await world.invokeRest(restGet(path), ROUTE53_REGION);
  if (response.status >= 400) throw new Error(`GET ${path} answered ${response.status}`);
  return parseXml(response.body ?? '');
}

function restGet(path: string): RestRequest {
  return { method: 'GET', path, query: new URLSearchParams(), headers: {}, body: '' };
}
