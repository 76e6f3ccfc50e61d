/**
 * Resource record sets: reading them from a change request, checking their shape the way Route 53
 * answers InvalidInput, writing them back as XML, comparing them for DELETE, and ordering them.
 */
import { SandboxError, type JsonObject } from '../types.js';
import { compareNames, displayName, normaliseName } from './names.js';
import { bool, integer, listOf, text, xmlList } from './xml.js';

export interface AliasTarget {
  HostedZoneId: string;
  DNSName: string;
  EvaluateTargetHealth: boolean;
}

export interface RecordSet {
  Name: string;
  Type: string;
  SetIdentifier?: string;
  Weight?: number;
  Region?: string;
  GeoLocation?: Record<string, string>;
  Failover?: 'PRIMARY' | 'SECONDARY';
  MultiValueAnswer?: boolean;
  TTL?: number;
  ResourceRecords?: Array<{ Value: string }>;
  AliasTarget?: AliasTarget;
  HealthCheckId?: string;
}

export const RECORD_TYPES = ['SOA', 'A', 'TXT', 'NS', 'CNAME', 'MX', 'NAPTR', 'PTR', 'SRV', 'SPF', 'AAAA', 'CAA', 'DS', 'TLSA', 'SSHFP', 'SVCB', 'HTTPS'];

/** How Route 53 names a record set in its messages. */
export function describeRecord(record: Pick<RecordSet, 'Name' | 'Type' | 'SetIdentifier'>): string {
  const id = record.SetIdentifier !== undefined ? `, set-identifier='${record.SetIdentifier}'` : '';
  return `[name='${displayName(record.Name)}', type='${record.Type}'${id}]`;
}

/** Route 53's description of the change in InvalidInput messages. */
function changeLabel(action: string, record: RecordSet): string {
  return `[Action=${action}, Name=${displayName(record.Name)}, Type=${record.Type}, SetIdentifier=${record.SetIdentifier ?? 'null'}]`;
}

function invalidInput(message: string): SandboxError {
  return new SandboxError('InvalidInput', `Invalid request: ${message}`);
}

