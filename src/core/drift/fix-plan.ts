/**
 * `drift fix`: the plan that aligns the secondary's Regional settings with the primary's wherever the
 * counterpart resource exists in the secondary Region. Pure: a function of one observation. What it
 * cannot do for the operator (deploy a function, verify an SES identity, create a log group or web
 * ACL) comes back as `cannot`, for the plan notes and the output.
 */
import { updateUserPoolInput } from '../cognito/update-pool.js';
import type { JsonObject, Step } from '../plan/types.js';
import { arnInRegion, regionOfArn, resourceName } from './arn.js';
import { allowsCognito } from './check-lambda.js';
import { counterpartReady } from './check-logs.js';
import { globalRisk } from './check-replicated.js';
import { counterpartAcl, equivalentAcls } from './check-waf.js';
import { sameJson } from './collector.js';
import {
  DIRECT_TRIGGERS,
  functionAt,
  functionRegion,
  identityName,
  identityReady,
  logConfigIn,
  logConfigurations,
  logDestination,
  notifyOf,
  smsCounterpart,
  triggersOf,
  VERSIONED_TRIGGERS,
} from './counterparts.js';
import type { DriftObservation } from './types.js';

export interface DriftFixPlan {
  steps: Step[];
  /** What the operator must do; drift fix cannot. */
  cannot: string[];
  /** Assumptions worth reading before applying. */
  notes: string[];
}

const COGNITO_PRINCIPAL = 'cognito-idp.amazonaws.com';

function desiredLambdaConfig(o: DriftObservation, cannot: string[]): JsonObject {
  const S = o.secondaryRegion;
  const primary = (o.primary.pool?.LambdaConfig ?? {}) as JsonObject;
  const desired = JSON.parse(JSON.stringify(o.secondary.pool?.LambdaConfig ?? {})) as JsonObject;
  const ready = (arn: string) => functionAt(o, S, arnInRegion(arn, S)) !== undefined;
  for (const name of DIRECT_TRIGGERS) {
    const arn = primary[name];
    if (typeof arn !== 'string') continue;
    if (ready(arn)) desired[name] = arnInRegion(arn, S);
    else cannot.push(`deploy ${resourceName(arn)} to ${S} (for the ${name} trigger), then run drift fix again`);
  }
  for (const name of VERSIONED_TRIGGERS) {
    const config = primary[name] as JsonObject | undefined;
    if (typeof config?.LambdaArn !== 'string') continue;
    if (ready(config.LambdaArn)) desired[name] = { ...config, LambdaArn: arnInRegion(config.LambdaArn, S) };
    else cannot.push(`deploy ${resourceName(config.LambdaArn)} to ${S} (for the ${name} trigger), then run drift fix again`);
  }
  const senders = ['CustomSMSSender', 'CustomEmailSender'].some((t) => desired[t] !== undefined);
  if (senders && typeof primary.KMSKeyID === 'string') desired.KMSKeyID = arnInRegion(primary.KMSKeyID, S);
  return desired;
}

function desiredEmail(o: DriftObservation, cannot: string[]): JsonObject | undefined {
  const S = o.secondaryRegion;
  const primary = o.primary.pool?.EmailConfiguration as JsonObject | undefined;
  if (!primary) return undefined;
  if (primary.EmailSendingAccount !== 'DEVELOPER' || typeof primary.SourceArn !== 'string') return { ...primary };
  const identity = identityName(primary.SourceArn);
  if (identityReady(o, S, identity)) return { ...primary, SourceArn: arnInRegion(primary.SourceArn, S) };
  cannot.push(`create and verify the SES identity ${identity} in ${S}, then run drift fix again (email configuration)`);
  return undefined;
}

function desiredSms(o: DriftObservation): JsonObject | undefined {
  const primary = o.primary.pool?.SmsConfiguration as JsonObject | undefined;
  if (!primary) return undefined;
  const desired = smsCounterpart(primary, o.primaryRegion, o.secondaryRegion);
  const current = o.secondary.pool?.SmsConfiguration as JsonObject | undefined;
  // An absent SnsRegion means the pool's own Region: equivalent to naming the secondary.
  const normalise = (v: JsonObject | undefined) => (v ? { ...v, SnsRegion: v.SnsRegion ?? o.secondaryRegion } : v);
  return sameJson(normalise(desired), normalise(current)) ? current : desired;
}

