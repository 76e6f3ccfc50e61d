/**
 * What the policy's resources are scoped to, taken from the configuration: the pool and its two
 * Regions, the key alias (and the key, when the config names it), the hosted zone, the record name and
 * the health checks. The account cannot be known without calling AWS: it comes from --account, else
 * from the ARN in key.arn, else it is "*" (and the policy says so).
 */
import { partitionOfRegion } from '../config/regions.js';
import type { ArcConfig, MrrConfig } from '../config/schema.js';
import { controlPanelOf } from '../dns/arc-panel.js';
import type { Topology } from '../config/topology.js';
import { DEFAULT_KEY_ALIAS } from '../keys/key-facts.js';

export interface PolicyScope {
  partition: string;
  /** 12 digits, or "*" when unknown. */
  account: string;
  userPoolId: string;
  /** Primary first. */
  regions: [string, string];
  keyAlias: string;
  /** The key id when the config names a key ARN (multi-Region keys share it across Regions). */
  keyId?: string;
  hostedZoneId?: string;
  recordName?: string;
  healthCheckIds: string[];
  dnsStrategy?: string;
  /** dns.arc of the arc-routing-control strategy: the ARNs its grants are scoped to. */
  arc?: { clusterArn: string; controlPanelArns: string[]; routingControlArns: string[] };
}

export const ACCOUNT_PATTERN = /^\d{12}$/;
const KEY_ARN = /^arn:(aws[a-z-]*):kms:[a-z0-9-]+:(\d{12}):(key|alias)\/(.+)$/;

export interface ScopeInput {
  topology: Topology;
  config: MrrConfig;
  /** --account; validated by the caller. */
  account?: string;
}

export function policyScope({ topology, config, account }: ScopeInput): PolicyScope {
  const keyArn = config.key?.arn ? KEY_ARN.exec(config.key.arn) : null;
  const dns = config.dns;
  const healthCheckIds = new Set<string>();
  if (dns?.healthCheckId) healthCheckIds.add(dns.healthCheckId);
  for (const record of Object.values(dns?.records ?? {})) if (record.healthCheckId) healthCheckIds.add(record.healthCheckId);
  return {
    partition: keyArn?.[1] ?? partitionOfRegion(topology.primaryRegion),
    account: account ?? keyArn?.[2] ?? '*',
    userPoolId: topology.userPoolId,
    regions: [topology.primaryRegion, topology.secondaryRegion],
    keyAlias: config.key?.alias ?? DEFAULT_KEY_ALIAS,
    ...(keyArn?.[3] === 'key' ? { keyId: keyArn[4] } : {}),
    ...(dns ? { hostedZoneId: dns.hostedZoneId.replace(/^\/hostedzone\//, ''), recordName: dns.recordName } : {}),
    healthCheckIds: [...healthCheckIds].sort(),
    ...(dns ? { dnsStrategy: dns.strategy } : {}),
    ...(dns?.strategy === 'arc-routing-control' && dns.arc ? { arc: arcScope(dns.arc) } : {}),
  };
}

function arcScope(arc: ArcConfig): NonNullable<PolicyScope['arc']> {
  const routingControlArns = [...new Set(Object.values(arc.routingControls))].sort();
  const controlPanelArns = [...new Set(routingControlArns.map(controlPanelOf).filter((p): p is string => p !== undefined))].sort();
  return { clusterArn: arc.clusterArn, controlPanelArns, routingControlArns };
}

/** Route 53's form of a record name in the ChangeResourceRecordSets condition keys. */
export function normalizedRecordName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
