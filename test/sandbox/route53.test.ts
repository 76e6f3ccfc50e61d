/**
 * Route 53 conformance through the real @aws-sdk/client-route-53 over HTTP: hosted zones, atomic
 * change batches with compare-and-swap DELETE, record validation, listing order and paging, and
 * change propagation (PENDING → INSYNC) on a hand-driven clock.
 */
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourceCommand,
  Route53Client,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { rejectionOf, sandboxClient, startTestSandbox, writeCalls } from '../helpers/sandbox.js';

const DNS_DELAY = 60_000;
let sb: SandboxHandle;
let now: number;
let r53: Route53Client;

beforeEach(async () => {
  now = Date.UTC(2025, 5, 1, 12);
  sb = await startTestSandbox({ dnsDelayMs: DNS_DELAY }, { clock: { now: () => now } });
  // Route 53 signs for us-east-1; an emulator endpoint must be given that Region (aws-conformance C1).
  r53 = sandboxClient(Route53Client, sb, 'us-east-1');
});
afterEach(async () => {
  r53.destroy();
  await sb.stop();
});

async function zone(name = 'example.com', callerReference = `ref-${name}`): Promise<string> {
  const created = await r53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: callerReference }));
  return created.HostedZone!.Id!;
}

const a = (name: string, value: string, extra: Partial<ResourceRecordSet> = {}): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  TTL: 60,
  ResourceRecords: [{ Value: value }],
  ...extra,
});

async function change(zoneId: string, ...changes: Change[]) {
  return r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
}

