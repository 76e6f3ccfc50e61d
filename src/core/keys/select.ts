/**
 * Which key `keys setup` works with. In order: the key the operator names (--key-arn or the config's
 * key.arn), the key the pool already uses, the key the alias points at, a key an earlier interrupted
 * run created (found by its pool tag) — or a new one. A named key that cannot serve is refused with
 * what to do instead; nothing is ever adopted silently against what the account already says.
 */
import type { CodeFor } from '../codes.js';
import { FindingsError, InputError } from '../errors.js';
import type { AliasEntry, KeyMetadata } from '../ports/kms.js';
import { adoptionProblem, cannotBeMadeMultiRegion, isPendingDeletion } from './key-facts.js';

export type KeySource = 'key-arn' | 'pool' | 'alias' | 'tag' | 'new';

export interface RequestedKey {
  /** As given: key ARN, key id or alias. */
  ref: string;
  /** Where it was given, for error messages. */
  origin: 'flags' | 'config';
  /** DescribeKey's answer; undefined when not found. */
  key?: KeyMetadata;
}

export interface KeyCandidates {
  primaryRegion: string;
  aliasName: string;
  requested?: RequestedKey;
  /** The pool's KeyConfiguration, and the key its KmsKeyArn names. */
  pool: { keyType?: string; kmsKeyArn?: string; key?: KeyMetadata };
  /** The alias in the primary Region, and the key it targets. */
  alias?: AliasEntry;
  aliasKey?: KeyMetadata;
}

export interface KeyChoice {
  source: KeySource;
  /** The primary key's metadata; undefined when a new key is to be created. */
  key?: KeyMetadata;
  /** The ARN of the pool's current customer managed key when it cannot serve and will be replaced. */
  replaces?: string;
  notes: string[];
}

function requestedField(r: RequestedKey): { source: string; field: string } {
  return r.origin === 'flags' ? { source: 'flags', field: '--key-arn' } : { source: 'config', field: 'key.arn' };
}

function refuseRequested(r: RequestedKey, code: CodeFor<'usage'>, expected: string): never {
  const { source, field } = requestedField(r);
  throw new InputError(code, source, field, r.ref, expected);
}

/** The pool's current customer managed key, when it can never become the multi-Region key. */
export function replacedPoolKey(c: KeyCandidates): string | undefined {
  if (c.pool.keyType !== 'CUSTOMER_MANAGED_KEY' || !c.pool.key) return undefined;
  return cannotBeMadeMultiRegion(c.pool.key) ? (c.pool.key.Arn ?? c.pool.kmsKeyArn) : undefined;
}

function checkAliasAgrees(c: KeyCandidates, key: KeyMetadata): void {
  if (!c.alias || c.alias.TargetKeyId === key.KeyId) return;
  const message =
    `${c.aliasName} in ${c.primaryRegion} points at key ${c.alias.TargetKeyId ?? '(none)'}, not at ${key.Arn ?? key.KeyId}; ` +
    'mrrctl does not move an alias: point it at the right key (aws kms update-alias) or set key.alias in the config to a free alias name';
  if (c.requested) refuseRequested(c.requested, 'MRR_KEYS_E004', `the key ${c.aliasName} points at (${c.alias.TargetKeyId}) — ${message}`);
  throw new FindingsError('MRR_KEYS_E302', message, { alias: c.aliasName, aliasTarget: c.alias.TargetKeyId, key: key.Arn ?? key.KeyId });
}

