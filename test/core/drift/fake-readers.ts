/**
 * In-memory read ports over an observation fixture: what observeDrift reads back should be that
 * fixture. These implement the ports (CognitoReader, ParityReader) the core is written against —
 * no SDK is involved at this level; the SDK adapters are exercised by the E2E tests.
 */
import type { DriftObservation, RegionSnapshot } from '../../../src/core/drift/types.js';
import { resourceKey } from '../../../src/core/drift/types.js';
import type { CognitoReader } from '../../../src/core/ports/cognito.js';
import type { ParityReader } from '../../../src/core/ports/parity.js';
import type { DriftClock } from '../../../src/core/drift/types.js';

export interface Recorder {
  calls: Array<{ region: string; op: string }>;
  maxInFlight: Record<string, number>;
}

export function fakeReaders(world: () => DriftObservation, opts: { delayMs?: number } = {}) {
  const rec: Recorder = { calls: [], maxInFlight: {} };
  const inFlight: Record<string, number> = {};
  const track = async <T>(region: string, op: string, value: () => T): Promise<T> => {
    rec.calls.push({ region, op });
    inFlight[region] = (inFlight[region] ?? 0) + 1;
    rec.maxInFlight[region] = Math.max(rec.maxInFlight[region] ?? 0, inFlight[region]);
    try {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      return JSON.parse(JSON.stringify(value() ?? null)) ?? undefined;
    } finally {
      inFlight[region]--;
    }
  };
  const snap = (region: string): RegionSnapshot | undefined => {
    const o = world();
    if (region === o.primaryRegion) return o.primary;
    return o.replica && ['ACTIVE', 'INACTIVE'].includes(o.replica.Status) ? o.secondary : undefined;
  };
  const cognito: CognitoReader = {
    describeUserPool: (r) => track(r, 'DescribeUserPool', () => snap(r)?.pool),
    listReplicas: (r) => track(r, 'ListUserPoolReplicas', () => [{ RegionName: world().primaryRegion, Role: 'PRIMARY', Status: 'ACTIVE' }, ...(world().replica ? [world().replica!] : [])]),
    listAppClients: (r) => track(r, 'ListUserPoolClients', () => snap(r)?.clients ?? []),
    describeAppClient: (r, _p, id) => track(r, 'DescribeUserPoolClient', () => snap(r)?.clientDetails?.[id] ?? { ClientId: id }),
    listResourceServers: (r) => track(r, 'ListResourceServers', () => snap(r)?.resourceServers ?? []),
    listIdentityProviders: (r) => track(r, 'ListIdentityProviders', () => snap(r)?.identityProviders ?? []),
    listGroups: (r) => track(r, 'ListGroups', () => snap(r)?.groups ?? []),
    describeDomain: (r) => track(r, 'DescribeUserPoolDomain', () => undefined),
    getLogDelivery: (r) => track(r, 'GetLogDeliveryConfiguration', () => snap(r)?.logDelivery),
    describeRiskConfiguration: (r) => track(r, 'DescribeRiskConfiguration', () => snap(r)?.risk),
    getMfaConfig: (r) => track(r, 'GetUserPoolMfaConfig', () => snap(r)?.mfa),
  };
  const res = () => world().resources;
  const parity: ParityReader = {
    getFunction: (r, arn) => track(r, 'GetFunction', () => res().functions[resourceKey(r, arn)]?.info),
    getFunctionPolicy: (r, arn) => track(r, 'GetPolicy', () => res().functions[resourceKey(r, arn)]?.policy),
    getEmailIdentity: (r, id) => track(r, 'GetEmailIdentity', () => res().emailIdentities[resourceKey(r, id)] ?? undefined),
    getWebAclForResource: (r, arn) => track(r, 'GetWebACLForResource', () => (snap(r)?.pool?.Arn === arn ? snap(r)?.webAcl : undefined)),
    listWebAcls: (r) =>
      track(r, 'ListWebACLs', () =>
        Object.entries(res().webAcls)
          .filter(([k, v]) => k.startsWith(`${r} `) && v)
          .map(([, v]) => ({ Name: v!.Name, ARN: v!.ARN })),
      ),
    getWebAcl: (r, arn) => track(r, 'GetWebACL', () => Object.values(res().webAcls).find((a) => a?.ARN === arn) ?? undefined),
    getLogGroup: (r, name) => track(r, 'DescribeLogGroups', () => res().logGroups[resourceKey(r, name)] ?? undefined),
    getDeliveryStream: (r, name) => track(r, 'DescribeDeliveryStream', () => res().deliveryStreams[resourceKey(r, name)] ?? undefined),
  };
  return { readers: { cognito, parity }, rec };
}

/** A clock that never really waits: sleeps are recorded and may run a hook (e.g. replication catches up). */
export function fakeClock(now = new Date('2026-06-15T12:00:00Z'), onSleep?: (ms: number) => void): DriftClock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      onSleep?.(ms);
    },
  };
}
