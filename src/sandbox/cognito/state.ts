/**
 * The Cognito model's state: one record per user pool ID. A replicated pool keeps ONE record, since
 * MRR shares the pool ID across Regions: the primary's authoritative global data, each hosting Region's
 * own Regional settings, and per replica the copy of the global data it has received so far.
 * Everything here is plain JSON so the whole state can be snapshotted for --state FILE.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { JsonObject } from '../types.js';

export type ReplicaStatus = 'CREATING' | 'INACTIVE' | 'ACTIVE' | 'DELETING';
export type ReplicaRole = 'PRIMARY' | 'SECONDARY';

export interface SigningKeyRecord {
  kid: string;
  /** Private RSA JWK: sandbox state (it signs the sandbox's tokens), never a user secret. */
  privateJwk: JsonObject;
  publicJwk: JsonObject;
}

/** Everything the primary owns and replicates to its secondary. */
export interface GlobalData {
  /** Global user-pool fields in wire shape, e.g. PoolName, Policies, UserPoolTier, IssuerConfiguration. */
  config: JsonObject;
  /** MFA factor settings from SetUserPoolMfaConfig (MfaConfiguration itself lives in config). */
  mfa: JsonObject;
  clients: Record<string, JsonObject>;
  resourceServers: Record<string, JsonObject>;
  identityProviders: Record<string, JsonObject>;
  groups: Record<string, JsonObject>;
  /** Keyed by the username's lookup key (lower-cased unless the pool is case-sensitive). */
  users: Record<string, JsonObject>;
  /** Risk configurations keyed by ClientId, or ALL_CLIENTS for the pool-level one. */
  risk: Record<string, JsonObject>;
  /** Epoch ms of the last change to any of the above. */
  lastModified: number;
}

/** Settings each hosting Region keeps for itself (aws-conformance A3). */
export interface RegionalSettings {
  EmailConfiguration: JsonObject;
  SmsConfiguration?: JsonObject;
  LambdaConfig: JsonObject;
  UserPoolTags: Record<string, string>;
  logConfigurations: JsonObject[];
  /** NotifyConfiguration.{SourceArn, From} of the risk configuration, keyed like GlobalData.risk. */
  riskNotify: Record<string, { SourceArn?: string; From?: string }>;
  lastModified: number;
}

export interface ReplicaRecord {
  region: string;
  /** Stored status; CREATING and DELETING advance lazily with time (see lifecycle.ts). */
  status: ReplicaStatus;
  statusSince: number;
  /** The global data this secondary has received. */
  synced: GlobalData;
  /** Primary changes not yet visible here, oldest first; each becomes visible syncDelayMs after `at`. */
  pending: Array<{ at: number; data: GlobalData }>;
}

export type DomainKind = 'prefix' | 'custom';

export interface DomainRecord {
  domain: string;
  kind: DomainKind;
  createdAt: number;
  managedLoginVersion: number;
  customDomainConfig?: JsonObject;
  routing?: JsonObject;
  cloudFrontDomain?: string;
}

export interface PoolRecord {
  id: string;
  primaryRegion: string;
  createdAt: number;
  signingKey: SigningKeyRecord;
  global: GlobalData;
  regional: Record<string, RegionalSettings>;
  /** Secondary replicas by Region (at most one that is not gone). */
  replicas: Record<string, ReplicaRecord>;
  domains: DomainRecord[];
}

export interface CognitoState {
  pools: Record<string, PoolRecord>;
}

export const ALL_CLIENTS = 'ALL';

export function emptyState(): CognitoState {
  return { pools: {} };
}

export function emptyRegionalSettings(now: number, tags: Record<string, string> = {}): RegionalSettings {
  return {
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    LambdaConfig: {},
    UserPoolTags: { ...tags },
    logConfigurations: [],
    riskNotify: {},
    lastModified: now,
  };
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** `<region>_<9 alphanumerics>`, like AWS. */
export function newPoolId(region: string): string {
  return `${region}_${randomString(ALNUM, 9)}`;
}

export function newClientId(): string {
  return randomString(LOWER_ALNUM, 26);
}

export function newClientSecret(): string {
  return randomString(LOWER_ALNUM, 51);
}

export function newSub(): string {
  return randomUUID();
}

/** AWS JSON protocols carry timestamps as epoch seconds. */
export function wireDate(ms: number): number {
  return ms / 1000;
}

export function poolArn(region: string, accountId: string, poolId: string): string {
  return `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Deep equality on JSON values, ignoring key order and undefined members. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Drop undefined members so wire responses stay tidy. */
export function compact<T extends JsonObject>(obj: T): T {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
  return obj;
}
