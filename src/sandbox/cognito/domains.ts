/**
 * User-pool domains: one prefix domain (`<prefix>.auth.<region>.amazoncognito.com`) and one custom
 * domain per pool, managed from the primary Region. Routing.Failover (custom domains only) names the
 * secondary Region and the Route 53 health check that decides which Region serves the domain.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from '../types.js';
import type { OperationScope } from './ports.js';
import { writablePool, type HostedPool } from './replication.js';
import { clone, compact, type DomainRecord, type PoolRecord } from './state.js';
import { invalidParameter, isKnownRegion, optionalInt, optionalObject, requireString } from './validation.js';

const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const CUSTOM_DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACM_US_EAST_1 = /^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/;
const RESERVED = ['aws', 'amazon', 'cognito'];

function kindOf(domain: string): DomainRecord['kind'] {
  return domain.includes('.') ? 'custom' : 'prefix';
}

function allDomains(pools: Record<string, PoolRecord>): Array<{ pool: PoolRecord; record: DomainRecord }> {
  return Object.values(pools).flatMap((pool) => pool.domains.map((record) => ({ pool, record })));
}

/** A stable fake CloudFront name per domain, like d111111abcdef8.cloudfront.net. */
function cloudFrontName(domain: string): string {
  return `d${createHash('sha256').update(domain).digest('hex').slice(0, 13)}.cloudfront.net`;
}

function readRouting(input: JsonObject, kind: DomainRecord['kind'], hosted: HostedPool): JsonObject | undefined {
  const routing = optionalObject(input, 'Routing');
  if (!routing || Object.keys(routing).length === 0) return undefined;
  if (kind !== 'custom') throw invalidParameter('Routing is supported only for custom domains.');
  const extra = Object.keys(routing).filter((k) => k !== 'Failover');
  if (extra.length > 0) throw invalidParameter(`Unsupported routing type ${extra[0]}; only Failover is supported.`);
  const failover = optionalObject(routing, 'Failover');
  if (!failover) throw invalidParameter('Routing.Failover is required.');
  const secondary = requireString(failover, 'SecondaryRegion', { min: 5, max: 32 });
  const healthCheckId = requireString(failover, 'PrimaryRoute53HealthCheckId', { min: 1, max: 64 });
  if (!isKnownRegion(secondary)) throw invalidParameter(`${secondary} is not a valid AWS Region name.`);
  if (secondary === hosted.pool.primaryRegion) {
    throw invalidParameter(`SecondaryRegion ${secondary} is the user pool's primary Region.`);
  }
  const replica = hosted.pool.replicas[secondary];
  if (!replica || replica.status === 'DELETING') {
    throw invalidParameter(`User pool ${hosted.pool.id} has no replica in ${secondary} to fail over to.`);
  }
  return { Failover: { SecondaryRegion: secondary, PrimaryRoute53HealthCheckId: healthCheckId } };
}

function readCustomDomainConfig(input: JsonObject, kind: DomainRecord['kind'], required: boolean): JsonObject | undefined {
  const config = optionalObject(input, 'CustomDomainConfig');
  if (kind === 'prefix') {
    if (config) throw invalidParameter('CustomDomainConfig applies only to custom domains.');
    return undefined;
  }
  if (!config) {
    if (required) throw invalidParameter('A custom domain requires CustomDomainConfig with an ACM CertificateArn.');
    return undefined;
  }
  const arn = requireString(config, 'CertificateArn', { min: 20, max: 2048 });
  if (!ACM_US_EAST_1.test(arn)) throw invalidParameter(`The certificate ${arn} must be an ACM certificate in us-east-1.`);
  return compact({ CertificateArn: arn, SecurityPolicy: config.SecurityPolicy });
}

function readManagedLoginVersion(input: JsonObject): number | undefined {
  return optionalInt(input, 'ManagedLoginVersion', 1, 2);
}

function domainResponse(record: DomainRecord): JsonObject {
  return compact({ ManagedLoginVersion: record.managedLoginVersion, CloudFrontDomain: record.cloudFrontDomain, Routing: clone(record.routing) });
}

