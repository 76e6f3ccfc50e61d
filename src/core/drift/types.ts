/**
 * The drift domain's data: what was observed in both Regions, the findings a comparison yields, and
 * the report every formatter (text, JSON, Markdown, JUnit, SARIF) and every caller (`replica
 * activate`, failover's drift guard) reads.
 */
import type { DriftFindingCode } from '../codes.js';
import type { JsonObject, JsonValue } from '../plan/types.js';
import type { AppClient, AppClientSummary, ReplicaInfo, UserPool } from '../ports/cognito.js';
import type { DeliveryStreamInfo, EmailIdentityInfo, LambdaFunctionInfo, LogGroupInfo, PolicyDocument, WebAcl } from '../ports/parity.js';

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
  /** Nothing at or above failOn. */
  ok: boolean;
  summary: DriftSummary;
  checks: DriftCheck[];
  /** Findings that count (allowances do not silence them), most severe first. */
  findings: DriftFinding[];
  /** Findings silenced by a `drift.allow` entry that has not expired. */
  allowed: AllowedFinding[];
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
}

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
}

export interface DriftObservation {
  userPoolId: string;
  primaryRegion: string;
  secondaryRegion: string;
  replica?: ReplicaInfo;
  primary: RegionSnapshot;
  secondary: RegionSnapshot;
  resources: ResourceSnapshot;
}

export function resourceKey(region: string, name: string): string {
  return `${region} ${name}`;
}

/** The clock drift needs: now() for allowances, sleep() for the replication-lag re-check and pacing. */
export interface DriftClock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
