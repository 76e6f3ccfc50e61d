/**
 * The KMS keys and aliases of every Region, and the time-dependent facts derived from them. Nothing
 * here runs on a timer: a replica's `Creating` state and a key's deletion are computed from stored
 * timestamps whenever they are read, so a restored snapshot keeps its meaning.
 */
import { SandboxError, type JsonValue } from '../types.js';
import { notNullMessage } from '../wire/validation.js';
import { daysToMs, keyArn, aliasArn, parseKmsArn, type KeyRecord, type ParsedKmsArn } from './key-record.js';

export type KeyState = 'Creating' | 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'PendingReplicaDeletion';

export interface AliasRecord {
  aliasName: string;
  region: string;
  targetKeyId: string;
  createdAt: number;
  updatedAt: number;
}

const recordKey = (region: string, id: string): string => `${region}/${id}`;

export class KmsKeyStore {
  private keys = new Map<string, KeyRecord>();
  private aliases = new Map<string, AliasRecord>();

  put(record: KeyRecord): void {
    this.keys.set(recordKey(record.region, record.keyId), record);
  }

  /** The stored record, even one whose deletion date has passed (callers check `isGone`). */
  raw(region: string, keyId: string): KeyRecord | undefined {
    return this.keys.get(recordKey(region, keyId));
  }

  /** Every stored member of a key family (one record for a single-Region key). */
  family(keyId: string): KeyRecord[] {
    return [...this.keys.values()].filter((record) => record.keyId === keyId);
  }

  isPrimary(record: KeyRecord): boolean {
    return record.multiRegion && record.primaryRegion === record.region;
  }

  /**
   * When the key stops existing. A primary with replicas waits (PendingReplicaDeletion) until the last
   * replica is gone; only then does its own waiting period start.
   */
  goneAt(record: KeyRecord): number {
    if (!record.deletion) return Infinity;
    const window = daysToMs(record.deletion.windowDays);
    if (!this.isPrimary(record)) return record.deletion.requestedAt + window;
    let start = record.deletion.requestedAt;
    for (const replica of this.family(record.keyId)) {
      if (replica === record) continue;
      const replicaGone = this.goneAt(replica);
      if (replicaGone === Infinity) return Infinity;
      start = Math.max(start, replicaGone);
    }
    return start + window;
  }

  isGone(record: KeyRecord, now: number): boolean {
    return now >= this.goneAt(record);
  }

  state(record: KeyRecord, now: number): KeyState {
    if (record.deletion) {
      const waitingForReplicas = this.isPrimary(record) && this.liveReplicas(record, now).length > 0;
      return waitingForReplicas ? 'PendingReplicaDeletion' : 'PendingDeletion';
    }
    if (record.readyAt !== undefined && now < record.readyAt) return 'Creating';
    if (record.origin === 'EXTERNAL') return 'PendingImport';
    return record.enabled ? 'Enabled' : 'Disabled';
  }

  /** The DeletionDate KMS reports: absent while a primary still waits for its replicas. */
  deletionDate(record: KeyRecord, now: number): number | undefined {
    if (!record.deletion || this.state(record, now) !== 'PendingDeletion') return undefined;
    return this.goneAt(record);
  }

  primaryOf(record: KeyRecord, now: number): KeyRecord | undefined {
    if (!record.multiRegion || !record.primaryRegion) return undefined;
    const primary = this.raw(record.primaryRegion, record.keyId);
    return primary && !this.isGone(primary, now) ? primary : undefined;
  }

  /** Replicas of a multi-Region key family that still exist (Creating and PendingDeletion included). */
  liveReplicas(record: KeyRecord, now: number): KeyRecord[] {
    if (!record.multiRegion) return [];
    return this.family(record.keyId)
      .filter((member) => member.region !== member.primaryRegion && !this.isGone(member, now))
      .sort((a, b) => a.region.localeCompare(b.region));
  }

  /** Keys that exist in a Region, oldest first. */
  listKeys(region: string, now: number): KeyRecord[] {
    return [...this.keys.values()]
      .filter((record) => record.region === region && !this.isGone(record, now))
      .sort((a, b) => a.createdAt - b.createdAt || a.keyId.localeCompare(b.keyId));
  }