export function createUserPoolDomain(scope: OperationScope, input: JsonObject): JsonObject {
  const domain = requireString(input, 'Domain', { min: 1, max: 253 });
  const hosted = writablePool(scope, input, 'CreateUserPoolDomain');
  const kind = kindOf(domain);
  if (kind === 'prefix') {
    if (!PREFIX.test(domain)) throw invalidParameter(`Domain ${domain} is not a valid domain prefix.`);
    const reserved = RESERVED.find((word) => domain.includes(word));
    if (reserved) throw invalidParameter(`Domain cannot contain reserved word: ${reserved}`);
  } else if (!CUSTOM_DOMAIN.test(domain)) {
    throw invalidParameter(`Domain ${domain} is not a valid domain name.`);
  }
  const customDomainConfig = readCustomDomainConfig(input, kind, true);
  const routing = readRouting(input, kind, hosted);
  const owner = allDomains(scope.pools).find((d) => d.record.domain === domain);
  if (owner) throw invalidParameter('Domain already associated with another user pool.');
  if (hosted.pool.domains.some((d) => d.kind === kind)) throw invalidParameter(`User pool already has a ${kind} domain configured.`);
  const record: DomainRecord = { domain, kind, createdAt: scope.ctx.now, managedLoginVersion: readManagedLoginVersion(input) ?? 1 };
  if (customDomainConfig) record.customDomainConfig = customDomainConfig;
  if (routing) record.routing = routing;
  if (kind === 'custom') record.cloudFrontDomain = cloudFrontName(domain);
  hosted.pool.domains.push(record);
  return domainResponse(record);
}

function ownedDomain(hosted: HostedPool, domain: string): DomainRecord {
  const record = hosted.pool.domains.find((d) => d.domain === domain);
  if (!record) throw invalidParameter(`Domain ${domain} is not associated with user pool ${hosted.pool.id}.`);
  return record;
}

/**
 * Omitted CustomDomainConfig and ManagedLoginVersion are kept; omitted Routing is removed (like the
 * other Update operations reset what they omit) [INF]. Send the existing Routing to keep failover.
 */
export function updateUserPoolDomain(scope: OperationScope, input: JsonObject): JsonObject {
  const domain = requireString(input, 'Domain', { min: 1, max: 253 });
  const hosted = writablePool(scope, input, 'UpdateUserPoolDomain');
  const record = ownedDomain(hosted, domain);
  const customDomainConfig = readCustomDomainConfig(input, record.kind, false) ?? record.customDomainConfig;
  const routing = readRouting(input, record.kind, hosted);
  record.managedLoginVersion = readManagedLoginVersion(input) ?? record.managedLoginVersion;
  if (customDomainConfig) record.customDomainConfig = customDomainConfig;
  if (routing) record.routing = routing;
  else delete record.routing;
  return domainResponse(record);
}

export function deleteUserPoolDomain(scope: OperationScope, input: JsonObject): JsonObject {
  const domain = requireString(input, 'Domain', { min: 1, max: 253 });
  const hosted = writablePool(scope, input, 'DeleteUserPoolDomain');
  const record = ownedDomain(hosted, domain);
  hosted.pool.domains = hosted.pool.domains.filter((d) => d !== record);
  return {};
}

/**
 * AWS answers an unknown domain with an empty DomainDescription, not an error. Domains are described
 * from the primary Region's endpoint only (aws-conformance A3); elsewhere they look unknown. [INF]
 */
export function describeUserPoolDomain(scope: OperationScope, input: JsonObject): JsonObject {
  const domain = requireString(input, 'Domain', { min: 1, max: 253 });
  const found = allDomains(scope.pools).find((d) => d.record.domain === domain && d.pool.primaryRegion === scope.ctx.region);
  if (!found) return { DomainDescription: {} };
  const { pool, record } = found;
  return {
    DomainDescription: compact({
      UserPoolId: pool.id,
      AWSAccountId: scope.ctx.accountId,
      Domain: record.domain,
      S3Bucket: `aws-cognito-prod-${pool.primaryRegion.replace(/-/g, '')}-assets`,
      CloudFrontDistribution: record.cloudFrontDomain ?? cloudFrontName(`${record.domain}.${pool.primaryRegion}`),
      Version: String(record.createdAt),
      Status: 'ACTIVE',
      CustomDomainConfig: clone(record.customDomainConfig),
      ManagedLoginVersion: record.managedLoginVersion,
      Routing: clone(record.routing),
    }),
  };
}

/** Which pool and domain an HTTPS host names: `<prefix>.auth.<region>.amazoncognito.com` or a custom domain. */
export function findDomainByHost(
  pools: Record<string, PoolRecord>,
  host: string,
): { pool: PoolRecord; record: DomainRecord; hostRegion?: string } | undefined {
  const prefixHost = /^([a-z0-9-]+)\.auth\.([a-z0-9-]+)\.amazoncognito\.com$/.exec(host);
  const name = prefixHost ? prefixHost[1] : host;
  const found = allDomains(pools).find((d) => d.record.domain === name && d.record.kind === (prefixHost ? 'prefix' : 'custom'));
  return found ? { ...found, hostRegion: prefixHost?.[2] } : undefined;
}
