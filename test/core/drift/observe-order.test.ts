/**
 * observeDrift starts each read as soon as what it needs is known (docs/status.md, "How long status
 * takes"): proven on the in-memory ports with a read held at a gate, never with timings. The result is
 * the one an unheld observation gives, each resource is read once, and a guard (no ReadLog) still
 * fails on a snapshot's error before a resource's.
 */
import { describe, expect, it } from 'vitest';
import { observeDrift, type DriftReaders } from '../../../src/core/drift/observe.js';
import { ReadLog } from '../../../src/core/unreadable.js';
import { alignedObservation, P, POOL_ID, S } from './fixtures.js';
import { fakeClock, fakeReaders } from './fake-readers.js';
import { waitFor } from '../../helpers/wait-for.js';

const topology = { userPoolId: POOL_ID, primaryRegion: P, secondaryRegion: S };
const COGNITO_OPS = new Set(['DescribeUserPool', 'ListUserPoolReplicas', 'ListUserPoolClients', 'DescribeUserPoolClient', 'ListResourceServers', 'ListIdentityProviders', 'ListGroups', 'GetLogDeliveryConfiguration', 'DescribeRiskConfiguration', 'GetUserPoolMfaConfig']);

/** Every read of the aligned world outside Cognito, "op region": each resource once. */
const ALIGNED_RESOURCE_READS = [
  `GetWebACLForResource ${P}`,
  `GetWebACLForResource ${S}`,
  ...Array(2).fill(`GetFunction ${P}`),
  ...Array(2).fill(`GetPolicy ${P}`),
  ...Array(2).fill(`GetFunction ${S}`),
  ...Array(2).fill(`GetPolicy ${S}`),
  `GetEmailIdentity ${P}`,
  `GetEmailIdentity ${S}`,
  `DescribeLogGroups ${P}`,
  `DescribeLogGroups ${S}`,
  `ListWebACLs ${S}`,
  `GetWebACL ${S}`,
].sort();

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('observeDrift order', () => {
  it('reads the web ACLs and every resource while both Regions are still listing their app clients, with the same result', async () => {
    const world = alignedObservation();
    const unheld = await observeDrift(fakeReaders(() => world).readers, topology, { deep: false, clock: fakeClock() });
    const { readers, rec } = fakeReaders(() => world);
    const lists = gate();
    let listing = 0;
    const held: DriftReaders = {
      ...readers,
      cognito: {
        ...readers.cognito,
        listAppClients: async (...args) => {
          listing++;
          await lists.opened;
          return readers.cognito.listAppClients(...args);
        },
      },
    };
    const run = observeDrift(held, topology, { deep: false, clock: fakeClock() });
    const others = () => rec.calls.filter((c) => !COGNITO_OPS.has(c.op)).map((c) => `${c.op} ${c.region}`);
    const meanwhile = await waitFor(others, (calls) => calls.length >= ALIGNED_RESOURCE_READS.length, { what: 'the resource reads while the lists are held' });
    expect(listing).toBe(2);
    expect(rec.calls.filter((c) => c.op === 'ListUserPoolClients')).toEqual([]);
    expect([...meanwhile].sort()).toEqual(ALIGNED_RESOURCE_READS);
    lists.open();
    const o = await run;
    expect(o).toEqual(unheld);
    expect([...others()].sort()).toEqual(ALIGNED_RESOURCE_READS);
  });

  it('asks nothing but the primary’s pool and the replicas when the primary cannot be read', async () => {
    const world = alignedObservation();
    const { readers, rec } = fakeReaders(() => world);
    const down = Object.assign(new Error('us-east-1 is down'), { name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } });
    const failing: DriftReaders = { ...readers, cognito: { ...readers.cognito, describeUserPool: async (region, id) => (region === P ? Promise.reject(down) : readers.cognito.describeUserPool(region, id)) } };
    const o = await observeDrift(failing, topology, { deep: false, clock: fakeClock(), reads: new ReadLog() });
    expect(o.primary.unread?.pool).toMatchObject({ operation: 'DescribeUserPool', region: P });
    expect(rec.calls.map((c) => `${c.op} ${c.region}`)).toEqual([`ListUserPoolReplicas ${P}`]);
  });

  it('without a ReadLog (the guards), fails on the snapshot’s error even when a resource read failed first', async () => {
    const world = alignedObservation();
    const { readers } = fakeReaders(() => world);
    const lambdaFailed = gate();
    const failing: DriftReaders = {
      cognito: {
        ...readers.cognito,
        // The secondary's groups fail only after a function read has already failed.
        listGroups: async (region, id, o) => {
          if (region !== S) return readers.cognito.listGroups(region, id, o);
          await lambdaFailed.opened;
          throw new Error('ListGroups failed in eu-west-1');
        },
      },
      parity: {
        ...readers.parity,
        getFunction: async () => {
          lambdaFailed.open();
          throw new Error('GetFunction failed');
        },
      },
    };
    await expect(observeDrift(failing, topology, { deep: false, clock: fakeClock() })).rejects.toThrow('ListGroups failed in eu-west-1');
  });
});