  /**
   * Find the key a KeyId parameter names in `region`: a key id, key ARN, alias name or alias ARN.
   * An ARN of another Region or account is not found — a related multi-Region key is reached through
   * its own Region's id or ARN.
   */
  find(reference: string, region: string, now: number, accountId?: string, allowAlias = true): KeyRecord | undefined {
    let target = reference;
    if (reference.startsWith('arn:')) {
      let arn: ParsedKmsArn;
      try {
        arn = parseKmsArn(reference);
      } catch {
        return undefined; // `resolve` reports the malformed ARN
      }
      if (arn.region !== region || (accountId !== undefined && arn.accountId !== accountId)) return undefined;
      target = arn.resource.startsWith('key/') ? arn.resource.slice('key/'.length) : arn.resource;
    }
    if (target.startsWith('alias/')) {
      if (!allowAlias) return undefined;
      const alias = this.alias(region, target, now);
      if (!alias) return undefined;
      target = alias.targetKeyId;
    }
    const record = this.raw(region, target);
    return record && !this.isGone(record, now) ? record : undefined;
  }

  /** Like `find`, but answers NotFoundException the way KMS words it. */
  resolve(reference: unknown, region: string, now: number, accountId: string, allowAlias = true): KeyRecord {
    if (typeof reference !== 'string' || reference === '') {
      throw new SandboxError('ValidationException', notNullMessage('keyId'));
    }
    const arn = reference.startsWith('arn:') ? parseKmsArn(reference) : undefined;
    const found = this.find(reference, region, now, accountId, allowAlias);
    if (found) return found;
    if (arn) {
      if (arn.region !== region) throw new SandboxError('NotFoundException', `Invalid arn ${arn.region}`);
      throw new SandboxError('NotFoundException', `${arn.resource.startsWith('alias/') ? 'Alias' : 'Key'} '${reference}' does not exist`);
    }
    if (reference.startsWith('alias/')) {
      throw new SandboxError('NotFoundException', `Alias ${aliasArn(region, accountId, reference)} is not found.`);
    }
    throw new SandboxError('NotFoundException', `Key '${keyArn(region, accountId, reference)}' does not exist`);
  }

  alias(region: string, aliasName: string, now: number): AliasRecord | undefined {
    const alias = this.aliases.get(recordKey(region, aliasName));
    if (!alias) return undefined;
    const target = this.raw(region, alias.targetKeyId);
    // KMS deletes a key's aliases together with the key.
    return target && !this.isGone(target, now) ? alias : undefined;
  }

  putAlias(alias: AliasRecord): void {
    this.aliases.set(recordKey(alias.region, alias.aliasName), alias);
  }

  deleteAlias(region: string, aliasName: string): void {
    this.aliases.delete(recordKey(region, aliasName));
  }

  listAliases(region: string, now: number): AliasRecord[] {
    return [...this.aliases.values()]
      .filter((alias) => alias.region === region && this.alias(region, alias.aliasName, now))
      .sort((a, b) => a.aliasName.localeCompare(b.aliasName));
  }

  /** Forget families whose every member is gone, and aliases of gone keys. */
  sweep(now: number): void {
    const families = new Set([...this.keys.values()].map((record) => record.keyId));
    for (const keyId of families) {
      const members = this.family(keyId);
      if (members.every((member) => this.isGone(member, now))) {
        for (const member of members) this.keys.delete(recordKey(member.region, member.keyId));
      }
    }
    for (const [id, alias] of this.aliases) {
      if (!this.alias(alias.region, alias.aliasName, now)) this.aliases.delete(id);
    }
  }

  snapshot(): JsonValue {
    return JSON.parse(JSON.stringify({ keys: [...this.keys.values()], aliases: [...this.aliases.values()] })) as JsonValue;
  }

  restore(snapshot: JsonValue): void {
    this.keys.clear();
    this.aliases.clear();
    const data = (snapshot ?? {}) as { keys?: KeyRecord[]; aliases?: AliasRecord[] };
    for (const record of data.keys ?? []) this.put(record);
    for (const alias of data.aliases ?? []) this.putAlias(alias);
  }
}
