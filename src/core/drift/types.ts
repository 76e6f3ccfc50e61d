/**
 * The drift domain's data: what was observed in both Regions, the findings a comparison yields, and
 * the report every formatter (text, JSON, Markdown, JUnit, SARIF) and every caller (`replica
 * activate`, failover's drift guard) reads.
 */
import type { DriftFindingCode } from '../codes.js';
import type { JsonObject, JsonValue } from '../plan/types.js';
import type { AppClient, AppClientSummary, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { DeliveryStreamInfo, EmailIdentityInfo, LambdaFunctionInfo, LogGroupInfo, PolicyDocument, WebAcl } from '../ports/parity.js';
import type { UnreadableFinding } from '../unreadable.js';

export type DriftSeverity = 'error' | 'warning' | 'info';

/** How findings are grouped for humans (text sections, JUnit suites). */
export type DriftArea =
  | 'replica'
  | 'lambda'
  | 'email'
  | 'sms'
  | 'threat-protection'
  | 'tags'
  | 'log-delivery'
  | 'waf'
  | 'mfa'
  | 'replicated';

export const AREA_TITLES: Record<DriftArea, string> = {
  replica: 'Replica',
  lambda: 'Lambda triggers',
  email: 'Email',
  sms: 'SMS',
  'threat-protection': 'Threat protection notifications',
  tags: 'Tags',
  'log-delivery': 'Log delivery',
  waf: 'WAF web ACL',
  mfa: 'MFA',
  replicated: 'Replicated configuration',
};

/** One comparison that ran (a JUnit test case); it passed when it has no finding. */
export interface DriftCheck {
  /** Stable id, e.g. "lambda.PreSignUp" or "resource.lambda:demo-pre-sign-up". */
  id: string;
  area: DriftArea;
  title: string;
  /**
   * In a report: pass (no finding), fail (a finding, counting or not), unreadable (what it compares
   * could not be read, and nothing it could read differs). Absent while the collector runs.
   */
  status?: 'pass' | 'fail' | 'unreadable';
}

/**
 * A comparison that could not be made because a read failed: never a pass. Its values are null
 * (unknown), and the line says which call failed and to re-run after recovery.
 */
export interface DriftUnreadable extends UnreadableFinding {
  /** The check it leaves unknown. */
  check: string;
  area: DriftArea;
  title: string;
  primary: null;
  secondary: null;
}

export interface DriftFinding {
  /** Stable, e.g. MRR_DRIFT_E101; scripts and SARIF rules key on it. */
  code: DriftFindingCode;
  severity: DriftSeverity;
  /** The id of the check that found it. */
  check: string;
  area: DriftArea;
  /** The Region whose setting or resource is at fault. */
  region: string;
  /** What differs, e.g. `secondary.LambdaConfig.PreSignUp`; `drift.allow` entries match on it. */
  path: string;
  primary: JsonValue;
  secondary: JsonValue;
  message: string;
  remedy: string;
  /** `drift fix` can align it (the counterpart resource exists in the secondary). */
  fixable: boolean;
  /** An allowance matched but has expired: the finding counts again. */
  expiredAllowance?: { reason: string; expires: string };
}

export interface AllowedFinding extends DriftFinding {
  allowance: { reason: string; expires: string | null };
}

export interface DriftSummary {
  checks: number;
  passed: number;
  errors: number;
  warnings: number;
  infos: number;
  allowed: number;
  /** Checks that could not be read (each fails the gate whatever --fail-on says). */
  unreadable: number;
}

export interface DriftReport {
  userPoolId: string;
  primaryRegion: string;
  secondaryRegion: string;
  /** ISO 8601. */
  checkedAt: string;
  deep: boolean;
  /** The secondary's replica entry; null when the pool has none there. */
  replica: { status: string; role: string } | null;
  failOn: DriftSeverity;
  /** Nothing at or above failOn, and everything could be read. */
  ok: boolean;
  summary: DriftSummary;
  checks: DriftCheck[];
  /** Findings that count (allowances do not silence them), most severe first. */
  findings: DriftFinding[];
  /** Findings silenced by a `drift.allow` entry that has not expired. */
  allowed: AllowedFinding[];
  /** Comparisons that could not be made (a read failed): each one fails the report. */
  unreadable: DriftUnreadable[];
  /** The replicated configuration differed at first and was read again after a wait (replication lag). */
  recheck: { performed: boolean; delayMs: number; firstPass: number; resolved: number };
}

/** One Region's view of the pool. */
export interface RegionSnapshot {
  region: string;
  pool?: UserPool;
  /** GetLogDeliveryConfiguration's LogDeliveryConfiguration. */
  logDelivery?: JsonObject;
  /** DescribeRiskConfiguration's RiskConfiguration (pool level). */
  risk?: JsonObject;
  /** GetUserPoolMfaConfig's answer. */
  mfa?: JsonObject;
  /** The web ACL associated with this Region's pool ARN. */
  webAcl?: WebAcl;
  clients: AppClientSummary[];
  resourceServers: JsonObject[];
  identityProviders: JsonObject[];
  groups: JsonObject[];
  /** --deep: every app client's full configuration, by ClientId (null: listed but not found). */
  clientDetails?: Record<string, AppClient | null>;
  /** The reads of this Region that failed (only when observed with a ReadLog). */
  unread?: Partial<Record<SnapshotField, UnreadableFinding>>;
}

export type SnapshotField = 'pool' | 'risk' | 'mfa' | 'clients' | 'resourceServers' | 'identityProviders' | 'groups' | 'clientDetails' | 'logDelivery' | 'webAcl';

export type ResourceKind = 'function' | 'emailIdentity' | 'logGroup' | 'deliveryStream' | 'webAcl';

export interface FunctionState {
  info: LambdaFunctionInfo;
  policy?: PolicyDocument;
}

/** The resources the settings point at, keyed by resourceKey(region, name). null = looked up, absent. */
export interface ResourceSnapshot {
  functions: Record<string, FunctionState | null>;
  emailIdentities: Record<string, EmailIdentityInfo | null>;
  logGroups: Record<string, LogGroupInfo | null>;
  deliveryStreams: Record<string, DeliveryStreamInfo | null>;
  /** Web ACLs looked up by name in a Region (the counterpart of the primary's ACL). */
  webAcls: Record<string, WebAcl | null>;
  /** Resources that could not be read, by unreadKey(kind, region, name). */
  unread?: Record<string, UnreadableFinding>;
}

export function unreadKey(kind: ResourceKind, region: string, name: string): string {
  return `${kind} ${resourceKey(region, name)}`;
}

/** Why a resource is unknown, when its read failed. */
export function unreadResource(o: { resources: ResourceSnapshot }, kind: ResourceKind, region: string, name: string): UnreadableFinding | undefined {
  return o.resources.unread?.[unreadKey(kind, region, name)];
}

export interface DriftObservation {
  userPoolId: string;
  primaryRegion: string;
  secondaryRegion: string;
  replica?: ReplicaInfo;
  primary: RegionSnapshot;
  secondary: RegionSnapshot;
  resources: ResourceSnapshot;
  /** ListUserPoolReplicas could be read in neither Region: whether the secondary serves is unknown. */
  replicasUnread?: UnreadableFinding;
}

export function resourceKey(region: string, name: string): string {
  return `${region} ${name}`;
}

/** The clock drift needs: now() for allowances, sleep() for the replication-lag re-check and pacing. */
export interface DriftClock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
