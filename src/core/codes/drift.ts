/**
 * Drift codes. Codes are a contract (scripts, SARIF rules and allowances key on them): add new ones,
 * never renumber. The letter says the severity (E error, W warning, I info); the hundreds say the
 * area. A finding does not decide the exit code by itself: a run whose findings reach --fail-on ends
 * with MRR_DRIFT_E000 (exit 3). Their order here is the order of the SARIF rules.
 */
import type { DriftArea, DriftSeverity } from '../drift/types.js';
import type { CodeEntry } from './types.js';

/** A drift finding: its severity and area, and why it matters during a failover. */
export interface DriftFindingEntry extends CodeEntry {
  readonly exit: 'none';
  readonly severity: DriftSeverity;
  readonly area: DriftArea;
  /** Why it matters during a failover. */
  readonly help: string;
}

/** The meaning of a finding is its short name (the SARIF rule name, the Markdown legend). */
function finding(severity: DriftSeverity, area: DriftArea, title: string, help: string): DriftFindingEntry {
  return { exit: 'none', meaning: title, severity, area, help };
}

/** The findings a drift run can report. */
export const DRIFT_FINDING_CODES = {
  MRR_DRIFT_E001: finding('error', 'replica', 'secondary does not serve the pool', 'The secondary Region has no replica of the pool, or it is still being created or deleted: there is nothing to fail over to.'),

  MRR_DRIFT_E101: finding('error', 'lambda', 'trigger missing in the secondary', 'Lambda triggers are Regional: a trigger set only in the primary does not run when the secondary serves (sign-up checks, custom messages, token customisation are skipped).'),
  MRR_DRIFT_E102: finding('error', 'lambda', 'trigger outside the secondary Region', 'Cognito invokes trigger functions in its own Region; a trigger that names a function of another Region fails, and depends on that Region being up.'),
  MRR_DRIFT_W103: finding('warning', 'lambda', 'trigger points at a different function', "The secondary's trigger names another function than the counterpart of the primary's."),
  MRR_DRIFT_W104: finding('warning', 'lambda', 'trigger only in the secondary', 'The secondary runs a trigger the primary does not: users see different behaviour after a failover.'),
  MRR_DRIFT_E105: finding('error', 'lambda', 'trigger function missing', 'The function a trigger needs does not exist in that Region; Cognito fails the request that would invoke it.'),
  MRR_DRIFT_E106: finding('error', 'lambda', 'Cognito may not invoke the function', "The function's resource policy does not let cognito-idp.amazonaws.com invoke it for this pool."),
  MRR_DRIFT_W107: finding('warning', 'lambda', 'function code differs', 'The two Regions run different code (CodeSha256) for the same trigger.'),
  MRR_DRIFT_W108: finding('warning', 'lambda', 'function runtime or handler differs', 'The two Regions run the trigger on a different runtime or handler.'),
  MRR_DRIFT_E109: finding('error', 'lambda', 'custom sender key missing in the secondary', 'Custom email/SMS sender triggers need LambdaConfig.KMSKeyID in each Region (the multi-Region key replica).'),

  MRR_DRIFT_E201: finding('error', 'email', 'email sending differs', "The primary sends email through your SES identity, the secondary through Cognito's default (low quota, another sender)."),
  MRR_DRIFT_E202: finding('error', 'email', 'SES identity missing or not verified', 'An email source must be a verified SES identity in the Region that sends.'),
  MRR_DRIFT_E203: finding('error', 'email', 'email source outside the secondary Region', "The secondary sends through the primary Region's SES: email stops when that Region is down."),
  MRR_DRIFT_W204: finding('warning', 'email', 'email settings differ', 'Sender address, reply-to, configuration set or sending account differ between the Regions.'),

  MRR_DRIFT_E301: finding('error', 'sms', 'SMS configuration missing in the secondary', 'Without an SMS configuration the secondary cannot send SMS verification or SMS MFA codes.'),
  MRR_DRIFT_W302: finding('warning', 'sms', 'SMS configuration differs', 'The SNS caller role or external id differ between the Regions.'),
  MRR_DRIFT_W303: finding('warning', 'sms', "SMS sent through another Region's SNS", "The secondary sends SMS through the primary Region's SNS: SMS stops when that Region is down."),

  MRR_DRIFT_E401: finding('error', 'threat-protection', 'notification sender missing in the secondary', 'Threat-protection notification email (NotifyConfiguration.SourceArn) is Regional; without it the secondary sends no account-takeover notices.'),
  MRR_DRIFT_E402: finding('error', 'threat-protection', 'notification sender outside the secondary Region', "The secondary's notification email goes through the primary Region's SES."),
  MRR_DRIFT_W403: finding('warning', 'threat-protection', 'notification sender address differs', 'NotifyConfiguration.From differs between the Regions.'),

  MRR_DRIFT_W501: finding('warning', 'tags', 'tag missing or different in the secondary', 'Tags are Regional: cost allocation and tag-based access control see different pools.'),
  MRR_DRIFT_I502: finding('info', 'tags', 'tag only in the secondary', 'The secondary carries a tag the primary does not (often on purpose, e.g. a Region tag).'),

  MRR_DRIFT_E601: finding('error', 'log-delivery', 'log delivery missing in the secondary', 'Log export is Regional: without it, the secondary delivers no user-notification or auth-event logs.'),
  MRR_DRIFT_E602: finding('error', 'log-delivery', 'log destination missing', 'The log group or Firehose stream log delivery needs does not exist in that Region.'),
  MRR_DRIFT_E603: finding('error', 'log-delivery', 'log destination outside the secondary Region', "The secondary delivers logs to the primary Region's destination."),
  MRR_DRIFT_W604: finding('warning', 'log-delivery', 'log delivery differs', 'Log level or destination differ between the Regions.'),
  MRR_DRIFT_I605: finding('info', 'log-delivery', 'S3 log destination not verifiable', 'mrrctl does not read S3: check the bucket and its policy yourself.'),

  MRR_DRIFT_E701: finding('error', 'waf', 'no web ACL on the secondary', "WAF associations are Regional: the secondary's endpoints are unprotected."),
  MRR_DRIFT_E702: finding('error', 'waf', 'web ACL missing in the secondary Region', "No web ACL with the primary ACL's name exists in the secondary Region, so there is nothing to associate."),
  MRR_DRIFT_W703: finding('warning', 'waf', 'web ACL rules differ', 'The two Regions filter traffic with different rules (names, priorities, actions or statements).'),
  MRR_DRIFT_I704: finding('info', 'waf', 'web ACL only on the secondary', 'The secondary is protected by a web ACL, the primary is not.'),

  MRR_DRIFT_I801: finding('info', 'mfa', 'TOTP MFA not available in the secondary', 'Software-token (TOTP) MFA is not supported in secondaries: users who rely on it can sign in only while the primary serves.'),

  MRR_DRIFT_E901: finding('error', 'replicated', 'global pool setting differs', 'A replicated setting still differs after the re-check: replication is lagging or failed.'),
  MRR_DRIFT_E902: finding('error', 'replicated', 'app clients differ', 'The Regions list different app clients after the re-check.'),
  MRR_DRIFT_E903: finding('error', 'replicated', 'app client configuration differs', "An app client's configuration differs between the Regions after the re-check (--deep)."),
  MRR_DRIFT_E904: finding('error', 'replicated', 'resource servers differ', 'The Regions list different resource servers or scopes after the re-check.'),
  MRR_DRIFT_E905: finding('error', 'replicated', 'identity providers differ', 'The Regions list different identity providers after the re-check.'),
  MRR_DRIFT_E906: finding('error', 'replicated', 'groups differ', 'The Regions list different groups after the re-check.'),
  MRR_DRIFT_E907: finding('error', 'replicated', 'domain differs', 'The Regions report different user pool domains after the re-check.'),
  MRR_DRIFT_E908: finding('error', 'replicated', 'threat-protection settings differ', 'The replicated part of the risk configuration differs after the re-check.'),
  MRR_DRIFT_E909: finding('error', 'replicated', 'MFA settings differ', 'The replicated MFA settings differ after the re-check.'),
} as const satisfies Record<string, DriftFindingEntry>;

export const DRIFT_CODES = {
  MRR_DRIFT_E000: { exit: 'findings', meaning: 'drift found: findings at or above --fail-on; the message counts them and names their codes' },
  MRR_DRIFT_E002: { exit: 'usage', meaning: 'the configured user pool does not exist in the primary Region' },
  ...DRIFT_FINDING_CODES,
} as const satisfies Record<string, CodeEntry>;
