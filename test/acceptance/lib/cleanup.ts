/**
 * Deletes what one acceptance run created, and nothing else. It works from the ledger (so it can run
 * long after the run died: `npm run test:aws -- --cleanup <runId>`), in reverse order of creation
 * (records and zone, health checks, replica, pool, keys), and is idempotent: a resource already gone
 * is reported as such. Before every delete it reads the resource back and checks the run's mark — the
 * pool's tag, the zone's or health check's caller reference, the key's tag naming the run's own pool —
 * and refuses anything that does not carry it. One failure does not stop the others; the report says
 * what happened to each.
 */
import type { AwsClients } from '../../../src/aws/clients.js';
import type { Ledger } from './ledger.js';
import { marks, POOL_TAG_KEY, RUN_TAG_KEY } from './marks.js';

export interface CleanupOutcome {
  kind: string;
  region: string;
  name: string;
  outcome: 'deleted' | 'scheduled for deletion in 7 days' | 'already gone' | 'refused: not created by this run' | `failed: ${string}`;
}

export interface CleanupOptions {
  /** Waits between reads of a replica that is deactivating or being deleted. */
  pause: (ms: number) => Promise<void>;
  /** How long to wait for the replica to go (real accounts: minutes). */
  replicaWaitMs: number;
  pollMs: number;
}

const notFound = (err: unknown) => /NotFound|NoSuch|ResourceNotFound/.test(String((err as Error)?.name ?? ''));

