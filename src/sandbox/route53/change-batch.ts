/**
 * ChangeResourceRecordSets is transactional: every change is checked against the zone as it evolves
 * through the batch, and the batch applies whole or not at all (aws-conformance C3). Problems with the
 * zone's contents are collected and answered together as InvalidChangeBatch with a `messages` list;
 * malformed changes are InvalidInput and stop at the first.
 */
import { SandboxError, type JsonObject } from '../types.js';
import { displayName, isWithinZone } from './names.js';
import {
  checkRecordShape,
  describeRecord,
  parseRecordSet,
  routingPolicy,
  sameIdentity,
  sameValues,
  type RecordSet,
} from './record-sets.js';
import { listOf, text } from './xml.js';

export interface ParsedChange {
  action: 'CREATE' | 'DELETE' | 'UPSERT';
  record: RecordSet;
}

/** Read and shape-check the <Changes> of a ChangeBatch. */
export function parseChanges(changeBatch: unknown): ParsedChange[] {
  const changes = listOf((changeBatch as JsonObject | undefined)?.Changes, 'Change');
  if (changes.length === 0) throw new SandboxError('InvalidInput', 'Invalid request: ChangeBatch must contain at least one Change.');
  return changes.map((raw) => {
    const change = raw as JsonObject;
    const action = text(change.Action);
    if (action !== 'CREATE' && action !== 'DELETE' && action !== 'UPSERT') {
      throw new SandboxError('InvalidInput', `Invalid request: Invalid value '${action ?? ''}' for field 'Action'.`);
    }
    const record = parseRecordSet(change.ResourceRecordSet);
    checkRecordShape(action, record);
    return { action, record };
  });
}

/** Conflicts a changed name/type would have with the records around it once the batch applied. */
function consistencyProblems(records: RecordSet[], touched: RecordSet, zoneName: string): string[] {
  const problems: string[] = [];
  const atName = records.filter((record) => record.Name === touched.Name);
  const sameType = atName.filter((record) => record.Type === touched.Type);
  if (!sameType.some((record) => sameIdentity(record, touched))) return problems; // it was deleted
  const where = `RRSet with DNS name ${displayName(touched.Name)}, type ${touched.Type}`;
  if (atName.some((record) => record.Type === 'CNAME') && atName.some((record) => record.Type !== 'CNAME')) {
    problems.push(`RRSet of type CNAME with DNS name ${displayName(touched.Name)} is not permitted as it conflicts with other records with the same DNS name in zone ${displayName(zoneName)}`);
  }
  const policies = new Set(sameType.map(routingPolicy));
  if (policies.has('simple') && sameType.length > 1) {
    problems.push(
      touched.SetIdentifier === undefined
        ? `${where} cannot be created as other RRSets exist with the same name and type.`
        : `${where}, SetIdentifier ${touched.SetIdentifier} cannot be created as a non-weighted set exists with the same name and type.`,
    );
  } else if (policies.size > 1) {
    problems.push(`${where}, SetIdentifier ${touched.SetIdentifier} cannot be created because RRSets with a different routing policy exist with the same name and type.`);
  }
  if (touched.Failover && sameType.filter((record) => record.Failover === touched.Failover).length > 1) {
    problems.push(`${where}, SetIdentifier ${touched.SetIdentifier} cannot be created because a failover RRSet with the same name, type and failover role (${touched.Failover}) already exists.`);
  }
  return problems;
}

/**
 * The zone's records after the batch, or InvalidChangeBatch naming every problem. `healthCheckExists`
 * guards HealthCheckId references (NoSuchHealthCheck, as the API answers).
 */
export function applyChangeBatch(
  zoneName: string,
  current: RecordSet[],
  changes: ParsedChange[],
  healthCheckExists: (id: string) => boolean,
): RecordSet[] {
  const records = current.map((record) => structuredClone(record));
  const messages: string[] = [];
  const touched: RecordSet[] = [];
  for (const { action, record } of changes) {
    if (!isWithinZone(record.Name, zoneName)) {
      messages.push(`RRSet with DNS name ${displayName(record.Name)} is not permitted in zone ${displayName(zoneName)}`);
      continue;
    }
    if (record.HealthCheckId !== undefined && action !== 'DELETE' && !healthCheckExists(record.HealthCheckId)) {
      throw new SandboxError('NoSuchHealthCheck', `No health check exists with the specified ID ${record.HealthCheckId}.`, 404);
    }
    const index = records.findIndex((existing) => sameIdentity(existing, record));
    if (action === 'CREATE' && index >= 0) {
      messages.push(`Tried to create resource record set ${describeRecord(record)} but it already exists`);
      continue;
    }
    if (action === 'DELETE') {
      if (index < 0) {
        messages.push(`Tried to delete resource record set ${describeRecord(record)} but it was not found`);
        continue;
      }
      if (!sameValues(records[index], record)) {
        messages.push(`Tried to delete resource record set ${describeRecord(record)} but the values provided do not match the current values`);
        continue;
      }
      if (record.Name === zoneName && (record.Type === 'SOA' || record.Type === 'NS')) {
        messages.push(`A HostedZone must contain at least one ${record.Type} record for the zone itself.`);
        continue;
      }
      records.splice(index, 1);
    } else if (index >= 0) {
      records[index] = record; // UPSERT of an existing record set
    } else {
      records.push(record);
    }
    touched.push(record);
  }
  for (const record of touched) {
    for (const problem of consistencyProblems(records, record, zoneName)) if (!messages.includes(problem)) messages.push(problem);
  }
  if (messages.length > 0) {
    throw new SandboxError('InvalidChangeBatch', `[${messages.join(', ')}]`, 400, { messages });
  }
  return records;
}
