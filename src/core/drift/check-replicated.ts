/**
 * The replicated configuration must really match: every DescribeUserPool field except the Regional
 * and computed ones (aws-conformance A3), the app clients, resource servers, identity providers, groups,
 * the domain, and the replicated parts of the risk and MFA configurations. A difference means
 * replication lag or failure; the caller re-reads once after a wait before reporting (see run.ts).
 */
import type { DriftFindingCode } from '../codes.js';
import type { JsonObject } from '../plan/types.js';
import { sameMultiRegionKey } from './arn.js';
import { sameJson, show, type FindingCollector } from './collector.js';
import type { DriftObservation } from './types.js';

/** Kept per Region (aws-conformance A3): compared by the Regional checks, not here. */
export const REGIONAL_POOL_FIELDS = ['LambdaConfig', 'EmailConfiguration', 'SmsConfiguration', 'UserPoolTags'];
/** Read-only or computed: they differ between Regions by nature. */
export const COMPUTED_POOL_FIELDS = [
  'Arn',
  'Domain',
  'CustomDomain',
  'EstimatedNumberOfUsers',
  'LastModifiedDate',
  'CreationDate',
  'Status',
  'SmsConfigurationFailure',
  'EmailConfigurationFailure',
];
const SKIPPED = new Set([...REGIONAL_POOL_FIELDS, ...COMPUTED_POOL_FIELDS]);
const TIMESTAMPS = ['LastModifiedDate', 'CreationDate'];

function without(value: JsonObject | undefined, fields: string[]): JsonObject | undefined {
  if (!value) return undefined;
  const copy = { ...value };
  for (const f of fields) delete copy[f];
  return copy;
}

/**
 * KeyConfiguration names the same multi-Region key from both Regions, though the secondary may report
 * its Regional replica's ARN: compare the key, not the text.
 */
function sameKeyConfiguration(a: unknown, b: unknown): boolean {
  if (sameJson(a, b)) return true;
  const ka = (a ?? {}) as JsonObject;
  const kb = (b ?? {}) as JsonObject;
  const { KmsKeyArn: arnA, ...restA } = ka;
  const { KmsKeyArn: arnB, ...restB } = kb;
  return sameJson(restA, restB) && sameMultiRegionKey(arnA, arnB);
}

function sameField(field: string, a: unknown, b: unknown): boolean {
  return field === 'KeyConfiguration' ? sameKeyConfiguration(a, b) : sameJson(a, b);
}

function checkPool(o: DriftObservation, out: FindingCollector): void {
  const c = out.check('replicated.UserPool', 'replicated', 'Global user pool settings');
  const p = (o.primary.pool ?? {}) as JsonObject;
  const s = (o.secondary.pool ?? {}) as JsonObject;
  const fields = [...new Set([...Object.keys(p), ...Object.keys(s)])].filter((f) => !SKIPPED.has(f)).sort();
  for (const field of fields) {
    if (sameField(field, p[field], s[field])) continue;
    c.add('MRR_DRIFT_E901', {
      region: o.secondaryRegion,
      path: `replicated.UserPool.${field}`,
      primary: p[field],
      secondary: s[field],
      remedy: `wait for replication and re-run; if it persists, re-save the setting in ${o.primaryRegion} or contact AWS Support`,
      message: `${field} is ${show(p[field])} in ${o.primaryRegion} but ${show(s[field])} in ${o.secondaryRegion}`,
    });
  }
}

function checkList(
  o: DriftObservation,
  out: FindingCollector,
  spec: { id: string; title: string; code: DriftFindingCode; label: string; key: string; list: (side: 'primary' | 'secondary') => JsonObject[]; ignore?: string[]; onlyCommon?: boolean },
): void {
  const c = out.check(`replicated.${spec.id}`, 'replicated', spec.title);
  const index = (side: 'primary' | 'secondary') => new Map(spec.list(side).map((item) => [String(item[spec.key]), without(item, spec.ignore ?? [])!]));
  const p = index('primary');
  const s = index('secondary');
  for (const name of [...new Set([...p.keys(), ...s.keys()])].sort()) {
    const a = p.get(name);
    const b = s.get(name);
    if (sameJson(a, b) || (spec.onlyCommon && (!a || !b))) continue;
    const message = !b
      ? `${spec.label} ${name} exists in ${o.primaryRegion} but not in ${o.secondaryRegion}`
      : !a
        ? `${spec.label} ${name} exists in ${o.secondaryRegion} but not in ${o.primaryRegion}`
        : `${spec.label} ${name} differs: ${show(a)} in ${o.primaryRegion}, ${show(b)} in ${o.secondaryRegion}`;
    c.add(spec.code, {
      region: o.secondaryRegion,
      path: `replicated.${spec.id}.${name}`,
      primary: a ?? null,
      secondary: b ?? null,
      remedy: `wait for replication and re-run; if it persists, update the ${spec.label} in ${o.primaryRegion} to trigger replication`,
      message,
    });
  }
}