async function records(zoneId: string): Promise<ResourceRecordSet[]> {
  return (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets!;
}

describe('hosted zones', () => {
  it('creates a zone with 201, a Location, a delegation set and its NS and SOA records', async () => {
    const created = await r53.send(new CreateHostedZoneCommand({ Name: 'Example.COM', CallerReference: 'r1', HostedZoneConfig: { Comment: 'auth' } }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    const id = created.HostedZone!.Id!;
    expect(id).toMatch(/^\/hostedzone\/Z[A-Z0-9]+$/);
    expect(created.Location).toBe(`https://route53.amazonaws.com/2013-04-01${id}`);
    expect(created.HostedZone).toMatchObject({ Name: 'example.com.', Config: { Comment: 'auth', PrivateZone: false }, ResourceRecordSetCount: 2 });
    expect(created.DelegationSet?.NameServers).toHaveLength(4);
    const list = await records(id);
    expect(list.map((r) => r.Type)).toEqual(['NS', 'SOA']);
    expect(list[0].ResourceRecords?.map((r) => r.Value)).toEqual(created.DelegationSet!.NameServers!.map((ns) => `${ns}.`));
    const got = await r53.send(new GetHostedZoneCommand({ Id: id }));
    expect(got.HostedZone?.Id).toBe(id);
  });

  it('refuses a reused CallerReference and answers NoSuchHostedZone (404) for unknown ids', async () => {
    await zone('example.com', 'same');
    const reused = await rejectionOf(r53.send(new CreateHostedZoneCommand({ Name: 'other.com', CallerReference: 'same' })));
    expect(reused.name).toBe('HostedZoneAlreadyExists');
    expect(reused.$metadata.httpStatusCode).toBe(409);
    const missing = await rejectionOf(r53.send(new GetHostedZoneCommand({ Id: 'ZNOTHERE' })));
    expect(missing.name).toBe('NoSuchHostedZone');
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('lists zones, by name in reversed-label order', async () => {
    await zone('b.example.org');
    await zone('example.com');
    await zone('a.example.org');
    const all = await r53.send(new ListHostedZonesCommand({}));
    expect(all.HostedZones?.map((z) => z.Name)).toEqual(['b.example.org.', 'example.com.', 'a.example.org.']);
    const byName = await r53.send(new ListHostedZonesByNameCommand({ MaxItems: 2 }));
    expect(byName.HostedZones?.map((z) => z.Name)).toEqual(['example.com.', 'a.example.org.']);
    expect(byName).toMatchObject({ IsTruncated: true, NextDNSName: 'b.example.org.' });
    const rest = await r53.send(new ListHostedZonesByNameCommand({ DNSName: byName.NextDNSName, HostedZoneId: byName.NextHostedZoneId }));
    expect(rest.HostedZones?.map((z) => z.Name)).toEqual(['b.example.org.']);
  });

  it('deletes only an empty zone', async () => {
    const id = await zone();
    await change(id, { Action: 'CREATE', ResourceRecordSet: a('www.example.com', '192.0.2.1') });
    expect((await rejectionOf(r53.send(new DeleteHostedZoneCommand({ Id: id })))).name).toBe('HostedZoneNotEmpty');
    await change(id, { Action: 'DELETE', ResourceRecordSet: a('www.example.com', '192.0.2.1') });
    await r53.send(new DeleteHostedZoneCommand({ Id: id }));
    expect((await rejectionOf(r53.send(new GetHostedZoneCommand({ Id: id })))).name).toBe('NoSuchHostedZone');
  });
});

describe('ChangeResourceRecordSets is atomic', () => {
  it('applies nothing when one change of the batch is invalid', async () => {
    const id = await zone();
    await change(id, { Action: 'CREATE', ResourceRecordSet: a('www.example.com', '192.0.2.1') });
    const before = await records(id);
    const err = await rejectionOf(
      change(
        id,
        { Action: 'CREATE', ResourceRecordSet: a('api.example.com', '192.0.2.9') },
        { Action: 'UPSERT', ResourceRecordSet: a('www.example.com', '192.0.2.2') },
        { Action: 'CREATE', ResourceRecordSet: a('www.example.com', '192.0.2.3') },
      ),
    );
    expect(err.name).toBe('InvalidChangeBatch');
    expect(err.messages).toEqual(["Tried to create resource record set [name='www.example.com.', type='A'] but it already exists"]);
    expect(await records(id)).toEqual(before);
  });

  it('uses DELETE as compare-and-swap: [DELETE old, CREATE new] swaps, a stale DELETE changes nothing', async () => {
    const id = await zone();
    const old = a('login.example.com', '192.0.2.1', { TTL: 60 });
    await change(id, { Action: 'CREATE', ResourceRecordSet: old });
    await change(id, { Action: 'DELETE', ResourceRecordSet: old }, { Action: 'CREATE', ResourceRecordSet: a('login.example.com', '198.51.100.7') });
    expect((await records(id)).find((r) => r.Name === 'login.example.com.')?.ResourceRecords).toEqual([{ Value: '198.51.100.7' }]);

    const stale = await rejectionOf(
      change(id, { Action: 'DELETE', ResourceRecordSet: old }, { Action: 'CREATE', ResourceRecordSet: a('login.example.com', '203.0.113.5') }),
    );
    expect(stale.name).toBe('InvalidChangeBatch');
    expect(stale.messages[0]).toBe("Tried to delete resource record set [name='login.example.com.', type='A'] but the values provided do not match the current values");
    const differentTtl = await rejectionOf(change(id, { Action: 'DELETE', ResourceRecordSet: a('login.example.com', '198.51.100.7', { TTL: 300 }) }));
    expect(differentTtl.name).toBe('InvalidChangeBatch');
    expect((await records(id)).find((r) => r.Name === 'login.example.com.')?.ResourceRecords).toEqual([{ Value: '198.51.100.7' }]);
  });

  it('reports every problem: missing records, the same record deleted twice', async () => {
    const id = await zone();
    await change(id, { Action: 'CREATE', ResourceRecordSet: a('www.example.com', '192.0.2.1') });
    const err = await rejectionOf(
      change(
        id,
        { Action: 'DELETE', ResourceRecordSet: a('gone.example.com', '192.0.2.1') },
        { Action: 'DELETE', ResourceRecordSet: a('www.example.com', '192.0.2.1') },
        { Action: 'DELETE', ResourceRecordSet: a('www.example.com', '192.0.2.1') },
      ),
    );
    expect(err.name).toBe('InvalidChangeBatch');
    expect(err.messages).toEqual([
      "Tried to delete resource record set [name='gone.example.com.', type='A'] but it was not found",
      "Tried to delete resource record set [name='www.example.com.', type='A'] but it was not found",
    ]);
    expect(err.message).toBe(`[${err.messages.join(', ')}]`);
    expect((await records(id)).map((r) => r.Name)).toContain('www.example.com.');
  });

  it('replaces with UPSERT and matches weighted records by SetIdentifier', async () => {
    const id = await zone();
    const weighted = (setId: string, weight: number, value: string): ResourceRecordSet => ({
      Name: 'auth.example.com',
      Type: 'CNAME',
      SetIdentifier: setId,
      Weight: weight,
      TTL: 60,
      ResourceRecords: [{ Value: value }],
    });
    await change(id, { Action: 'CREATE', ResourceRecordSet: weighted('east', 100, 'east.example.net') }, { Action: 'CREATE', ResourceRecordSet: weighted('west', 0, 'west.example.net') });
    await change(id, { Action: 'UPSERT', ResourceRecordSet: weighted('west', 100, 'west.example.net') });
    const stale = await rejectionOf(change(id, { Action: 'DELETE', ResourceRecordSet: weighted('west', 0, 'west.example.net') }));
    expect(stale.messages).toEqual([
      "Tried to delete resource record set [name='auth.example.com.', type='CNAME', set-identifier='west'] but the values provided do not match the current values",
    ]);
    const auth = (await records(id)).filter((r) => r.Name === 'auth.example.com.');
    expect(auth.map((r) => [r.SetIdentifier, r.Weight])).toEqual([['east', 100], ['west', 100]]);
  });

  it('refuses mixing a simple record with weighted ones, CNAME next to other types, and names outside the zone', async () => {
    const id = await zone();
    await change(id, { Action: 'CREATE', ResourceRecordSet: a('app.example.com', '192.0.2.1', { SetIdentifier: 'one', Weight: 10 }) });
    const mixed = await rejectionOf(change(id, { Action: 'CREATE', ResourceRecordSet: a('app.example.com', '192.0.2.2') }));
    expect(mixed.name).toBe('InvalidChangeBatch');
    const cname = await rejectionOf(change(id, { Action: 'CREATE', ResourceRecordSet: { Name: 'app.example.com', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.example.net' }] } }));
    expect(cname.name).toBe('InvalidChangeBatch');
    const outside = await rejectionOf(change(id, { Action: 'CREATE', ResourceRecordSet: a('www.example.org', '192.0.2.1') }));
    expect(outside.messages).toEqual(['RRSet with DNS name www.example.org. is not permitted in zone example.com.']);
  });

  it('answers InvalidInput for malformed record sets, before looking at the zone', async () => {
    const id = await zone();
    const cases: Array<[ResourceRecordSet, string]> = [
      [a('w.example.com', '192.0.2.1', { Weight: 10 }), "Missing field 'SetIdentifier'"],
      [a('f.example.com', '192.0.2.1', { Failover: 'PRIMARY' }), "Missing field 'SetIdentifier'"],
      [a('w.example.com', '192.0.2.1', { SetIdentifier: 'x', Weight: 256 }), 'Weight must be between 0 and 255'],
      [a('s.example.com', '192.0.2.1', { SetIdentifier: 'x' }), 'Expected exactly one of [Weight, Region, Failover, GeoLocation, or MultiValueAnswer], but found none'],
      [{ Name: 'n.example.com', Type: 'A', ResourceRecords: [{ Value: '192.0.2.1' }] }, 'Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]'],
    ];
    for (const [recordSet, message] of cases) {
      const err = await rejectionOf(change(id, { Action: 'CREATE', ResourceRecordSet: recordSet }));
      expect(err.name).toBe('InvalidInput');
      expect(err.message).toContain(message);
    }
    expect((await rejectionOf(change(id, { Action: 'CREATE', ResourceRecordSet: a('h.example.com', '192.0.2.1', { SetIdentifier: 'x', Weight: 1, HealthCheckId: '00000000-0000-0000-0000-000000000000' }) }))).name).toBe('NoSuchHealthCheck');
    expect(await records(id)).toHaveLength(2);
  });

  it('stores names in lower case, fully qualified, with * written as \\052', async () => {
    const id = await zone();
    await change(id, { Action: 'CREATE', ResourceRecordSet: a('WWW.Example.COM', '192.0.2.1') }, { Action: 'CREATE', ResourceRecordSet: a('*.example.com.', '192.0.2.2') });
    const names = (await records(id)).map((r) => r.Name);
    expect(names).toEqual(['example.com.', 'example.com.', '\\052.example.com.', 'www.example.com.']);
    // The escaped name read back from a listing names the same record.
    await change(id, { Action: 'DELETE', ResourceRecordSet: a('\\052.example.com.', '192.0.2.2') });
    expect((await records(id)).map((r) => r.Name)).not.toContain('\\052.example.com.');
  });
});

describe('ListResourceRecordSets', () => {
  it('orders by reversed labels, then type, then set identifier, and pages with Next*', async () => {
    const id = await zone();
    await change(
      id,
      { Action: 'CREATE', ResourceRecordSet: a('z.example.com', '192.0.2.1') },
      { Action: 'CREATE', ResourceRecordSet: a('a.b.example.com', '192.0.2.2') },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'b.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"v=1"' }] } },
      { Action: 'CREATE', ResourceRecordSet: a('b.example.com', '192.0.2.3', { SetIdentifier: 'two', Weight: 1 }) },
      { Action: 'CREATE', ResourceRecordSet: a('b.example.com', '192.0.2.4', { SetIdentifier: 'one', Weight: 1 }) },
    );
    const all = await records(id);
    expect(all.map((r) => `${r.Name} ${r.Type} ${r.SetIdentifier ?? ''}`.trim())).toEqual([
      'example.com. NS',
      'example.com. SOA',
      'b.example.com. A one',
      'b.example.com. A two',
      'b.example.com. TXT',
      'a.b.example.com. A',
      'z.example.com. A',
    ]);
    expect(all.find((r) => r.Type === 'TXT')?.ResourceRecords).toEqual([{ Value: '"v=1"' }]);

    const paged: ResourceRecordSet[] = [];
    let start: { StartRecordName?: string; StartRecordType?: any; StartRecordIdentifier?: string } = {};
    for (;;) {
      const page = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, MaxItems: 2, ...start }));
      paged.push(...page.ResourceRecordSets!);
      if (!page.IsTruncated) break;
      start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
    }
    expect(paged).toEqual(all);

    const fromName = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordName: 'b.example.com', StartRecordType: 'TXT' }));
    expect(fromName.ResourceRecordSets?.[0]).toMatchObject({ Name: 'b.example.com.', Type: 'TXT' });
    const typeOnly = await rejectionOf(r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, StartRecordType: 'A' })));
    expect(typeOnly.name).toBe('InvalidInput');
  });
});

