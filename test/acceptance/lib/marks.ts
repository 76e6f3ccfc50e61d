/**
 * The run-unique marks that prove a resource belongs to one acceptance run. Every resource the suite
 * creates carries one that AWS keeps and returns: a tag (pools), an immutable caller reference
 * (hosted zones, health checks — Route 53 returns it on every read), or a name that contains the run
 * id (the key alias, and the keys mrrctl tags with the run's own pool id). Records live inside the
 * run's own zone.
 */
export const RUN_TAG_KEY = 'mrrctl:acceptance-run';
/** mrrctl's own tag on the keys `keys setup` creates (src/core/keys/key-facts.ts). */
export const POOL_TAG_KEY = 'mrrctl:user-pool-id';

export const marks = (runId: string) => ({
  poolName: `mrrctl-acceptance-${runId}`,
  zoneCallerReference: `mrrctl-acceptance-${runId}-zone`,
  healthCheckCallerReference: (region: string) => `mrrctl-acceptance-${runId}-hc-${region}`,
  keyAlias: `alias/mrrctl-acceptance-${runId}`,
  zoneName: (dnsParent: string) => `${runId}.${dnsParent}`,
  recordName: (dnsParent: string) => `auth.${runId}.${dnsParent}`,
});
