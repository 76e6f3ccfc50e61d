/**
 * Every drift finding code, once. Codes are a contract (scripts, SARIF rules and allowances key on
 * them): add new ones, never renumber. The letter says the severity (E error, W warning, I info);
 * the hundreds say the area. Two codes of the namespace are not findings and so not listed here:
 * MRR_DRIFT_E000 (the diagnostic of a run that found drift) and MRR_DRIFT_E002 (the pool does not
 * exist in the primary: an input error, exit 2).
 */
import type { DriftArea, DriftSeverity } from './types.js';

export interface DriftRule {
  code: string;
  severity: DriftSeverity;
  area: DriftArea;
  /** A short name (SARIF rule name, Markdown legend). */
  title: string;
  /** Why it matters during a failover. */
  help: string;
}

const rules: DriftRule[] = [
  { code: 'MRR_DRIFT_E001', severity: 'error', area: 'replica', title: 'secondary does not serve the pool', help: 'The secondary Region has no replica of the pool, or it is still being created or deleted: there is nothing to fail over to.' },

  { code: 'MRR_DRIFT_E101', severity: 'error', area: 'lambda', title: 'trigger missing in the secondary', help: 'Lambda triggers are Regional: a trigger set only in the primary does not run when the secondary serves (sign-up checks, custom messages, token customisation are skipped).' },
  { code: 'MRR_DRIFT_E102', severity: 'error', area: 'lambda', title: 'trigger outside the secondary Region', help: 'Cognito invokes trigger functions in its own Region; a trigger that names a function of another Region fails, and depends on that Region being up.' },
  { code: 'MRR_DRIFT_W103', severity: 'warning', area: 'lambda', title: 'trigger points at a different function', help: "The secondary's trigger names another function than the counterpart of the primary's." },
  { code: 'MRR_DRIFT_W104', severity: 'warning', area: 'lambda', title: 'trigger only in the secondary', help: 'The secondary runs a trigger the primary does not: users see different behaviour after a failover.' },
  { code: 'MRR_DRIFT_E105', severity: 'error', area: 'lambda', title: 'trigger function missing', help: 'The function a trigger needs does not exist in that Region; Cognito fails the request that would invoke it.' },
  { code: 'MRR_DRIFT_E106', severity: 'error', area: 'lambda', title: 'Cognito may not invoke the function', help: "The function's resource policy does not let cognito-idp.amazonaws.com invoke it for this pool." },
  { code: 'MRR_DRIFT_W107', severity: 'warning', area: 'lambda', title: 'function code differs', help: 'The two Regions run different code (CodeSha256) for the same trigger.' },
  { code: 'MRR_DRIFT_W108', severity: 'warning', area: 'lambda', title: 'function runtime or handler differs', help: 'The two Regions run the trigger on a different runtime or handler.' },
  { code: 'MRR_DRIFT_E109', severity: 'error', area: 'lambda', title: 'custom sender key missing in the secondary', help: 'Custom email/SMS sender triggers need LambdaConfig.KMSKeyID in each Region (the multi-Region key replica).' },

  { code: 'MRR_DRIFT_E201', severity: 'error', area: 'email', title: 'email sending differs', help: "The primary sends email through your SES identity, the secondary through Cognito's default (low quota, another sender)." },
  { code: 'MRR_DRIFT_E202', severity: 'error', area: 'email', title: 'SES identity missing or not verified', help: 'An email source must be a verified SES identity in the Region that sends.' },
  { code: 'MRR_DRIFT_E203', severity: 'error', area: 'email', title: 'email source outside the secondary Region', help: "The secondary sends through the primary Region's SES: email stops when that Region is down." },
  { code: 'MRR_DRIFT_W204', severity: 'warning', area: 'email', title: 'email settings differ', help: 'Sender address, reply-to, configuration set or sending account differ between the Regions.' },

  { code: 'MRR_DRIFT_E301', severity: 'error', area: 'sms', title: 'SMS configuration missing in the secondary', help: 'Without an SMS configuration the secondary cannot send SMS verification or SMS MFA codes.' },
  { code: 'MRR_DRIFT_W302', severity: 'warning', area: 'sms', title: 'SMS configuration differs', help: 'The SNS caller role or external id differ between the Regions.' },
  { code: 'MRR_DRIFT_W303', severity: 'warning', area: 'sms', title: "SMS sent through another Region's SNS", help: "The secondary sends SMS through the primary Region's SNS: SMS stops when that Region is down." },

  { code: 'MRR_DRIFT_E401', severity: 'error', area: 'threat-protection', title: 'notification sender missing in the secondary', help: 'Threat-protection notification email (NotifyConfiguration.SourceArn) is Regional; without it the secondary sends no account-takeover notices.' },
  { code: 'MRR_DRIFT_E402', severity: 'error', area: 'threat-protection', title: 'notification sender outside the secondary Region', help: "The secondary's notification email goes through the primary Region's SES." },
  { code: 'MRR_DRIFT_W403', severity: 'warning', area: 'threat-protection', title: 'notification sender address differs', help: 'NotifyConfiguration.From differs between the Regions.' },

  { code: 'MRR_DRIFT_W501', severity: 'warning', area: 'tags', title: 'tag missing or different in the secondary', help: 'Tags are Regional: cost allocation and tag-based access control see different pools.' },
  { code: 'MRR_DRIFT_I502', severity: 'info', area: 'tags', title: 'tag only in the secondary', help: 'The secondary carries a tag the primary does not (often on purpose, e.g. a Region tag).' },

  { code: 'MRR_DRIFT_E601', severity: 'error', area: 'log-delivery', title: 'log delivery missing in the secondary', help: 'Log export is Regional: without it, the secondary delivers no user-notification or auth-event logs.' },
  { code: 'MRR_DRIFT_E602', severity: 'error', area: 'log-delivery', title: 'log destination missing', help: 'The log group or Firehose stream log delivery needs does not exist in that Region.' },
  { code: 'MRR_DRIFT_E603', severity: 'error', area: 'log-delivery', title: 'log destination outside the secondary Region', help: "The secondary delivers logs to the primary Region's destination." },
  { code: 'MRR_DRIFT_W604', severity: 'warning', area: 'log-delivery', title: 'log delivery differs', help: 'Log level or destination differ between the Regions.' },
  { code: 'MRR_DRIFT_I605', severity: 'info', area: 'log-delivery', title: 'S3 log destination not verifiable', help: 'mrrctl does not read S3: check the bucket and its policy yourself.' },

  { code: 'MRR_DRIFT_E701', severity: 'error', area: 'waf', title: 'no web ACL on the secondary', help: "WAF associations are Regional: the secondary's endpoints are unprotected." },
  { code: 'MRR_DRIFT_E702', severity: 'error', area: 'waf', title: 'web ACL missing in the secondary Region', help: "No web ACL with the primary ACL's name exists in the secondary Region, so there is nothing to associate." },
  { code: 'MRR_DRIFT_W703', severity: 'warning', area: 'waf', title: 'web ACL rules differ', help: 'The two Regions filter traffic with different rules (names, priorities, actions or statements).' },
  { code: 'MRR_DRIFT_I704', severity: 'info', area: 'waf', title: 'web ACL only on the secondary', help: 'The secondary is protected by a web ACL, the primary is not.' },

  { code: 'MRR_DRIFT_I801', severity: 'info', area: 'mfa', title: 'TOTP MFA not available in the secondary', help: 'Software-token (TOTP) MFA is not supported in secondaries: users who rely on it can sign in only while the primary serves.' },

  { code: 'MRR_DRIFT_E901', severity: 'error', area: 'replicated', title: 'global pool setting differs', help: 'A replicated setting still differs after the re-check: replication is lagging or failed.' },
  { code: 'MRR_DRIFT_E902', severity: 'error', area: 'replicated', title: 'app clients differ', help: 'The Regions list different app clients after the re-check.' },
  { code: 'MRR_DRIFT_E903', severity: 'error', area: 'replicated', title: 'app client configuration differs', help: "An app client's configuration differs between the Regions after the re-check (--deep)." },
  { code: 'MRR_DRIFT_E904', severity: 'error', area: 'replicated', title: 'resource servers differ', help: 'The Regions list different resource servers or scopes after the re-check.' },
  { code: 'MRR_DRIFT_E905', severity: 'error', area: 'replicated', title: 'identity providers differ', help: 'The Regions list different identity providers after the re-check.' },
  { code: 'MRR_DRIFT_E906', severity: 'error', area: 'replicated', title: 'groups differ', help: 'The Regions list different groups after the re-check.' },
  { code: 'MRR_DRIFT_E907', severity: 'error', area: 'replicated', title: 'domain differs', help: 'The Regions report different user pool domains after the re-check.' },
  { code: 'MRR_DRIFT_E908', severity: 'error', area: 'replicated', title: 'threat-protection settings differ', help: 'The replicated part of the risk configuration differs after the re-check.' },
  { code: 'MRR_DRIFT_E909', severity: 'error', area: 'replicated', title: 'MFA settings differ', help: 'The replicated MFA settings differ after the re-check.' },
];

export const DRIFT_RULES: readonly DriftRule[] = rules;

const BY_CODE = new Map(rules.map((r) => [r.code, r]));

export function ruleFor(code: string): DriftRule {
  const rule = BY_CODE.get(code);
  if (!rule) throw new Error(`unknown drift code ${code}`);
  return rule;
}

/** Severity order: higher is worse. */
export const SEVERITY_RANK: Record<DriftSeverity, number> = { info: 0, warning: 1, error: 2 };

export function atOrAbove(severity: DriftSeverity, threshold: DriftSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