function poolStep(o: DriftObservation, cannot: string[]): Step | undefined {
  const pool = o.secondary.pool;
  if (!pool) return undefined;
  const desired: Record<string, unknown> = {
    LambdaConfig: desiredLambdaConfig(o, cannot),
    EmailConfiguration: desiredEmail(o, cannot) ?? pool.EmailConfiguration,
    SmsConfiguration: desiredSms(o) ?? pool.SmsConfiguration,
    UserPoolTags: { ...((pool.UserPoolTags ?? {}) as JsonObject), ...((o.primary.pool?.UserPoolTags ?? {}) as JsonObject) },
  };
  const changed = Object.keys(desired).filter((field) => !sameJson(desired[field] ?? null, pool[field] ?? (field === 'LambdaConfig' || field === 'UserPoolTags' ? {} : null)));
  if (changed.length === 0) return undefined;
  const changes = Object.fromEntries(changed.map((f) => [f, desired[f]]));
  return {
    id: 'cognito.update-user-pool.secondary',
    region: o.secondaryRegion,
    service: 'cognito-idp',
    operation: 'UpdateUserPool',
    input: updateUserPoolInput(pool, changes),
    summary: `align ${changed.join(', ')} of the pool in ${o.secondaryRegion} with ${o.primaryRegion} (global settings unchanged)`,
    action: 'update',
    destructive: false,
  };
}

function permissionSteps(o: DriftObservation): Step[] {
  const S = o.secondaryRegion;
  const poolArn = o.secondary.pool?.Arn ?? o.replica?.UserPoolArn;
  if (!poolArn) return [];
  const arns = new Set<string>();
  for (const arn of Object.values(triggersOf(o.primary.pool?.LambdaConfig))) arns.add(arnInRegion(arn, S));
  for (const arn of Object.values(triggersOf(o.secondary.pool?.LambdaConfig))) if (functionRegion(arn, S) === S) arns.add(arn);
  const statementId = `mrrctl-cognito-${o.userPoolId}-${S}`.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 100);
  return [...arns]
    .filter((arn) => {
      const fn = functionAt(o, S, arn);
      return fn !== undefined && !allowsCognito(fn.policy, poolArn);
    })
    .map((arn) => ({
      id: `lambda.add-permission.${resourceName(arn)}`,
      region: S,
      service: 'lambda',
      operation: 'AddPermission',
      input: { FunctionName: arn, StatementId: statementId, Action: 'lambda:InvokeFunction', Principal: COGNITO_PRINCIPAL, SourceArn: poolArn },
      summary: `let Cognito invoke ${resourceName(arn)} in ${S} for the pool`,
      action: 'create' as const,
      destructive: false,
    }));
}

function logStep(o: DriftObservation, cannot: string[]): Step | undefined {
  const S = o.secondaryRegion;
  const primary = logConfigurations(o, 'primary');
  const current = logConfigurations(o, 'secondary');
  if (primary.length === 0) return undefined;
  const bySource = new Map(current.map((c) => [String(c.EventSource), c]));
  for (const p of primary) {
    if (counterpartReady(o, p)) {
      bySource.set(String(p.EventSource), logConfigIn(p, S));
    } else {
      const dest = logDestination(p);
      cannot.push(`create ${dest ? resourceName(dest.arn) : 'the log destination'} in ${S} (${p.EventSource} log delivery), then run drift fix again`);
    }
  }
  const desired = [...bySource.values()];
  const key = (list: JsonObject[]) => [...list].sort((a, b) => String(a.EventSource).localeCompare(String(b.EventSource)));
  if (sameJson(key(desired), key(current))) return undefined;
  return {
    id: 'cognito.set-log-delivery.secondary',
    region: S,
    service: 'cognito-idp',
    operation: 'SetLogDeliveryConfiguration',
    input: { UserPoolId: o.userPoolId, LogConfigurations: key(desired) },
    summary: `export ${key(desired).map((c) => c.EventSource).join(', ')} logs in ${S} to destinations in ${S}`,
    action: 'update',
    destructive: false,
  };
}

