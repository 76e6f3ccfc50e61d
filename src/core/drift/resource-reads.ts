/**
 * The resources the settings name (trigger functions, SES identities, log groups and streams, the
 * counterpart web ACL), each read as soon as the setting that names it is known rather than after
 * both Regions' whole snapshots: the observer passes on each piece of a Region's snapshot as it
 * arrives (the pool, its risk configuration, its log delivery, its web ACL), and wantedResources —
 * still the one definition of what is read — runs on what is known so far; every resource it names
 * that is not being read yet starts at once. A last pass over the whole observation starts anything
 * left. Each item of wantedResources follows from one piece alone, so the list only grows as pieces
 * arrive and ends as the whole observation's list: the same reads as one pass at the end, each once,
 * with the same results; only earlier.
 */
import type { ParityReader, WebAclSummary } from '../ports/parity.js';
import type { ReadSite, UnreadableFinding } from '../unreadable.js';
import { wantedResources } from './resources.js';
import { resourceKey, unreadKey, type DriftObservation, type RegionSnapshot, type ResourceKind, type ResourceSnapshot } from './types.js';

type Snapshots = Pick<DriftObservation, 'primaryRegion' | 'secondaryRegion' | 'primary' | 'secondary'>;

/** The pieces of a Region's snapshot that name resources. */
export type SnapshotPiece = Partial<Pick<RegionSnapshot, 'pool' | 'risk' | 'logDelivery' | 'webAcl'>>;

export interface ResourceReadDeps {
  parity: ParityReader;
  /**
   * Runs one resource's read under its Region's limiter; a failure goes to `unread` (with a ReadLog)
   * or rejects (the guards).
   */
  run(site: ReadSite, read: () => Promise<void>, unread: (u: UnreadableFinding) => void): Promise<unknown>;
  /** Runs a read under its Region's limiter only (an early read whose failure is not a finding by itself). */
  queue?<T>(region: string, read: () => Promise<T>): Promise<T>;
}

export interface ResourceReads {
  /**
   * Starts ListWebACLs in `region` now, before any piece names a web ACL: the counterpart's read
   * then needs only GetWebACL once the primary's web ACL is known. Unused (and its failure ignored)
   * when no web ACL is named.
   */
  listEarly(region: string): void;
  /** A piece of one side's snapshot has arrived: start the reads of what it names. */
  learn(side: 'primary' | 'secondary', piece: SnapshotPiece): void;
  /** The whole observation: start whatever is left, then wait for every read. */
  finish(o: Snapshots): Promise<ResourceSnapshot>;
}

function blank(region: string): RegionSnapshot {
  return { region, clients: [], resourceServers: [], identityProviders: [], groups: [] };
}

export function startResourceReads(deps: ResourceReadDeps, regions: { primaryRegion: string; secondaryRegion: string }): ResourceReads {
  const known: Snapshots = { ...regions, primary: blank(regions.primaryRegion), secondary: blank(regions.secondaryRegion) };
  const p = deps.parity;
  const resources: ResourceSnapshot = { functions: {}, emailIdentities: {}, logGroups: {}, deliveryStreams: {}, webAcls: {} };
  const unread: Record<string, UnreadableFinding> = {};
  const started = new Set<string>();
  const tasks: Array<Promise<unknown>> = [];
  // Web ACL listings started before anything names a web ACL (listEarly), by Region.
  const listings = new Map<string, Promise<WebAclSummary[]>>();

  // One resource, one tracked read, started once: a failure marks that resource unknown and the others go on.
  const look = (kind: ResourceKind, region: string, name: string, site: Omit<ReadSite, 'region'>, read: () => Promise<void>) => {
    const key = unreadKey(kind, region, name);
    if (started.has(key)) return;
    started.add(key);
    const task = deps.run({ ...site, region }, read, (u) => (unread[key] = u));
    // Awaited by finish(), after the snapshots: a guard's snapshot error still comes first, and a
    // failure before then is not an unhandled rejection.
    task.catch(() => undefined);
    tasks.push(task);
  };

  const startWanted = (o: Snapshots) => {
    const wanted = wantedResources(o);
    for (const { region, arn } of wanted.functions) {
      look('function', region, arn, { service: 'lambda', operation: 'GetFunction' }, async () => {
        // Both reads in one round trip (the policy's answer is used only when the function exists);
        // GetFunction is awaited first, so its failure, not GetPolicy's, is the one reported.
        const infoP = p.getFunction(region, arn);
        const policyP = p.getFunctionPolicy(region, arn);
        policyP.catch(() => undefined);
        const info = await infoP;
        const policy = info ? await policyP : undefined;
        resources.functions[resourceKey(region, arn)] = info ? { info, ...(policy ? { policy } : {}) } : null;
      });
    }
    for (const { region, identity } of wanted.emailIdentities) {
      look('emailIdentity', region, identity, { service: 'ses', operation: 'GetEmailIdentity' }, async () => void (resources.emailIdentities[resourceKey(region, identity)] = (await p.getEmailIdentity(region, identity)) ?? null));
    }
    for (const { region, name } of wanted.logGroups) {
      look('logGroup', region, name, { service: 'logs', operation: 'DescribeLogGroups' }, async () => void (resources.logGroups[resourceKey(region, name)] = (await p.getLogGroup(region, name)) ?? null));
    }
    for (const { region, name } of wanted.deliveryStreams) {
      look('deliveryStream', region, name, { service: 'firehose', operation: 'DescribeDeliveryStream' }, async () => void (resources.deliveryStreams[resourceKey(region, name)] = (await p.getDeliveryStream(region, name)) ?? null));
    }
    for (const { region, name } of wanted.webAcls) {
      look('webAcl', region, name, { service: 'wafv2', operation: 'ListWebACLs' }, async () => {
        const match = (await (listings.get(region) ?? p.listWebAcls(region))).find((acl) => acl.Name === name);
        resources.webAcls[resourceKey(region, name)] = match ? ((await p.getWebAcl(region, match.ARN)) ?? null) : null;
      });
    }
  };

  return {
    learn(side, piece) {
      const defined = Object.fromEntries(Object.entries(piece).filter(([, v]) => v !== undefined));
      if (Object.keys(defined).length === 0) return;
      Object.assign(known[side], defined);
      startWanted(known);
    },
    listEarly(region) {
      if (listings.has(region)) return;
      const listing = (deps.queue ?? ((_r, read) => read()))(region, () => p.listWebAcls(region));
      // Its failure counts only if a web ACL's read awaits it (and is then that read's failure).
      listing.catch(() => undefined);
      listings.set(region, listing);
    },
    async finish(o) {
      startWanted(o);
      await Promise.all(tasks);
      // An early listing nothing needed is not left in flight after the observation.
      await Promise.allSettled(listings.values());
      return Object.keys(unread).length > 0 ? { ...resources, unread } : resources;
    },
  };
}
