/** What preflight reads, from both Regions concurrently. Nothing here writes. */
import type { Topology } from '../config/topology.js';
import type { JsonObject } from '../plan/types.js';
import type { CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { KeyMetadata, KmsReader } from '../ports/kms.js';
import type { HealthCheck, Route53Reader } from '../ports/route53.js';

export interface PreflightObservation {
  pool?: UserPool;
  replicas: ReplicaInfo[];
  primaryKey?: KeyMetadata;
  secondaryKey?: KeyMetadata;
  primaryPolicy?: string;
  secondaryPolicy?: string;
  mfa?: JsonObject;
  identityProviders: JsonObject[];
  customDomain?: JsonObject;
  domainHealthCheck?: HealthCheck;
}

export async function observePreflight(
  readers: { cognito: CognitoReader; kms: KmsReader; route53: Route53Reader },
  t: Topology,
): Promise<PreflightObservation> {
  const { cognito, kms, route53 } = readers;
  const pool = await cognito.describeUserPool(t.primaryRegion, t.userPoolId);
  if (!pool) return { replicas: [], identityProviders: [] };
  const keyArn = pool.KeyConfiguration?.KeyType === 'CUSTOMER_MANAGED_KEY' ? pool.KeyConfiguration.KmsKeyArn : undefined;
  const keyId = keyArn?.split('/').pop();
  const o: PreflightObservation = { pool, replicas: [], identityProviders: [] };
  await Promise.all([
    cognito.listReplicas(t.primaryRegion, t.userPoolId).then((r) => (o.replicas = r)),
    cognito.getMfaConfig(t.primaryRegion, t.userPoolId).then((m) => (o.mfa = m)),
    cognito.listIdentityProviders(t.primaryRegion, t.userPoolId).then((p) => (o.identityProviders = p)),
    keyArn && keyId
      ? Promise.all([
          kms.describeKey(t.primaryRegion, keyArn).then((k) => (o.primaryKey = k)),
          kms.describeKey(t.secondaryRegion, keyId).then((k) => (o.secondaryKey = k)),
          kms.getKeyPolicy(t.primaryRegion, keyArn).then((p) => (o.primaryPolicy = p)),
          kms.getKeyPolicy(t.secondaryRegion, keyId).then((p) => (o.secondaryPolicy = p)),
        ])
      : undefined,
    pool.CustomDomain
      ? cognito.describeDomain(t.primaryRegion, pool.CustomDomain).then(async (d) => {
          o.customDomain = d;
          const hcId = (d?.Routing as { Failover?: { PrimaryRoute53HealthCheckId?: string } } | undefined)?.Failover?.PrimaryRoute53HealthCheckId;
          if (hcId) o.domainHealthCheck = await route53.getHealthCheck(hcId);
        })
      : undefined,
  ]);
  return o;
}
