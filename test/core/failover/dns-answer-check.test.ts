/** What TestDNSAnswer must show, decided from the record set (aws-conformance G2). */
import { describe, expect, it } from 'vitest';
import { answerMatches, expectationFor, expectsAlias } from '../../../src/core/failover/dns-answer-check.js';
import type { DnsAnswer, RecordSet, Route53Reader } from '../../../src/core/ports/route53.js';

const alias = (id: string, weight: number, zone: string, target: string): RecordSet =>
  ({ Name: 'auth.example.com.', Type: 'A', SetIdentifier: id, Weight: weight, AliasTarget: { HostedZoneId: zone, DNSName: `${target}.`, EvaluateTargetHealth: false } }) as RecordSet;
function reader(records: RecordSet[], own: Record<string, DnsAnswer>): Route53Reader {
  return {
    listRecordSets: async () => records,
    testDnsAnswer: async (zone: string, name: string) => {
      const found = own[`${zone}/${name}`];
      if (!found) throw Object.assign(new Error('No hosted zone found'), { name: 'NoSuchHostedZone' });
      return found;
    },
  } as unknown as Route53Reader;
}
const input = { HostedZoneId: 'ZME', RecordName: 'auth.example.com', RecordType: 'A', Expect: ['west.example.org.'] };
const answer = (...recordData: string[]): DnsAnswer => ({ recordData, responseCode: 'NOERROR' });

describe('DNS answer expectations', () => {
  it('values are compared as a set, names without the trailing dot', async () => {
    expect(expectsAlias('CNAME', ['west.example.net'])).toBe(false);
    expect(expectsAlias('A', ['192.0.2.1'])).toBe(false);
    expect(expectsAlias('A', ['d1.cloudfront.net'])).toBe(true);
    const e = await expectationFor(reader([], {}), { ...input, RecordType: 'CNAME', Expect: ['West.example.net.'] });
    expect(answerMatches(answer('west.example.net'), e, 'CNAME')).toBe(true);
    expect(answerMatches(answer('east.example.net'), e, 'CNAME')).toBe(false);
  });

  it('an alias into a zone of this account: exactly the target record’s own answer', async () => {
    const records = [alias('us-east-1', 0, 'ZOTHER', 'east.example.org'), alias('eu-west-1', 100, 'ZOTHER', 'west.example.org')];
    const e = await expectationFor(reader(records, { 'ZOTHER/west.example.org': answer('192.0.2.20') }), input);
    expect(e).toEqual({ mode: 'alias-resolved', aliasTarget: 'west.example.org', values: ['192.0.2.20'] });
    expect(answerMatches(answer('192.0.2.20'), e, 'A')).toBe(true);
    expect(answerMatches(answer('192.0.2.10'), e, 'A')).toBe(false);
  });

  it('an alias outside the account: any address, only while the weights still select that record set', async () => {
    const selected = await expectationFor(reader([alias('us-east-1', 0, 'Z2FDTNDATAQYW2', 'east.example.org'), alias('eu-west-1', 100, 'Z2FDTNDATAQYW2', 'west.example.org')], {}), input);
    expect(selected.mode).toBe('alias-any-address');
    expect(answerMatches(answer('100.64.1.2', '100.64.3.4'), selected, 'A')).toBe(true);
    expect(answerMatches(answer('west.example.org'), selected, 'A')).toBe(false);
    expect(answerMatches({ recordData: [], responseCode: 'NOERROR' }, selected, 'A')).toBe(false);
    const moved = await expectationFor(reader([alias('us-east-1', 100, 'Z2FDTNDATAQYW2', 'east.example.org'), alias('eu-west-1', 100, 'Z2FDTNDATAQYW2', 'west.example.org')], {}), input);
    expect(moved).toMatchObject({ mode: 'alias-not-selected', note: 'auth.example.com should answer through the alias to west.example.org, but its weight 100 is not the highest (100): the zone changed since the move' });
    expect(answerMatches(answer('100.64.1.2'), moved, 'A')).toBe(false);
  });
});