describe('GetChange', () => {
  it('is PENDING until the DNS delay has passed, then INSYNC', async () => {
    const id = await zone();
    const submitted = await change(id, { Action: 'CREATE', ResourceRecordSet: a('www.example.com', '192.0.2.1') });
    expect(submitted.ChangeInfo).toMatchObject({ Status: 'PENDING' });
    expect(submitted.ChangeInfo?.SubmittedAt?.getTime()).toBe(now);
    const changeId = submitted.ChangeInfo!.Id!;
    now += DNS_DELAY - 1;
    expect((await r53.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo?.Status).toBe('PENDING');
    now += 1;
    expect((await r53.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo?.Status).toBe('INSYNC');
    const missing = await rejectionOf(r53.send(new GetChangeCommand({ Id: '/change/CNOTHERE' })));
    expect(missing.name).toBe('NoSuchChange');
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });
});

describe('the wire', () => {
  it('an error body carries the same request id as the x-amzn-RequestId header', async () => {
    const response = await fetch(`${sb.url}/2013-04-01/healthcheck/00000000-0000-0000-0000-000000000000`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/route53/aws4_request, SignedHeaders=host, Signature=x' },
    });
    const body = await response.text();
    const header = response.headers.get('x-amzn-requestid');
    expect(response.status).toBe(404);
    expect(header).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toContain(`<RequestId>${header}</RequestId>`);
  });

  it('answers a refused batch without writing and logs it as a failed write', async () => {
    const id = await zone();
    const writesBefore = writeCalls(sb).length;
    await rejectionOf(change(id, { Action: 'DELETE', ResourceRecordSet: a('nothing.example.com', '192.0.2.1') }));
    const last = sb.calls().at(-1)!;
    expect(last).toMatchObject({ service: 'route53', operation: 'ChangeResourceRecordSets', status: 400, error: 'InvalidChangeBatch' });
    expect(writeCalls(sb).length).toBe(writesBefore + 1);
    expect(await records(id)).toHaveLength(2);
  });

  it('throttles with Route 53 own error (Throttling, 400, "Rate exceeded")', async () => {
    sb.world.addFault({ service: 'route53', kind: 'throttle' });
    const err = await rejectionOf(r53.send(new ListHostedZonesCommand({})));
    expect(err.name).toBe('Throttling');
    expect(err.message).toBe('Rate exceeded');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('answers an operation it does not model with UnknownOperationException, never a fake success', async () => {
    const err = await rejectionOf(r53.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: 'Z1' })));
    expect(err.name).toBe('UnknownOperationException');
  });
});