function fromRequested(c: KeyCandidates, r: RequestedKey): KeyChoice {
  if (!r.key) refuseRequested(r, 'MRR_KEYS_E002', `an existing KMS key in ${c.primaryRegion}; DescribeKey found none`);
  const problem = adoptionProblem(r.key, c.primaryRegion);
  if (problem) refuseRequested(r, 'MRR_KEYS_E003', `a symmetric multi-Region primary key in ${c.primaryRegion}: ${problem}`);
  const poolKey = c.pool.keyType === 'CUSTOMER_MANAGED_KEY' ? c.pool.key : undefined;
  if (poolKey && poolKey.KeyId !== r.key.KeyId && !cannotBeMadeMultiRegion(poolKey)) {
    refuseRequested(
      r,
      'MRR_KEYS_E005',
      `the pool's current key ${poolKey.Arn}: the pool already uses a multi-Region capable key, and mrrctl does not move a pool to another key (omit --key-arn to keep it)`,
    );
  }
  checkAliasAgrees(c, r.key);
  return { source: 'key-arn', key: r.key, replaces: replacedPoolKey(c), notes: [`adopting ${r.key.Arn} as given by ${requestedField(r).field}`] };
}

function fromPool(c: KeyCandidates): KeyChoice | undefined {
  if (c.pool.keyType !== 'CUSTOMER_MANAGED_KEY') return undefined;
  const key = c.pool.key;
  if (!key) {
    throw new FindingsError(
      'MRR_KEYS_E301',
      `the pool's KeyConfiguration names ${c.pool.kmsKeyArn ?? '(no ARN)'}, which DescribeKey cannot find in ${c.primaryRegion}; fix the key before running keys setup`,
    );
  }
  if (cannotBeMadeMultiRegion(key)) return undefined; // replaced by the key chosen next
  const problem = adoptionProblem(key, c.primaryRegion);
  if (problem) throw new FindingsError('MRR_KEYS_E303', `the pool's current key cannot serve as its multi-Region key: ${problem}`);
  checkAliasAgrees(c, key);
  return { source: 'pool', key, notes: [`keeping the pool's current key ${key.Arn}`] };
}

function fromAlias(c: KeyCandidates): KeyChoice | undefined {
  if (!c.alias) return undefined;
  const key = c.aliasKey;
  if (!key) {
    throw new FindingsError(
      'MRR_KEYS_E304',
      `${c.aliasName} in ${c.primaryRegion} points at key ${c.alias.TargetKeyId ?? '(none)'}, which DescribeKey cannot find; delete the alias or set key.alias to another name`,
    );
  }
  const problem = adoptionProblem(key, c.primaryRegion);
  if (problem) {
    throw new FindingsError(
      'MRR_KEYS_E305',
      `${c.aliasName} in ${c.primaryRegion} points at a key that cannot serve: ${problem}; set key.alias in the config to another alias name, or pass --key-arn`,
    );
  }
  return { source: 'alias', key, replaces: replacedPoolKey(c), notes: [`adopting ${key.Arn}, which ${c.aliasName} points at`] };
}

/**
 * The key named by the flag, the pool or the alias; undefined when none names one (then look for a
 * tagged key). Throws InputError (exit 2) for a refused --key-arn, FindingsError (exit 3) when what
 * the account holds contradicts itself.
 */
export function chooseNamedKey(c: KeyCandidates): KeyChoice | undefined {
  if (c.requested) return fromRequested(c, c.requested);
  return fromPool(c) ?? fromAlias(c);
}

/**
 * After a crash between CreateKey and CreateAlias, the new key exists only through its pool tag.
 * Adopt the oldest usable one instead of creating a second key.
 */
export function chooseTaggedKey(tagged: KeyMetadata[], c: KeyCandidates): KeyChoice {
  const usable = tagged
    .filter((k) => !isPendingDeletion(k) && adoptionProblem(k, c.primaryRegion) === undefined)
    .sort((a, b) => String(a.CreationDate ?? '').localeCompare(String(b.CreationDate ?? '')));
  const replaces = replacedPoolKey(c);
  if (usable.length === 0) return { source: 'new', replaces, notes: [] };
  const [key, ...others] = usable;
  const notes = [`adopting ${key.Arn}: tagged for this pool by an earlier mrrctl run that stopped before creating ${c.aliasName}`];
  if (others.length > 0) notes.push(`other keys tagged for this pool (not used): ${others.map((k) => k.Arn ?? k.KeyId).join(', ')}`);
  return { source: 'tag', key, replaces, notes };
}
