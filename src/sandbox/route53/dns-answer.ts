/**
 * TestDNSAnswer: what Route 53 would answer for a name and type, with health checks applied.
 * Real weighted answers are random in proportion to weight; the sandbox answers deterministically
 * with the highest-weight eligible record (ties: the smallest SetIdentifier) so that tests and
 * rehearsals are reproducible. Failover follows aws-conformance C4. Latency, geolocation and multivalue
 * records answer the first healthy record by SetIdentifier.
 *
 * Like a resolver (aws-conformance G2), an alias A/AAAA record answers with ADDRESSES, never the alias
 * target's name: an alias into a zone of this account answers that record's data; an alias to
 * anything else (CloudFront, a load balancer, …) answers two stable synthetic addresses derived from
 * the target's name — the same target always gets the same addresses, different targets differ.
 */
import { createHash } from 'node:crypto';
import { SandboxError, type JsonObject } from '../types.js';
import { displayName, normaliseName } from './names.js';
import type { RecordSet } from './record-sets.js';
import type { HostedZoneRecord } from './zones.js';
import { xmlList } from './xml.js';

export interface AnswerContext {
  zoneById(id: string): HostedZoneRecord | undefined;
  /** Health of a health check now; undefined when it does not exist. */
  healthOf(healthCheckId: string): boolean | undefined;
}

const MAX_ALIAS_DEPTH = 8;

function recordHealthy(record: RecordSet, ctx: AnswerContext): boolean {
  return record.HealthCheckId === undefined || ctx.healthOf(record.HealthCheckId) === true;
}

function bySetIdentifier(a: RecordSet, b: RecordSet): number {
  return (a.SetIdentifier ?? '').localeCompare(b.SetIdentifier ?? '');
}

function chooseWeighted(records: RecordSet[], ctx: AnswerContext): RecordSet {
  const healthy = records.filter((record) => recordHealthy(record, ctx));
  // When every record is unhealthy Route 53 treats them all as healthy.
  const pool = healthy.length > 0 ? healthy : records;
  const positive = pool.filter((record) => (record.Weight ?? 0) > 0);
  const eligible = positive.length > 0 ? positive : pool;
  return [...eligible].sort((a, b) => (b.Weight ?? 0) - (a.Weight ?? 0) || bySetIdentifier(a, b))[0];
}

function chooseFailover(records: RecordSet[], ctx: AnswerContext): RecordSet {
  const primary = records.find((record) => record.Failover === 'PRIMARY');
  const secondary = records.find((record) => record.Failover === 'SECONDARY');
  if (primary && recordHealthy(primary, ctx)) return primary;
  if (secondary && recordHealthy(secondary, ctx)) return secondary;
  // Secondary unhealthy too: Route 53 answers the primary anyway.
  return (primary ?? secondary) as RecordSet;
}

function choose(records: RecordSet[], ctx: AnswerContext): RecordSet[] {
  if (records.every((record) => record.SetIdentifier === undefined)) return records;
  if (records.some((record) => record.Weight !== undefined)) return [chooseWeighted(records, ctx)];
  if (records.some((record) => record.Failover !== undefined)) return [chooseFailover(records, ctx)];
  const sorted = [...records].sort(bySetIdentifier);
  return [sorted.find((record) => recordHealthy(record, ctx)) ?? sorted[0]];
}

/**
 * Two stable addresses per alias target: IPv4 in 100.64.0.0/10 (shared address space, never a real
 * AWS edge), IPv6 in 2001:db8::/32 (documentation).
 */
export function syntheticAddresses(targetName: string, type: string): string[] {
  const digest = createHash('sha256').update(targetName.toLowerCase().replace(/\.$/, '')).digest();
  if (type === 'AAAA') {
    const group = (i: number) => digest.readUInt16BE(i).toString(16);
    return [0, 8].map((o) => `2001:db8:${group(o)}:${group(o + 2)}::${group(o + 4) || '1'}`);
  }
  return [0, 4].map((o) => `100.${64 + (digest[o] & 63)}.${digest[o + 1]}.${Math.max(1, digest[o + 2] % 255)}`);
}

interface Answer {
  code: 'NOERROR' | 'NXDOMAIN';
  data: string[];
}

function answer(zone: HostedZoneRecord, name: string, type: string, ctx: AnswerContext, depth: number): Answer {
  const atName = zone.records.filter((record) => record.Name === name);
  if (atName.length === 0) return { code: 'NXDOMAIN', data: [] };
  let matching = atName.filter((record) => record.Type === type);
  if (matching.length === 0) matching = atName.filter((record) => record.Type === 'CNAME');
  if (matching.length === 0) return { code: 'NOERROR', data: [] };
  const data: string[] = [];
  for (const record of choose(matching, ctx)) {
    if (record.ResourceRecords) data.push(...record.ResourceRecords.map((item) => item.Value));
    else if (record.AliasTarget) {
      // An alias to a record in a hosted zone of this account resolves to that record's answer.
      const target = ctx.zoneById(record.AliasTarget.HostedZoneId);
      const resolved = target && depth < MAX_ALIAS_DEPTH ? answer(target, record.AliasTarget.DNSName, record.Type, ctx, depth + 1) : undefined;
      const targetName = displayName(record.AliasTarget.DNSName).replace(/\.$/, '');
      if (resolved && resolved.data.length > 0) data.push(...resolved.data);
      else if (record.Type === 'A' || record.Type === 'AAAA') data.push(...syntheticAddresses(targetName, record.Type));
      else data.push(targetName);
    }
  }
  return { code: 'NOERROR', data };
}

export function testDnsAnswer(query: URLSearchParams, ctx: AnswerContext): JsonObject {
  const zoneId = query.get('hostedzoneid');
  const recordName = query.get('recordname');
  const recordType = query.get('recordtype');
  if (!zoneId || !recordName || !recordType) {
    throw new SandboxError('InvalidInput', 'Invalid request: hostedzoneid, recordname and recordtype are required.');
  }
  const zone = ctx.zoneById(zoneId);
  if (!zone) throw new SandboxError('NoSuchHostedZone', `No hosted zone found with ID: ${zoneId}`, 404);
  const name = normaliseName(recordName, 'recordname');
  const result = answer(zone, name, recordType, ctx, 0);
  return {
    Nameserver: zone.nameServers[0],
    RecordName: displayName(name),
    RecordType: recordType,
    RecordData: xmlList('RecordDataEntry', result.data),
    ResponseCode: result.code,
    Protocol: 'UDP',
  };
}
