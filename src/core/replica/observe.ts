/** What the replica commands observe: the pool, its replicas, and (when configured) DNS routing. */
import type { MrrConfig } from '../config/schema.js';
import type { Topology } from '../config/topology.js';
import { evaluateRouting, type DnsRouting } from '../dns/routing.js';
import type { CognitoReader, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { KeyMetadata, KmsReader } from '../ports/kms.js';
import type { Route53Reader } from '../ports/route53.js';

export interface ReplicaObservation {
  pool?: UserPool;
  replicas: ReplicaInfo[];
  /** The key in the secondary Region (the MRK replica), when the pool uses a customer managed key. */
  secondaryKey?: KeyMetadata;
  primaryKey?: KeyMetadata;
  routing?: DnsRouting;
  /** The Region the pool's custom domain fails over to (Routing.Failover), when it has one. */
  domainFailoverRegion?: string;
}

export interface ReplicaReaders {
  cognito: CognitoReader;
  kms: KmsReader;
  route53?: Route53Reader;
}

export function secondaryOf(replicas: ReplicaInfo[], region: string): ReplicaInfo | undefined {
  return replicas.find((r) => r.Role === 'SECONDARY' && r.RegionName === region);
}

export async function observeReplica(
  readers: ReplicaReaders,
  topology: Topology,
  config: MrrConfig,
  opts: { withKeys?: boolean; withDns?: boolean } = {},
): Promise<ReplicaObservation> {
  const { userPoolId, primaryRegion, secondaryRegion } = topology;
  const [pool, replicas] = await Promise.all([
    readers.cognito.describeUserPool(primaryRegion, userPoolId),
    readers.cognito.listReplicas(primaryRegion, userPoolId).catch((err) => {
      if ((err as { name?: string }).name === 'ResourceNotFoundException') return [] as ReplicaInfo[];
      throw err;
    }),
  ]);
  const observation: ReplicaObservation = { pool, replicas };
  const keyArn = pool?.KeyConfiguration?.KeyType === 'CUSTOMER_MANAGED_KEY' ? pool.KeyConfiguration.KmsKeyArn : undefined;
  const tasks: Promise<unknown>[] = [];
  if (opts.withKeys && keyArn) {
    const keyId = keyArn.split('/').pop() ?? keyArn;
    tasks.push(readers.kms.describeKey(primaryRegion, keyArn).then((k) => (observation.primaryKey = k)));
    tasks.push(readers.kms.describeKey(secondaryRegion, keyId).then((k) => (observation.secondaryKey = k)));
  }
  if (opts.withDns && pool?.CustomDomain) {
    tasks.push(
      readers.cognito.describeDomain(primaryRegion, pool.CustomDomain).then((d) => {
        const failover = (d?.Routing as { Failover?: { SecondaryRegion?: string } } | undefined)?.Failover;
        if (failover?.SecondaryRegion) observation.domainFailoverRegion = failover.SecondaryRegion;
      }),
    );
  }
  if (opts.withDns && config.dns && readers.route53) {
    const dns = config.dns;
    const r53 = readers.route53;
    tasks.push(
      Promise.all([
        r53.listRecordSets(dns.hostedZoneId, dns.recordName),
        dns.healthCheckId ? r53.getHealthCheck(dns.healthCheckId) : Promise.resolve(undefined),
      ]).then(([records, hc]) => {
        observation.routing = evaluateRouting(dns, { primary: primaryRegion, secondary: secondaryRegion }, records, hc);
      }),
    );
  }
  await Promise.all(tasks);
  return observation;
}