function riskStep(o: DriftObservation, cannot: string[], notes: string[]): Step | undefined {
  const S = o.secondaryRegion;
  const p = notifyOf(o.primary.risk);
  if (typeof p?.SourceArn !== 'string') return undefined;
  const identity = identityName(p.SourceArn);
  if (!identityReady(o, S, identity)) {
    cannot.push(`create and verify the SES identity ${identity} in ${S}, then run drift fix again (threat-protection notifications)`);
    return undefined;
  }
  const desired = { SourceArn: arnInRegion(p.SourceArn, S), ...(p.From !== undefined ? { From: p.From } : {}) };
  const current = notifyOf(o.secondary.risk);
  if (current && current.SourceArn === desired.SourceArn && sameJson(current.From, desired.From)) return undefined;
  const base = globalRisk(o.secondary.risk);
  const ato = base?.AccountTakeoverRiskConfiguration as JsonObject | undefined;
  if (!base || !ato?.NotifyConfiguration) {
    notes.push(`the threat-protection settings have not reached ${S} yet; run drift fix again once replication catches up`);
    return undefined;
  }
  // Only NotifyConfiguration.SourceArn/From may differ in a secondary (aws-conformance A3): send the rest back unchanged.
  const input: JsonObject = { UserPoolId: o.userPoolId, ...base };
  input.AccountTakeoverRiskConfiguration = { ...ato, NotifyConfiguration: { ...(ato.NotifyConfiguration as JsonObject), ...desired } };
  return {
    id: 'cognito.set-risk-notify.secondary',
    region: S,
    service: 'cognito-idp',
    operation: 'SetRiskConfiguration',
    input,
    summary: `send threat-protection notices in ${S} from ${identity} through SES in ${S}`,
    action: 'update',
    destructive: false,
  };
}

function wafStep(o: DriftObservation, cannot: string[]): Step | undefined {
  const S = o.secondaryRegion;
  const p = o.primary.webAcl;
  const poolArn = o.secondary.pool?.Arn;
  if (!p || !poolArn) return undefined;
  const counterpart = counterpartAcl(o);
  if (!counterpart) {
    cannot.push(`create web ACL ${p.Name} in ${S} with the rules of the ${o.primaryRegion} ACL, then run drift fix again`);
    return undefined;
  }
  if (!equivalentAcls(p, counterpart)) {
    cannot.push(`align the rules of web ACL ${counterpart.Name} in ${S} with ${o.primaryRegion}'s, then run drift fix again`);
    return undefined;
  }
  if (o.secondary.webAcl?.ARN === counterpart.ARN) return undefined;
  return {
    id: 'wafv2.associate-web-acl.secondary',
    region: S,
    service: 'wafv2',
    operation: 'AssociateWebACL',
    input: { WebACLArn: counterpart.ARN, ResourceArn: poolArn },
    summary: `protect the pool in ${S} with web ACL ${counterpart.Name}${o.secondary.webAcl ? ` (replacing ${o.secondary.webAcl.Name})` : ''}`,
    action: o.secondary.webAcl ? 'update' : 'create',
    destructive: false,
  };
}

export function planDriftFix(o: DriftObservation): DriftFixPlan {
  const cannot: string[] = [];
  const notes: string[] = [];
  if (!o.secondary.pool) {
    return { steps: [], cannot: [`create the replica in ${o.secondaryRegion} first (mrrctl replica create --wait)`], notes };
  }
  const steps = [...permissionSteps(o), poolStep(o, cannot), logStep(o, cannot), riskStep(o, cannot, notes), wafStep(o, cannot)].filter(
    (s): s is Step => s !== undefined,
  );
  const sms = o.primary.pool?.SmsConfiguration as JsonObject | undefined;
  if (steps.some((s) => s.operation === 'UpdateUserPool') && sms) {
    notes.push(`SMS in ${o.secondaryRegion} goes through SNS in ${smsCounterpart(sms, o.primaryRegion, o.secondaryRegion).SnsRegion}: make sure SNS SMS sending (spending limit, origination identities, SMS sandbox exit) is set up there`);
  }
  const lambda = (o.primary.pool?.LambdaConfig ?? {}) as JsonObject;
  const kms = lambda.KMSKeyID;
  if (typeof kms === 'string' && regionOfArn(kms) && (lambda.CustomSMSSender || lambda.CustomEmailSender)) {
    notes.push(`custom sender KMSKeyID is set to the ${o.secondaryRegion} replica of ${resourceName(kms)} [INF: a multi-Region key keeps its id across Regions]`);
  }
  return { steps, cannot: [...new Set(cannot)], notes };
}

/** Only what the plan depends on, so `mrrctl apply FILE` refuses it once the world has moved. */
export function fixFingerprint(plan: DriftFixPlan): unknown {
  return { steps: plan.steps.map((s) => ({ id: s.id, input: s.input })), cannot: plan.cannot };
}
