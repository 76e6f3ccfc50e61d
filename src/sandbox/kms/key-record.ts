/**
 * One KMS key in one Region as the sandbox stores it, its identifiers, and the key-spec facts KMS
 * reports. Related multi-Region keys are separate records sharing a key id (one per Region).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SandboxError } from '../types.js';

export interface KmsTag {
  TagKey: string;
  TagValue: string;
}

export interface KeyRecord {
  keyId: string;
  region: string;
  accountId: string;
  multiRegion: boolean;
  /** For multi-Region keys: the Region of the family's primary key (same value on every member). */
  primaryRegion?: string;
  createdAt: number;
  /** Replicas stay `Creating` until this instant (lazy: no timers). */
  readyAt?: number;
  description: string;
  keySpec: string;
  keyUsage: string;
  origin: string;
  policy: string;
  tags: KmsTag[];
  /** What EnableKey/DisableKey last asked for; the visible KeyState also depends on time and deletion. */
  enabled: boolean;
  deletion?: { requestedAt: number; windowDays: number };
  /**
   * Automatic rotation. For multi-Region keys only the primary's value counts (a shared property);
   * replicas read it from their primary.
   */
  rotation?: { enabledAt: number; periodDays: number };
}

/** Key specs KMS accepts, with the key usages each allows and the algorithms it reports. */
interface KeySpecFacts {
  usages: string[];
  encryption?: string[];
  signing?: string[];
  mac?: string[];
  agreement?: string[];
}
const RSA_ENCRYPTION = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const RSA_SIGNING = ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512'];
const rsa: KeySpecFacts = { usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'], encryption: RSA_ENCRYPTION, signing: RSA_SIGNING };
const ecc = (signing: string): KeySpecFacts => ({ usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'], signing: [signing], agreement: ['ECDH'] });
const hmac = (mac: string): KeySpecFacts => ({ usages: ['GENERATE_VERIFY_MAC'], mac: [mac] });

export const KEY_SPECS: Record<string, KeySpecFacts> = {
  SYMMETRIC_DEFAULT: { usages: ['ENCRYPT_DECRYPT'], encryption: ['SYMMETRIC_DEFAULT'] },
  RSA_2048: rsa,
  RSA_3072: rsa,
  RSA_4096: rsa,
  ECC_NIST_P256: ecc('ECDSA_SHA_256'),
  ECC_NIST_P384: ecc('ECDSA_SHA_384'),
  ECC_NIST_P521: ecc('ECDSA_SHA_512'),
  ECC_SECG_P256K1: ecc('ECDSA_SHA_256'),
  HMAC_224: hmac('HMAC_SHA_224'),
  HMAC_256: hmac('HMAC_SHA_256'),
  HMAC_384: hmac('HMAC_SHA_384'),
  HMAC_512: hmac('HMAC_SHA_512'),
};

/** `mrk-` + 32 hex digits for multi-Region keys, a UUID otherwise. */
export function newKeyId(multiRegion: boolean): string {
  return multiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID();
}

export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}

export interface ParsedKmsArn {
  region: string;
  accountId: string;
  /** `key/<id>` or `alias/<name>`. */
  resource: string;
}

export function parseKmsArn(value: string): ParsedKmsArn {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'kms' || !/^(key|alias)\//.test(parts[5])) {
    throw new SandboxError('InvalidArnException', `Invalid arn ${value}`);
  }
  return { region: parts[3], accountId: parts[4], resource: parts.slice(5).join(':') };
}

/** The AWS Region name pattern (also used to check ReplicaRegion). */
export const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

const DAY_MS = 86_400_000;
export const daysToMs = (days: number): number => days * DAY_MS;
export const epochSeconds = (ms: number): number => ms / 1000;
