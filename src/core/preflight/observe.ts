/**
 * What preflight reads, from both Regions concurrently. Nothing here writes. A read that fails is
 * recorded in `unread` (and in the ReadLog) instead of ending the run: the checks that need it say
 * "unreadable", the others still run. The pool, its replicas, MFA and identity providers are global
 * (replicated) settings, so when the primary does not answer they are read from the secondary.
 */
import type { Topology } from '../config/topology.js';
import type { JsonObject } from '../plan/types.js';
import type { CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { KeyMetadata, KmsReader } from '../ports/kms.js';
import type { HealthCheck, Route53Reader } from '../ports/route53.js';
import { ReadLog, type UnreadableFinding } from '../unreadable.js';

export type PreflightRead = 'pool' | 'replicas' | 'primaryKey' | 'secondaryKey' | 'primaryPolicy' | 'secondaryPolicy' | 'mfa' | 'identityProviders' | 'customDomain' | 'domainHealthCheck';

export interface PreflightObservation {
  pool?: UserPool;
  /** The Region the pool's (global) settings were read from: the secondary when the primary did not answer. */
  poolRegion?: string;
  replicas: ReplicaInfo[];
  primaryKey?: KeyMetadata;
  secondaryKey?: KeyMetadata;
  primaryPolicy?: string;
  secondaryPolicy?: string;
  mfa?: JsonObject;
  identityProviders: JsonObject[];
  customDomain?: JsonObject;
  domainHealthCheck?: HealthCheck;
  /** The primary's DescribeUserPool failure when the pool was read from the secondary instead. */
  poolUnreadIn?: UnreadableFinding;
  /** Each value that could not be read, with why. A missing key here and in the fields: not found. */
  unread: Partial<Record<PreflightRead, UnreadableFinding>>;
}

export async function observePreflight(
  readers: { cognito: CognitoReader; kms: KmsReader; route53: Route53Reader },
  t: Topology,
  reads: ReadLog = new ReadLog(),
): Promise<PreflightObservation> {
  const { cognito, kms, route53 } = readers;
  const o: PreflightObservation = { replicas: [], identityProviders: [], unread: {} };
  const both = [t.primaryRegion, t.secondaryRegion];
  const cog = (operation: string) => ({ service: 'cognito-idp', operation });

  const pool = await reads.first(both, cog('DescribeUserPool'), (r) => cognito.describeUserPool(r, t.userPoolId));
  // A secondary that does not know the pool says nothing about the primary: still unread.
  if (!pool.ok || (pool.value === undefined && pool.region !== t.primaryRegion)) {
    o.unread.pool = pool.failed[0];
    return o;
  }
  // Not found in the primary is an answer ("does not exist"), not a reason to ask the secondary.
  if (!pool.value) return o;
  o.pool = pool.value;
  o.poolRegion = pool.region;
  if (pool.failed.length > 0) o.poolUnreadIn = pool.failed[0];
  // The first Region asked for the global reads: the one that answered DescribeUserPool.
  const global = pool.region === t.primaryRegion ? both : [pool.region];
  const keyArn = o.pool.KeyConfiguration?.KeyType === 'CUSTOMER_MANAGED_KEY' ? o.pool.KeyConfiguration.KmsKeyArn : undefined;
  const keyId = keyArn?.split('/').pop();
  const kmsRead = async <T>(field: PreflightRead, operation: string, region: string, read: () => Promise<T | undefined>, set: (v: T | undefined) => void) => {
    const a = await reads.attempt({ service: 'kms', operation, region }, read);
    if (a.ok) set(a.value);
    else o.unread[field] = a.unreadable;
  };
  const globalRead = async <T>(field: PreflightRead, operation: string, read: (region: string) => Promise<T>, set: (v: T) => void) => {
    const a = await reads.first(global, cog(operation), read);
    if (a.ok) set(a.value);
    else o.unread[field] = a.failed[0];
  };
  await Promise.all([
    globalRead('replicas', 'ListUserPoolReplicas', (r) => cognito.listReplicas(r, t.userPoolId), (v) => (o.replicas = v)),
    globalRead('mfa', 'GetUserPoolMfaConfig', (r) => cognito.getMfaConfig(r, t.userPoolId), (v) => (o.mfa = v)),
    globalRead('identityProviders', 'ListIdentityProviders', (r) => cognito.listIdentityProviders(r, t.userPoolId), (v) => (o.identityProviders = v)),
    keyArn && keyId
      ? Promise.all([
          kmsRead('primaryKey', 'DescribeKey', t.primaryRegion, () => kms.describeKey(t.primaryRegion, keyArn), (k) => (o.primaryKey = k)),
          kmsRead('secondaryKey', 'DescribeKey', t.secondaryRegion, () => kms.describeKey(t.secondaryRegion, keyId), (k) => (o.secondaryKey = k)),
          kmsRead('primaryPolicy', 'GetKeyPolicy', t.primaryRegion, () => kms.getKeyPolicy(t.primaryRegion, keyArn), (p) => (o.primaryPolicy = p)),
          kmsRead('secondaryPolicy', 'GetKeyPolicy', t.secondaryRegion, () => kms.getKeyPolicy(t.secondaryRegion, keyId), (p) => (o.secondaryPolicy = p)),
        ])
      : undefined,
    o.pool.CustomDomain ? readDomain(readers, t, o, reads, o.pool.CustomDomain) : undefined,
  ]);
  return o;
}

/** The custom domain lives in the primary (DescribeUserPoolDomain), its health check in Route 53. */
async function readDomain(
  readers: { cognito: CognitoReader; route53: Route53Reader },
  t: Topology,
  o: PreflightObservation,
  reads: ReadLog,
  domain: string,
): Promise<void> {
  const d = await reads.attempt({ service: 'cognito-idp', operation: 'DescribeUserPoolDomain', region: t.primaryRegion }, () => readers.cognito.describeDomain(t.primaryRegion, domain));
  if (!d.ok) {
    o.unread.customDomain = d.unreadable;
    return;
  }
  o.customDomain = d.value;
  const hcId = (d.value?.Routing as { Failover?: { PrimaryRoute53HealthCheckId?: string } } | undefined)?.Failover?.PrimaryRoute53HealthCheckId;
  if (!hcId) return;
  const hc = await reads.attempt({ service: 'route53', operation: 'GetHealthCheck', region: 'us-east-1' }, () => readers.route53.getHealthCheck(hcId));
  if (hc.ok) o.domainHealthCheck = hc.value;
  else o.unread.domainHealthCheck = hc.unreadable;
}