function stripPrefix(id: string, prefix: string): string {
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

/** Read the ResourceRecordSet of one parsed <Change>. */
export function parseRecordSet(raw: unknown): RecordSet {
  const x = (raw && typeof raw === 'object' ? raw : {}) as JsonObject;
  const type = text(x.Type);
  if (!type || !RECORD_TYPES.includes(type)) throw invalidInput(`Invalid value '${type ?? ''}' for field 'Type'.`);
  if (x.TrafficPolicyInstanceId !== undefined || x.CidrRoutingConfig !== undefined || x.GeoProximityLocation !== undefined) {
    throw invalidInput('TrafficPolicyInstanceId, CidrRoutingConfig and GeoProximityLocation are not modelled by the sandbox.');
  }
  const alias = x.AliasTarget as JsonObject | undefined;
  const failover = text(x.Failover);
  if (failover !== undefined && failover !== 'PRIMARY' && failover !== 'SECONDARY') {
    throw invalidInput(`Invalid value '${failover}' for field 'Failover'.`);
  }
  const record: RecordSet = {
    Name: normaliseName(text(x.Name)),
    Type: type,
    SetIdentifier: text(x.SetIdentifier),
    Weight: integer(x.Weight, 'Weight'),
    Region: text(x.Region),
    GeoLocation: x.GeoLocation && typeof x.GeoLocation === 'object' ? (x.GeoLocation as Record<string, string>) : undefined,
    Failover: failover as RecordSet['Failover'],
    MultiValueAnswer: bool(x.MultiValueAnswer, 'MultiValueAnswer'),
    TTL: integer(x.TTL, 'TTL'),
    ResourceRecords: x.ResourceRecords === undefined ? undefined : listOf(x.ResourceRecords, 'ResourceRecord').map((item) => ({ Value: text((item as JsonObject).Value) ?? '' })),
    AliasTarget: alias
      ? {
          HostedZoneId: stripPrefix(text(alias.HostedZoneId) ?? '', '/hostedzone/'),
          DNSName: normaliseName(text(alias.DNSName), 'AliasTarget.DNSName'),
          EvaluateTargetHealth: bool(alias.EvaluateTargetHealth, 'EvaluateTargetHealth') ?? false,
        }
      : undefined,
    HealthCheckId: text(x.HealthCheckId),
  };
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as unknown as RecordSet;
}

/** The shape rules Route 53 checks before looking at the zone (each failure is InvalidInput). */
export function checkRecordShape(action: string, record: RecordSet): void {
  const label = changeLabel(action, record);
  const hasValues = record.TTL !== undefined && record.ResourceRecords !== undefined;
  if (record.AliasTarget && (record.TTL !== undefined || record.ResourceRecords !== undefined)) {
    throw invalidInput(`Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one in Change with ${label}`);
  }
  if (!record.AliasTarget && !hasValues) {
    throw invalidInput(`Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with ${label}`);
  }
  if (record.ResourceRecords && record.ResourceRecords.length === 0) {
    throw invalidInput(`ResourceRecords must contain at least one ResourceRecord in Change with ${label}`);
  }
  if (record.TTL !== undefined && (record.TTL < 0 || record.TTL > 2_147_483_647)) {
    throw invalidInput(`TTL must be between 0 and 2147483647 in Change with ${label}`);
  }
  const policies = [
    record.Weight !== undefined,
    record.Region !== undefined,
    record.Failover !== undefined,
    record.GeoLocation !== undefined,
    record.MultiValueAnswer !== undefined,
  ].filter(Boolean).length;
  if (policies > 0 && record.SetIdentifier === undefined) throw invalidInput(`Missing field 'SetIdentifier' in Change with ${label}`);
  if (record.SetIdentifier !== undefined && policies === 0) {
    throw invalidInput(`Expected exactly one of [Weight, Region, Failover, GeoLocation, or MultiValueAnswer], but found none in Change with ${label}`);
  }
  if (policies > 1) {
    throw invalidInput(`Expected exactly one of [Weight, Region, Failover, GeoLocation, or MultiValueAnswer], but found more than one in Change with ${label}`);
  }
  if (record.Weight !== undefined && (record.Weight < 0 || record.Weight > 255)) {
    throw invalidInput(`Weight must be between 0 and 255 in Change with ${label}`);
  }
}

/** The routing policy of a record set, used to keep one policy per name and type. */
export function routingPolicy(record: RecordSet): string {
  if (record.Weight !== undefined) return 'weighted';
  if (record.Failover !== undefined) return 'failover';
  if (record.Region !== undefined) return 'latency';
  if (record.GeoLocation !== undefined) return 'geolocation';
  if (record.MultiValueAnswer !== undefined) return 'multivalue';
  return 'simple';
}

export function sameIdentity(a: RecordSet, b: Pick<RecordSet, 'Name' | 'Type' | 'SetIdentifier'>): boolean {
  return a.Name === b.Name && a.Type === b.Type && a.SetIdentifier === b.SetIdentifier;
}

function valuesOf(record: RecordSet): string[] | undefined {
  return record.ResourceRecords?.map((item) => item.Value).sort();
}

/**
 * DELETE is a compare-and-swap: the values sent must be the stored ones. Compared strictly (a field
 * present on one side only differs): TTL, values (as a set), Weight, Failover, Region, GeoLocation,
 * HealthCheckId and AliasTarget. MultiValueAnswer is not compared (aws-conformance C3).
 */
export function sameValues(stored: RecordSet, sent: RecordSet): boolean {
  const pick = (record: RecordSet) =>
    JSON.stringify([
      record.TTL,
      valuesOf(record),
      record.Weight,
      record.Failover,
      record.Region,
      record.GeoLocation ? Object.entries(record.GeoLocation).sort() : undefined,
      record.HealthCheckId,
      record.AliasTarget ? [record.AliasTarget.HostedZoneId, record.AliasTarget.DNSName, record.AliasTarget.EvaluateTargetHealth] : undefined,
    ]);
  return pick(stored) === pick(sent);
}

/** Listing order: reversed-label name, then type, then set identifier. */
export function compareRecords(a: Pick<RecordSet, 'Name' | 'Type' | 'SetIdentifier'>, b: Pick<RecordSet, 'Name' | 'Type' | 'SetIdentifier'>): number {
  return (
    compareNames(a.Name, b.Name) ||
    (a.Type === b.Type ? 0 : a.Type < b.Type ? -1 : 1) ||
    (a.SetIdentifier ?? '').localeCompare(b.SetIdentifier ?? '')
  );
}

/** The record set as ListResourceRecordSets writes it. */
export function recordSetXml(record: RecordSet): JsonObject {
  return {
    Name: displayName(record.Name),
    Type: record.Type,
    SetIdentifier: record.SetIdentifier,
    Weight: record.Weight,
    Region: record.Region,
    GeoLocation: record.GeoLocation,
    Failover: record.Failover,
    MultiValueAnswer: record.MultiValueAnswer,
    TTL: record.TTL,
    ResourceRecords: record.ResourceRecords ? xmlList('ResourceRecord', record.ResourceRecords) : undefined,
    AliasTarget: record.AliasTarget
      ? { HostedZoneId: record.AliasTarget.HostedZoneId, DNSName: displayName(record.AliasTarget.DNSName), EvaluateTargetHealth: record.AliasTarget.EvaluateTargetHealth }
      : undefined,
    HealthCheckId: record.HealthCheckId,
  };
}
