/**
 * The weighted-strategy change batch, written as a compare-and-swap (aws-conformance C3): DELETE each
 * Region's record exactly as it was last read, then CREATE it with its new weight, in ONE batch.
 * Route 53 applies a batch all or nothing, and a DELETE whose values differ from the stored ones
 * fails — so a concurrent edit makes this change fail instead of being overwritten.
 */
import type { JsonObject } from '../plan/types.js';
import type { RecordSet } from '../ports/route53.js';
import { recordChange } from './lock.js';

export function weightChangeBatch(records: Record<string, RecordSet>, weights: Record<string, number>, comment: string): JsonObject {
  const regions = Object.keys(weights).filter((region) => records[region] !== undefined);
  const deletes = regions.map((region) => recordChange('DELETE', records[region]));
  const creates = regions.map((region) => recordChange('CREATE', { ...records[region], Weight: weights[region] }));
  return { Comment: comment.slice(0, 256), Changes: [...deletes, ...creates] };
}

/** One line per change, for the plan notes: `DELETE auth.example.com. CNAME [us-east-1] weight 100 → …`. */
export function describeChanges(batch: JsonObject): string[] {
  return ((batch.Changes ?? []) as JsonObject[]).map((change) => {
    const r = change.ResourceRecordSet as RecordSet;
    const id = r.SetIdentifier !== undefined ? ` [${r.SetIdentifier}]` : '';
    const weight = r.Weight !== undefined ? ` weight ${r.Weight}` : '';
    const values = (r.ResourceRecords ?? []).map((v) => v.Value).join(' | ');
    const alias = (r.AliasTarget as { DNSName?: string } | undefined)?.DNSName;
    const target = values || (alias ? `alias ${alias}` : '');
    const hc = r.HealthCheckId ? ` health check ${r.HealthCheckId}` : '';
    const ttl = r.TTL !== undefined ? ` TTL ${r.TTL}` : '';
    return `${String(change.Action).padEnd(6)} ${r.Name} ${r.Type}${id}${weight}${ttl} ${target}${hc}`.trimEnd();
  });
}

/** The values DNS answers with for a record (for TestDNSAnswer verification). */
export function answerValues(record: RecordSet): string[] {
  const values = (record.ResourceRecords ?? []).map((v) => v.Value);
  if (values.length > 0) return values;
  const alias = (record.AliasTarget as { DNSName?: string } | undefined)?.DNSName;
  return alias ? [alias] : [];
}
