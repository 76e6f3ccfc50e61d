/**
 * Hosted zones, their record sets, and the changes submitted to them. A change is PENDING until
 * `dnsDelayMs` (as set when it was submitted) has passed, then INSYNC — computed when read.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { SandboxError, type CallContext, type JsonObject, type JsonValue } from '../types.js';
import { displayName, normaliseName } from './names.js';
import type { RecordSet } from './record-sets.js';
import { bool, isoTime, text, xmlList } from './xml.js';

export interface HostedZoneRecord {
  id: string;
  name: string;
  callerReference: string;
  comment?: string;
  privateZone: boolean;
  createdAt: number;
  nameServers: string[];
  records: RecordSet[];
}

export interface ChangeRecord {
  id: string;
  submittedAt: number;
  insyncAt: number;
  comment?: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function routeId(prefix: string): string {
  return prefix + [...randomBytes(20)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/** Four name servers in the four awsdns top-level domains, as a delegation set has. */
function delegationSet(): string[] {
  return ['com', 'net', 'org', 'co.uk'].map((tld) => {
    const n = randomInt(0, 2048);
    return `ns-${n}.awsdns-${String(Math.floor(n / 64)).padStart(2, '0')}.${tld}`;
  });
}

export function stripIdPrefix(id: string, prefix: '/hostedzone/' | '/change/'): string {
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

export class HostedZoneStore {
  private zones = new Map<string, HostedZoneRecord>();
  private changes = new Map<string, ChangeRecord>();

  get(id: string): HostedZoneRecord {
    const zone = this.zones.get(stripIdPrefix(id, '/hostedzone/'));
    if (!zone) throw new SandboxError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404);
    return zone;
  }

  find(id: string): HostedZoneRecord | undefined {
    return this.zones.get(stripIdPrefix(id, '/hostedzone/'));
  }

  all(): HostedZoneRecord[] {
    return [...this.zones.values()];
  }

  create(body: JsonObject, ctx: CallContext): { zone: HostedZoneRecord; change: ChangeRecord } {
    const name = normaliseName(text(body.Name));
    const callerReference = text(body.CallerReference);
    if (!callerReference) throw new SandboxError('InvalidInput', "Invalid request: Missing field 'CallerReference'.");
    if ([...this.zones.values()].some((zone) => zone.callerReference === callerReference)) {
      throw new SandboxError('HostedZoneAlreadyExists', `A hosted zone has already been created with the specified caller reference (${callerReference}).`, 409);
    }
    if (body.DelegationSetId !== undefined) {
      throw new SandboxError('NoSuchDelegationSet', 'Reusable delegation sets are not modelled by the sandbox.');
    }
    const config = (body.HostedZoneConfig ?? {}) as JsonObject;
    const nameServers = delegationSet();
    const zone: HostedZoneRecord = {
      id: routeId('Z'),
      name,
      callerReference,
      comment: text(config.Comment),
      privateZone: body.VPC !== undefined || (bool(config.PrivateZone, 'PrivateZone') ?? false),
      createdAt: ctx.now,
      nameServers,
      records: [
        { Name: name, Type: 'NS', TTL: 172800, ResourceRecords: nameServers.map((server) => ({ Value: `${server}.` })) },
        {
          Name: name,
          Type: 'SOA',
          TTL: 900,
          ResourceRecords: [{ Value: `${nameServers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400` }],
        },
      ],
    };
    this.zones.set(zone.id, zone);
    return { zone, change: this.submitChange(ctx, zone.comment) };
  }

  /** DeleteHostedZone: only the zone's own NS and SOA records may remain. */
  delete(id: string, ctx: CallContext): ChangeRecord {
    const zone = this.get(id);
    const extra = zone.records.filter((record) => !(record.Name === zone.name && (record.Type === 'NS' || record.Type === 'SOA')));
    if (extra.length > 0) {
      throw new SandboxError('HostedZoneNotEmpty', 'The hosted zone contains resource records that are not SOA or NS records.', 400);
    }
    this.zones.delete(zone.id);
    return this.submitChange(ctx);
  }

  submitChange(ctx: CallContext, comment?: string): ChangeRecord {
    const change: ChangeRecord = { id: routeId('C'), submittedAt: ctx.now, insyncAt: ctx.now + ctx.settings.dnsDelayMs, comment };
    this.changes.set(change.id, change);
    return change;
  }

  getChange(id: string): ChangeRecord {
    const change = this.changes.get(stripIdPrefix(id, '/change/'));
    if (!change) throw new SandboxError('NoSuchChange', `A change with the specified change ID ${id} does not exist.`, 404);
    return change;
  }

  snapshot(): JsonValue {
    return JSON.parse(JSON.stringify({ zones: [...this.zones.values()], changes: [...this.changes.values()] })) as JsonValue;
  }

  restore(snapshot: JsonValue | undefined): void {
    const data = (snapshot ?? {}) as { zones?: HostedZoneRecord[]; changes?: ChangeRecord[] };
    this.zones = new Map((data.zones ?? []).map((zone) => [zone.id, zone]));
    this.changes = new Map((data.changes ?? []).map((change) => [change.id, change]));
  }
}

export function changeInfoXml(change: ChangeRecord, now: number): JsonObject {
  return {
    Id: `/change/${change.id}`,
    Status: now >= change.insyncAt ? 'INSYNC' : 'PENDING',
    SubmittedAt: isoTime(change.submittedAt),
    Comment: change.comment,
  };
}

export function hostedZoneXml(zone: HostedZoneRecord): JsonObject {
  return {
    Id: `/hostedzone/${zone.id}`,
    Name: displayName(zone.name),
    CallerReference: zone.callerReference,
    Config: { Comment: zone.comment, PrivateZone: zone.privateZone },
    ResourceRecordSetCount: zone.records.length,
  };
}

export function delegationSetXml(zone: HostedZoneRecord): JsonObject {
  return { NameServers: xmlList('NameServer', zone.nameServers) };
}