function checkDomain(o: DriftObservation, out: FindingCollector): void {
  const c = out.check('replicated.Domain', 'replicated', 'User pool domains');
  for (const field of ['Domain', 'CustomDomain']) {
    const a = o.primary.pool?.[field];
    const b = o.secondary.pool?.[field];
    if (sameJson(a, b)) continue;
    c.add('MRR_DRIFT_E907', {
      region: o.secondaryRegion,
      path: `replicated.UserPool.${field}`,
      primary: a,
      secondary: b,
      remedy: `wait for replication and re-run; check the domain with DescribeUserPoolDomain in ${o.primaryRegion}`,
      message: `${field} is ${show(a)} in ${o.primaryRegion} but ${show(b)} in ${o.secondaryRegion}`,
    });
  }
}

/** The risk configuration without its Regional part (NotifyConfiguration.SourceArn/From) and metadata. */
export function globalRisk(risk: JsonObject | undefined): JsonObject | null {
  if (!risk) return null;
  const copy = JSON.parse(JSON.stringify(without(risk, ['LastModifiedDate', 'UserPoolId', 'ClientId']))) as JsonObject;
  const notify = (copy.AccountTakeoverRiskConfiguration as JsonObject | undefined)?.NotifyConfiguration as JsonObject | undefined;
  if (notify) {
    delete notify.SourceArn;
    delete notify.From;
  }
  return copy;
}

function globalMfa(mfa: JsonObject | undefined): JsonObject | null {
  if (!mfa) return null;
  const copy = JSON.parse(JSON.stringify(mfa)) as JsonObject;
  const sms = copy.SmsMfaConfiguration as JsonObject | undefined;
  if (sms) delete sms.SmsConfiguration;
  return copy;
}

function checkPair(o: DriftObservation, out: FindingCollector, id: string, title: string, code: DriftFindingCode, a: JsonObject | null, b: JsonObject | null): void {
  const c = out.check(`replicated.${id}`, 'replicated', title);
  if (sameJson(a, b)) return;
  c.add(code, {
    region: o.secondaryRegion,
    path: `replicated.${id}`,
    primary: a,
    secondary: b,
    remedy: `wait for replication and re-run; if it persists, re-save the setting in ${o.primaryRegion}`,
    message: `${title} differ between ${o.primaryRegion} and ${o.secondaryRegion}`,
  });
}

export function checkReplicated(o: DriftObservation, out: FindingCollector): void {
  checkPool(o, out);
  checkList(o, out, { id: 'AppClients', title: 'App clients', code: 'MRR_DRIFT_E902', label: 'app client', key: 'ClientId', list: (side) => o[side].clients as unknown as JsonObject[] });
  checkList(o, out, { id: 'ResourceServers', title: 'Resource servers', code: 'MRR_DRIFT_E904', label: 'resource server', key: 'Identifier', list: (side) => o[side].resourceServers });
  checkList(o, out, { id: 'IdentityProviders', title: 'Identity providers', code: 'MRR_DRIFT_E905', label: 'identity provider', key: 'ProviderName', list: (side) => o[side].identityProviders, ignore: TIMESTAMPS });
  checkList(o, out, { id: 'Groups', title: 'Groups', code: 'MRR_DRIFT_E906', label: 'group', key: 'GroupName', list: (side) => o[side].groups, ignore: TIMESTAMPS });
  checkDomain(o, out);
  checkPair(o, out, 'RiskConfiguration', 'Threat-protection settings', 'MRR_DRIFT_E908', globalRisk(o.primary.risk), globalRisk(o.secondary.risk));
  checkPair(o, out, 'MfaConfig', 'MFA settings', 'MRR_DRIFT_E909', globalMfa(o.primary.mfa), globalMfa(o.secondary.mfa));
  if (o.primary.clientDetails || o.secondary.clientDetails) {
    checkList(o, out, {
      id: 'AppClientConfiguration',
      title: 'App client configurations (--deep)',
      code: 'MRR_DRIFT_E903',
      label: 'app client',
      key: 'ClientId',
      list: (side) => Object.values(o[side].clientDetails ?? {}).filter((c): c is NonNullable<typeof c> => c !== null) as JsonObject[],
      ignore: TIMESTAMPS,
      // A client missing on one side is already reported by the list check.
      onlyCommon: true,
    });
  }
}
