/**
 * What a TestDNSAnswer must show for the record set that should now answer (aws-conformance G2: the answer
 * is what a resolver gets, so an alias A/AAAA record answers with IP ADDRESSES, never its target's
 * name). Three cases, decided from the record set itself:
 * - a record with values (CNAME, A with addresses, …): the answer is exactly those values;
 * - an alias whose target is a record in a hosted zone of this account: the answer is that record's
 *   own answer, resolved with TestDNSAnswer in the target's zone;
 * - an alias to anything else (CloudFront, a load balancer): its addresses are not knowable in
 *   advance and rotate, so any well-formed address answer is accepted — provided the record set that
 *   should answer is still the one listed with the expected alias target (the weights just written,
 *   INSYNC, decide which record set Route 53 answers). This is weaker, and the output says so.
 */
import type { DnsAnswer, RecordSet, Route53Reader } from '../ports/route53.js';

export type AnswerExpectation =
  | { mode: 'values'; values: string[] }
  | { mode: 'alias-resolved'; aliasTarget: string; values: string[] }
  | { mode: 'alias-any-address'; aliasTarget: string; note: string }
  | { mode: 'alias-not-selected'; aliasTarget: string; note: string };

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;
export const isAddress = (value: string, type: string): boolean => (type === 'AAAA' ? IPV6.test(value) && value.includes(':') : IPV4.test(value));

const bare = (name: string) => name.replace(/\.$/, '').toLowerCase();
const normalise = (values: string[]) => values.map(bare).sort();
export const sameValues = (a: string[], b: string[]): boolean => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

/** A/AAAA expectations that name hosts, not addresses: the planned record is an alias. */
export function expectsAlias(recordType: string, expect: string[]): boolean {
  return (recordType === 'A' || recordType === 'AAAA') && expect.length > 0 && expect.some((v) => !isAddress(v, recordType));
}

/** Works out what the answer must be, reading the record sets (and the alias target's zone) once. */
export async function expectationFor(
  route53: Route53Reader,
  input: { HostedZoneId: string; RecordName: string; RecordType: string; Expect: string[] },
): Promise<AnswerExpectation> {
  if (!expectsAlias(input.RecordType, input.Expect)) return { mode: 'values', values: input.Expect };
  const aliasTarget = bare(input.Expect[0]);
  const records = await route53.listRecordSets(input.HostedZoneId, input.RecordName);
  const record = records.find((r) => r.Type === input.RecordType && bare(aliasOf(r)?.DNSName ?? '') === aliasTarget);
  const sameType = records.filter((r) => r.Type === input.RecordType);
  const topWeight = Math.max(0, ...sameType.filter((r) => r !== record).map((r) => r.Weight ?? 0));
  if (!record || (record.Weight !== undefined && record.Weight <= topWeight)) {
    const why = record ? `its weight ${record.Weight} is not the highest (${topWeight})` : 'no record set of that type aliases it any more';
    return { mode: 'alias-not-selected', aliasTarget, note: `${input.RecordName} should answer through the alias to ${aliasTarget}, but ${why}: the zone changed since the move` };
  }
  const zone = aliasOf(record)?.HostedZoneId;
  if (zone) {
    try {
      const own = await route53.testDnsAnswer(zone, aliasTarget, input.RecordType);
      if (own.responseCode === 'NOERROR' && own.recordData.length > 0) return { mode: 'alias-resolved', aliasTarget, values: own.recordData };
    } catch {
      // Not a zone of this account (CloudFront's, a load balancer's): its addresses are not ours to read.
    }
  }
  return {
    mode: 'alias-any-address',
    aliasTarget,
    note: `${input.RecordName} is an alias to ${aliasTarget}, whose addresses Route 53 does not let this account resolve in advance: any ${input.RecordType} address answer is accepted while the record set aliased to ${aliasTarget} is the one the weights select`,
  };
}

function aliasOf(record: RecordSet | undefined): { DNSName?: string; HostedZoneId?: string } | undefined {
  return record?.AliasTarget as { DNSName?: string; HostedZoneId?: string } | undefined;
}

/** Does the answer satisfy the expectation? */
export function answerMatches(answer: DnsAnswer, expectation: AnswerExpectation, recordType: string): boolean {
  if (expectation.mode === 'alias-not-selected') return false;
  if (answer.responseCode !== 'NOERROR' && expectation.mode !== 'values') return false;
  if (expectation.mode === 'alias-any-address') return answer.recordData.length > 0 && answer.recordData.every((v) => isAddress(v, recordType));
  return sameValues(answer.recordData, expectation.values);
}
