/**
 * What `keys verify` looks at: the pool's key, or else the key the alias points at, in both Regions.
 * With a ReadLog, a read that fails is recorded in `unread` and the checks that need it say
 * "unreadable" (the others still run); without one (the verification after `keys setup`) a failed read
 * throws as before. The pool's KeyConfiguration is a global setting: when the primary does not answer
 * it is read from the secondary, and the replica key is read by its id even when the primary key
 * cannot be.
 */
import type { Topology } from '../config/topology.js';
import type { UserPool } from '../ports/cognito.js';
import type { KeyMetadata } from '../ports/kms.js';
import { ReadLog, type ReadSite, type UnreadableFinding } from '../unreadable.js';
import { poolKeyArn, type AliasPair, type KeyReaders, type ObservedKey } from './read.js';

export type KeyVerifyRead = 'pool' | 'aliasPrimary' | 'aliasSecondary' | 'key' | 'primaryPolicy' | 'rotation' | 'replica' | 'replicaPolicy';

export interface KeyVerifyObservation {
  topology: Topology;
  aliasName: string;
  pool?: UserPool;
  aliases: AliasPair;
  keySource: 'pool' | 'alias' | 'none';
  /** The reference that was looked up (pool KmsKeyArn or alias target). */
  keyRef?: string;
  /** Undefined when there is no key, or the reference is not found (or could not be read: see unread.key). */
  key?: ObservedKey;
  /** The replica key read by id when the primary key could not be read. */
  replicaOnly?: { replica?: KeyMetadata; replicaPolicy?: string };
  /** Each value that could not be read, with why. */
  unread?: Partial<Record<KeyVerifyRead, UnreadableFinding>>;
  /** The primary's DescribeUserPool failure, when the pool was read from the secondary instead. */
  poolReadElsewhere?: { region: string; unreadable: UnreadableFinding };
}

type Reader = <T>(field: KeyVerifyRead, site: ReadSite, read: () => Promise<T>) => Promise<T | undefined>;

export async function observeKeyForVerify(readers: { cognito: KeyReaders['cognito']; kms: KeyReaders['kms'] }, topology: Topology, aliasName: string, reads?: ReadLog): Promise<KeyVerifyObservation> {
  const { cognito, kms } = readers;
  const { primaryRegion: P, secondaryRegion: S, userPoolId } = topology;
  const unread: Partial<Record<KeyVerifyRead, UnreadableFinding>> = {};
  const read: Reader = async (field, site, fn) => {
    if (!reads) return fn();
    const a = await reads.attempt(site, fn);
    if (a.ok) return a.value;
    unread[field] = a.unreadable;
    return undefined;
  };
  const kmsAt = (operation: string, region: string) => ({ service: 'kms', operation, region });
  const [poolRead, primaryAlias, secondaryAlias] = await Promise.all([
    reads
      ? reads.first([P, S], { service: 'cognito-idp', operation: 'DescribeUserPool' }, (r) => cognito.describeUserPool(r, userPoolId))
      : cognito.describeUserPool(P, userPoolId).then((value) => ({ ok: true as const, value, region: P, failed: [] })),
    read('aliasPrimary', kmsAt('ListAliases', P), () => kms.findAlias(P, aliasName)),
    read('aliasSecondary', kmsAt('ListAliases', S), () => kms.findAlias(S, aliasName)),
  ]);
  // A secondary that does not know the pool says nothing about the primary: still unread.
  const poolKnown = poolRead.ok && (poolRead.value !== undefined || poolRead.region === P);
  if (!poolKnown) unread.pool = poolRead.failed[0];
  const pool = poolRead.ok ? poolRead.value : undefined;
  const poolReadElsewhere = poolRead.ok && poolRead.region !== P && pool ? { region: poolRead.region, unreadable: poolRead.failed[0] } : undefined;
  const aliases: AliasPair = { primary: primaryAlias, secondary: secondaryAlias };
  const fromPool = pool ? poolKeyArn(pool) : undefined;
  const keySource = fromPool ? 'pool' : aliases.primary?.TargetKeyId ? 'alias' : 'none';
  const keyRef = fromPool ?? aliases.primary?.TargetKeyId;
  const base = { topology, aliasName, pool, aliases, keySource, keyRef, ...(reads ? { unread } : {}), ...(poolReadElsewhere ? { poolReadElsewhere } : {}) } as const;
  if (!keyRef) return base;
  const primary = await read('key', kmsAt('DescribeKey', P), () => kms.describeKey(P, keyRef));
  if (primary) return { ...base, key: await observeVerifyKey(read, readers.kms, topology, primary) };
  if (!unread.key) return base;
  // The primary key could not be read: a multi-Region key's replica has the same key id (aws-conformance B5).
  const keyId = keyRef.split('/').pop() ?? keyRef;
  const replica = await read('replica', kmsAt('DescribeKey', S), () => kms.describeKey(S, keyId));
  const replicaPolicy = replica ? await read('replicaPolicy', kmsAt('GetKeyPolicy', S), () => kms.getKeyPolicy(S, replica.KeyId)) : undefined;
  return { ...base, replicaOnly: { replica, replicaPolicy } };
}

/** observeKey's reads, each one recorded when it fails. */
async function observeVerifyKey(read: Reader, kms: KeyReaders['kms'], topology: Topology, primary: KeyMetadata): Promise<ObservedKey> {
  const { primaryRegion: P, secondaryRegion: S } = topology;
  const [primaryPolicy, rotation, replica] = await Promise.all([
    read('primaryPolicy', { service: 'kms', operation: 'GetKeyPolicy', region: P }, () => kms.getKeyPolicy(P, primary.KeyId)),
    read('rotation', { service: 'kms', operation: 'GetKeyRotationStatus', region: P }, () => kms.getRotationEnabled(P, primary.KeyId)),
    primary.MultiRegion ? read('replica', { service: 'kms', operation: 'DescribeKey', region: S }, () => kms.describeKey(S, primary.KeyId)) : Promise.resolve(undefined),
  ]);
  const replicaPolicy = replica ? await read('replicaPolicy', { service: 'kms', operation: 'GetKeyPolicy', region: S }, () => kms.getKeyPolicy(S, replica.KeyId)) : undefined;
  return { primary, primaryPolicy, rotation, replica, replicaPolicy };
}