export async function cleanupRun(clients: AwsClients, ledger: Ledger, opts: CleanupOptions): Promise<CleanupOutcome[]> {
  const runId = ledger.runId;
  const m = marks(runId);
  const resources = ledger.resources();
  const report: CleanupOutcome[] = [];
  const attempt = async (kind: string, region: string, name: string, fn: () => Promise<CleanupOutcome['outcome']>) => {
    let outcome: CleanupOutcome['outcome'];
    try {
      outcome = await fn();
    } catch (err) {
      outcome = notFound(err) ? 'already gone' : `failed: ${(err as Error).name}: ${(err as Error).message}`;
    }
    report.push({ kind, region, name, outcome });
    if (outcome === 'deleted' || outcome === 'already gone' || outcome.startsWith('scheduled')) {
      ledger.record({ event: 'deleted', kind: kind as never, region, mark: name });
    }
  };

  const r53 = await import('@aws-sdk/client-route-53');
  const route53 = await clients.route53();
  for (const zone of resources.filter((r) => r.kind === 'zone')) {
    await attempt('zone', 'global', zone.mark, async () => {
      const id = zone.id ?? (await findZone(route53, r53, zone.mark));
      if (!id) return 'already gone';
      const found = await route53.send(new r53.GetHostedZoneCommand({ Id: id }));
      if (found.HostedZone?.CallerReference !== zone.mark) return 'refused: not created by this run';
      // Everything inside the run's own zone is the run's (its records, mrrctl's history and lock).
      const apex = found.HostedZone.Name;
      const doomed = [];
      let next: { name?: string; type?: string; id?: string } = {};
      do {
        const page = await route53.send(
          new r53.ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordName: next.name, StartRecordType: next.type as never, StartRecordIdentifier: next.id }),
        );
        doomed.push(...(page.ResourceRecordSets ?? []).filter((r) => !(r.Name === apex && (r.Type === 'SOA' || r.Type === 'NS'))));
        next = page.IsTruncated ? { name: page.NextRecordName, type: page.NextRecordType, id: page.NextRecordIdentifier } : {};
      } while (next.name);
      if (doomed.length > 0) {
        await route53.send(
          new r53.ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: doomed.map((r) => ({ Action: 'DELETE' as const, ResourceRecordSet: r })) } }),
        );
      }
      await route53.send(new r53.DeleteHostedZoneCommand({ Id: id }));
      return 'deleted';
    });
  }
  for (const check of resources.filter((r) => r.kind === 'health-check').reverse()) {
    await attempt('health-check', check.region, check.mark, async () => {
      const id = check.id ?? (await findHealthCheck(route53, r53, check.mark));
      if (!id) return 'already gone';
      const found = await route53.send(new r53.GetHealthCheckCommand({ HealthCheckId: id }));
      if (found.HealthCheck?.CallerReference !== check.mark) return 'refused: not created by this run';
      await route53.send(new r53.DeleteHealthCheckCommand({ HealthCheckId: id }));
      return 'deleted';
    });
  }

  const cog = await import('@aws-sdk/client-cognito-identity-provider');
  const poolEntry = resources.find((r) => r.kind === 'pool');
  let poolId: string | undefined;
  if (poolEntry) {
    const cognito = await clients.cognito(poolEntry.region);
    poolId = poolEntry.id ?? (await findPool(cognito, cog, poolEntry.mark));
    const owned = async (): Promise<boolean> => {
      const pool = await cognito.send(new cog.DescribeUserPoolCommand({ UserPoolId: poolId }));
      return pool.UserPool?.UserPoolTags?.[RUN_TAG_KEY] === runId;
    };
    for (const replica of resources.filter((r) => r.kind === 'replica')) {
      await attempt('replica', replica.region, `${poolId ?? replica.mark} in ${replica.region}`, async () => {
        if (!poolId) return 'already gone';
        if (!(await owned())) return 'refused: not created by this run';
        const status = async () =>
          (await cognito.send(new cog.ListUserPoolReplicasCommand({ UserPoolId: poolId }))).UserPoolReplicas?.find((x) => x.RegionName === replica.region)?.Status as string | undefined;
        const waitFor = async (done: (s: string | undefined) => boolean) => {
          for (let waited = 0; !done(await status()); waited += opts.pollMs) {
            if (waited >= opts.replicaWaitMs) throw new Error(`the replica in ${replica.region} is still ${await status()} after ${opts.replicaWaitMs / 1000} s`);
            await opts.pause(opts.pollMs);
          }
        };
        const current = await status();
        if (!current || current === 'DELETING' || current === 'DELETED') return 'already gone';
        // A replica must be INACTIVE before it can be deleted (aws-conformance A7: DeleteUserPoolReplica).
        if (current !== 'INACTIVE') {
          await waitFor((st) => st !== 'CREATING' && st !== 'ACTIVATING' && st !== 'DEACTIVATING');
          if ((await status()) === 'ACTIVE') await cognito.send(new cog.UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: replica.region, Status: 'INACTIVE' }));
          await waitFor((st) => st === 'INACTIVE' || st === 'FAILED');
        }
        await cognito.send(new cog.DeleteUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: replica.region }));
        await waitFor((st) => st === undefined || st === 'DELETED');
        return 'deleted';
      });
    }
    await attempt('pool', poolEntry.region, poolId ?? poolEntry.mark, async () => {
      if (!poolId) return 'already gone';
      if (!(await owned())) return 'refused: not created by this run';
      await cognito.send(new cog.DeleteUserPoolCommand({ UserPoolId: poolId }));
      return 'deleted';
    });
  }

  const kmsSdk = await import('@aws-sdk/client-kms');
  // Replica keys first: a primary with replicas only waits in PendingReplicaDeletion until they go.
  const keyEntries = resources.filter((r) => r.kind === 'key').sort((a, b) => Number(a.region === poolEntry?.region) - Number(b.region === poolEntry?.region));
  for (const key of keyEntries) {
    const kms = await clients.kms(key.region);
    await attempt('key', key.region, `${key.mark} in ${key.region}`, async () => {
      const described = await kms.send(new kmsSdk.DescribeKeyCommand({ KeyId: key.mark })).catch((err) => {
        if (notFound(err)) return undefined;
        throw err;
      });
      const keyId = described?.KeyMetadata?.KeyId ?? (poolId ? await findKeyTaggedForPool(kms, kmsSdk, poolId) : undefined);
      if (!keyId) return 'already gone';
      const tags = (await kms.send(new kmsSdk.ListResourceTagsCommand({ KeyId: keyId }))).Tags ?? [];
      const ours = tags.some((t) => (t.TagKey === RUN_TAG_KEY && t.TagValue === runId) || (poolId !== undefined && t.TagKey === POOL_TAG_KEY && t.TagValue === poolId));
      if (!ours) return 'refused: not created by this run';
      if (described?.KeyMetadata) await kms.send(new kmsSdk.DeleteAliasCommand({ AliasName: m.keyAlias })).catch((err) => (notFound(err) ? undefined : Promise.reject(err)));
      const state = (await kms.send(new kmsSdk.DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState;
      if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') return 'already gone';
      // 7 days is KMS's minimum waiting period; keys pending deletion are not billed (docs/acceptance.md).
      await kms.send(new kmsSdk.ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
      return 'scheduled for deletion in 7 days';
    });
  }
  return report;
}

async function findZone(route53: any, r53: typeof import('@aws-sdk/client-route-53'), callerReference: string): Promise<string | undefined> {
  let marker: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await route53.send(new r53.ListHostedZonesCommand({ Marker: marker }));
    const hit = (page.HostedZones ?? []).find((z: { CallerReference?: string }) => z.CallerReference === callerReference);
    if (hit) return String(hit.Id).replace(/^\/hostedzone\//, '');
    if (!page.IsTruncated) return undefined;
    marker = page.NextMarker;
  }
  return undefined;
}

async function findHealthCheck(route53: any, r53: typeof import('@aws-sdk/client-route-53'), callerReference: string): Promise<string | undefined> {
  let marker: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await route53.send(new r53.ListHealthChecksCommand({ Marker: marker }));
    const hit = (page.HealthChecks ?? []).find((c: { CallerReference?: string }) => c.CallerReference === callerReference);
    if (hit) return String(hit.Id);
    if (!page.IsTruncated) return undefined;
    marker = page.NextMarker;
  }
  return undefined;
}

async function findPool(cognito: any, cog: typeof import('@aws-sdk/client-cognito-identity-provider'), name: string): Promise<string | undefined> {
  let token: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await cognito.send(new cog.ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
    const hit = (page.UserPools ?? []).find((p: { Name?: string }) => p.Name === name);
    if (hit) return String(hit.Id);
    token = page.NextToken;
    if (!token) return undefined;
  }
  return undefined;
}

/** A run stopped between CreateKey and CreateAlias leaves a key only mrrctl's pool tag names. */
async function findKeyTaggedForPool(kms: any, sdk: typeof import('@aws-sdk/client-kms'), poolId: string): Promise<string | undefined> {
  let marker: string | undefined;
  for (let pages = 0; pages < 10; pages++) {
    const page = await kms.send(new sdk.ListKeysCommand({ Marker: marker, Limit: 100 }));
    for (const k of page.Keys ?? []) {
      // Keys the caller may not read (another service's, AWS managed) are simply not ours.
      const tags = (await kms.send(new sdk.ListResourceTagsCommand({ KeyId: k.KeyId })).catch(() => ({ Tags: [] }))).Tags ?? [];
      if (tags.some((t: { TagKey?: string; TagValue?: string }) => t.TagKey === POOL_TAG_KEY && t.TagValue === poolId)) return String(k.KeyId);
    }
    if (!page.Truncated) return undefined;
    marker = page.NextMarker;
  }
  return undefined;
}
