/**
 * The secondary's counterpart of each primary Regional setting: the same setting with ARNs moved to
 * the secondary Region, usable only when the resource it names exists there. The checks use this to
 * say whether `drift fix` can align a finding; the fix planner uses it to build the requests.
 */
import type { JsonObject } from '../plan/types.js';
import { arnInRegion, parseArn, resourceName } from './arn.js';
import { resourceKey, type DriftObservation, type FunctionState } from './types.js';

/** LambdaConfig fields that hold a function ARN directly. */
export const DIRECT_TRIGGERS = [
  'PreSignUp',
  'CustomMessage',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
  'UserMigration',
] as const;

/** LambdaConfig fields that hold `{LambdaVersion, LambdaArn}`. */
export const VERSIONED_TRIGGERS = ['PreTokenGenerationConfig', 'CustomSMSSender', 'CustomEmailSender', 'InboundFederation'] as const;

/** Every trigger of a LambdaConfig by its path below LambdaConfig (e.g. `CustomSMSSender.LambdaArn`). */
export function triggersOf(lambdaConfig: unknown): Record<string, string> {
  const config = (lambdaConfig ?? {}) as JsonObject;
  const out: Record<string, string> = {};
  for (const name of DIRECT_TRIGGERS) {
    if (typeof config[name] === 'string' && config[name] !== '') out[name] = config[name] as string;
  }
  for (const name of VERSIONED_TRIGGERS) {
    const arn = (config[name] as JsonObject | undefined)?.LambdaArn;
    if (typeof arn === 'string' && arn !== '') out[`${name}.LambdaArn`] = arn;
  }
  return out;
}

/** The Region a function ARN lives in, else the Region whose setting names it. */
export function functionRegion(arn: string, fallback: string): string {
  return parseArn(arn)?.region || fallback;
}

export function functionAt(o: DriftObservation, region: string, arn: string): FunctionState | undefined {
  return o.resources.functions[resourceKey(region, arn)] ?? undefined;
}

export function identityName(sourceArn: string): string {
  return resourceName(sourceArn);
}

/** Verified for sending in `region`. */
export function identityReady(o: DriftObservation, region: string, identity: string): boolean {
  const found = o.resources.emailIdentities[resourceKey(region, identity)];
  return Boolean(found && (found.VerifiedForSendingStatus ?? found.VerificationStatus === 'SUCCESS'));
}

export type LogDestinationKind = 'CloudWatchLogsConfiguration' | 'FirehoseConfiguration' | 'S3Configuration';

export function logDestination(config: JsonObject): { kind: LogDestinationKind; arn: string } | undefined {
  const cw = (config.CloudWatchLogsConfiguration as JsonObject | undefined)?.LogGroupArn;
  if (typeof cw === 'string') return { kind: 'CloudWatchLogsConfiguration', arn: cw };
  const fh = (config.FirehoseConfiguration as JsonObject | undefined)?.StreamArn;
  if (typeof fh === 'string') return { kind: 'FirehoseConfiguration', arn: fh };
  const s3 = (config.S3Configuration as JsonObject | undefined)?.BucketArn;
  if (typeof s3 === 'string') return { kind: 'S3Configuration', arn: s3 };
  return undefined;
}

/** Does the destination exist in `region`? S3 cannot be verified: undefined. */
export function destinationExists(o: DriftObservation, region: string, dest: { kind: LogDestinationKind; arn: string }): boolean | undefined {
  const name = resourceName(dest.arn);
  if (dest.kind === 'CloudWatchLogsConfiguration') return Boolean(o.resources.logGroups[resourceKey(region, name)]);
  if (dest.kind === 'FirehoseConfiguration') return Boolean(o.resources.deliveryStreams[resourceKey(region, name)]);
  return undefined;
}

/** A log configuration with its destination moved to `region` (S3 bucket ARNs carry no Region). */
export function logConfigIn(config: JsonObject, region: string): JsonObject {
  const dest = logDestination(config);
  if (!dest || dest.kind === 'S3Configuration') return config;
  const field = dest.kind === 'CloudWatchLogsConfiguration' ? 'LogGroupArn' : 'StreamArn';
  return { ...config, [dest.kind]: { ...(config[dest.kind] as JsonObject), [field]: arnInRegion(dest.arn, region) } };
}

export function logConfigurations(o: DriftObservation, side: 'primary' | 'secondary'): JsonObject[] {
  const list = o[side].logDelivery?.LogConfigurations;
  return Array.isArray(list) ? (list as JsonObject[]) : [];
}

export function notifyOf(risk: JsonObject | undefined): JsonObject | undefined {
  const ato = risk?.AccountTakeoverRiskConfiguration as JsonObject | undefined;
  return ato?.NotifyConfiguration as JsonObject | undefined;
}

/**
 * SnsRegion as the secondary should have it: a primary that sends through its own Region's SNS maps
 * to the secondary's own Region [INF: Cognito accepts the pool's Region]; an explicit other Region
 * stays as it is.
 */
export function smsCounterpart(primarySms: JsonObject, primaryRegion: string, secondaryRegion: string): JsonObject {
  const sns = primarySms.SnsRegion;
  if (sns === undefined || sns === primaryRegion) return { ...primarySms, SnsRegion: secondaryRegion };
  return { ...primarySms };
}

/** WAF rules reduced to what decides filtering: name, priority, action and statement (ARN Regions ignored). */
export function ruleShapes(rules: unknown): JsonObject[] {
  if (!Array.isArray(rules)) return [];
  return (rules as JsonObject[])
    .map((rule) => ({
      Name: rule.Name ?? null,
      Priority: rule.Priority ?? null,
      Action: (rule.Action ?? rule.OverrideAction ?? null) as JsonObject | null,
      Statement: regionless(rule.Statement ?? null),
    }))
    .sort((a, b) => Number(a.Priority) - Number(b.Priority));
}

function regionless(value: unknown): JsonObject | null {
  if (value === null || value === undefined) return null;
  return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'string' && parseArn(v) ? arnInRegion(v, '*') : v)) as JsonObject;
}
