/**
 * Settings each Region keeps for itself and that a secondary may change (aws-conformance A3):
 * log delivery, the threat-protection notification sender (NotifyConfiguration.SourceArn/From of
 * the risk configuration; the rest of it is global and must match), and resource tags.
 */
import { SandboxError, type JsonObject } from '../types.js';
import type { OperationScope } from './ports.js';
import { hostedPool, recordGlobalChange } from './replication.js';
import { ALL_CLIENTS, clone, compact, sameJson, wireDate } from './state.js';
import {
  invalidParameter,
  notEnabled,
  notFound,
  optionalObject,
  optionalString,
  optionalTags,
  requirePoolId,
  requireString,
  validationError,
} from './validation.js';

const EVENT_LEVELS: Record<string, string> = { userNotification: 'ERROR', userAuthEvents: 'INFO' };
const DESTINATIONS = ['CloudWatchLogsConfiguration', 'S3Configuration', 'FirehoseConfiguration'];

export function getLogDeliveryConfiguration(scope: OperationScope, input: JsonObject): JsonObject {
  const poolId = requirePoolId(input);
  const hosted = hostedPool(scope.pools, poolId, scope.ctx);
  return { LogDeliveryConfiguration: { UserPoolId: poolId, LogConfigurations: clone(hosted.regional.logConfigurations) } };
}

export function setLogDeliveryConfiguration(scope: OperationScope, input: JsonObject): JsonObject {
  const poolId = requirePoolId(input);
  const hosted = hostedPool(scope.pools, poolId, scope.ctx);
  const configs = input.LogConfigurations;
  if (!Array.isArray(configs)) throw validationError('LogConfigurations', configs, 'Member must not be null');
  if (configs.length > 2) throw validationError('LogConfigurations', '[...]', 'Member must have length less than or equal to 2');
  const seen = new Set<string>();
  for (const config of configs as JsonObject[]) {
    const source = requireString(config, 'EventSource');
    const level = requireString(config, 'LogLevel');
    if (!(source in EVENT_LEVELS)) {
      throw validationError('EventSource', source, 'Member must satisfy enum value set: [userNotification, userAuthEvents]');
    }
    if (EVENT_LEVELS[source] !== level) throw invalidParameter(`EventSource ${source} supports only LogLevel ${EVENT_LEVELS[source]}.`);
    if (seen.has(source)) throw invalidParameter(`Only one log configuration per EventSource is allowed (${source}).`);
    seen.add(source);
    if (DESTINATIONS.filter((d) => config[d] !== undefined).length !== 1) {
      throw invalidParameter(`Each log configuration needs exactly one of ${DESTINATIONS.join(', ')}.`);
    }
    if (source === 'userAuthEvents' && hosted.global.config.UserPoolTier !== 'PLUS') {
      throw new SandboxError('FeatureUnavailableInTierException', 'Exporting userAuthEvents logs requires the PLUS feature plan.');
    }
  }
  hosted.regional.logConfigurations = clone(configs);
  hosted.regional.lastModified = scope.ctx.now;
  return getLogDeliveryConfiguration(scope, input);
}

/** The replicated part of a risk configuration: everything but the notification sender. */
function globalRiskPart(input: JsonObject): JsonObject {
  const ato = clone(optionalObject(input, 'AccountTakeoverRiskConfiguration'));
  if (ato?.NotifyConfiguration) {
    delete ato.NotifyConfiguration.SourceArn;
    delete ato.NotifyConfiguration.From;
  }
  return compact({
    CompromisedCredentialsRiskConfiguration: clone(optionalObject(input, 'CompromisedCredentialsRiskConfiguration')),
    AccountTakeoverRiskConfiguration: ato,
    RiskExceptionConfiguration: clone(optionalObject(input, 'RiskExceptionConfiguration')),
  });
}

function riskKey(input: JsonObject, clients: Record<string, JsonObject>): string {
  const clientId = optionalString(input, 'ClientId', { min: 1, max: 128 });
  if (clientId === undefined) return ALL_CLIENTS;
  if (!clients[clientId]) throw notFound(`User pool client ${clientId} does not exist.`);
  return clientId;
}

export function describeRiskConfiguration(scope: OperationScope, input: JsonObject): JsonObject {
  const poolId = requirePoolId(input);
  const hosted = hostedPool(scope.pools, poolId, scope.ctx);
  const key = riskKey(input, hosted.global.clients);
  // A client without its own configuration falls back to the pool-level one.
  const effective = hosted.global.risk[key] ? key : ALL_CLIENTS;
  const stored = hosted.global.risk[effective];
  if (!stored) return { RiskConfiguration: compact({ UserPoolId: poolId, ClientId: key === ALL_CLIENTS ? undefined : key }) };
  const { lastModified, ...settings } = clone(stored);
  const notify = hosted.regional.riskNotify[effective];
  if (settings.AccountTakeoverRiskConfiguration?.NotifyConfiguration && notify) {
    Object.assign(settings.AccountTakeoverRiskConfiguration.NotifyConfiguration, compact({ ...notify }));
  }
  return {
    RiskConfiguration: compact({
      UserPoolId: poolId,
      ClientId: effective === ALL_CLIENTS ? undefined : effective,
      ...settings,
      LastModifiedDate: wireDate(lastModified),
    }),
  };
}

export function setRiskConfiguration(scope: OperationScope, input: JsonObject): JsonObject {
  const poolId = requirePoolId(input);
  const hosted = hostedPool(scope.pools, poolId, scope.ctx);
  const key = riskKey(input, hosted.global.clients);
  const globalPart = globalRiskPart(input);
  const notifyIn = optionalObject(input, 'AccountTakeoverRiskConfiguration')?.NotifyConfiguration as JsonObject | undefined;
  if (notifyIn) requireString(notifyIn, 'SourceArn', { min: 20, max: 2048 });
  if (hosted.role === 'SECONDARY') {
    const { lastModified: _ignored, ...existing } = hosted.global.risk[key] ?? {};
    if (!sameJson(globalPart, existing)) {
      throw notEnabled(
        `SetRiskConfiguration in secondary Region ${hosted.region} may change only NotifyConfiguration.SourceArn and ` +
          `NotifyConfiguration.From; every other risk setting must match the primary's.`,
      );
    }
  } else {
    hosted.pool.global.risk[key] = { ...globalPart, lastModified: scope.ctx.now };
    recordGlobalChange(hosted.pool, scope.ctx);
  }
  hosted.regional.riskNotify[key] = compact({ SourceArn: notifyIn?.SourceArn, From: notifyIn?.From });
  hosted.regional.lastModified = scope.ctx.now;
  return describeRiskConfiguration(scope, input);
}

const POOL_ARN = /^arn:aws[\w-]*:cognito-idp:([a-z0-9-]+):(\d{12}):userpool\/([\w-]+_[0-9a-zA-Z]+)$/;

/** Tags are Regional: an ARN names one Region's copy of the pool, and must be this Region's. */
function taggedPool(scope: OperationScope, input: JsonObject) {
  const arn = requireString(input, 'ResourceArn', { min: 20, max: 2048 });
  const match = POOL_ARN.exec(arn);
  if (!match) throw invalidParameter(`${arn} is not a valid user pool ARN.`);
  if (match[1] !== scope.ctx.region || match[2] !== scope.ctx.accountId) throw notFound(`Resource ${arn} does not exist.`);
  return hostedPool(scope.pools, match[3], scope.ctx);
}

export function tagResource(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = taggedPool(scope, input);
  const tags = optionalTags(input, 'Tags') ?? {};
  const merged = { ...hosted.regional.UserPoolTags, ...tags };
  if (Object.keys(merged).length > 50) throw invalidParameter('A user pool can have at most 50 tags.');
  hosted.regional.UserPoolTags = merged;
  hosted.regional.lastModified = scope.ctx.now;
  return {};
}

export function untagResource(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = taggedPool(scope, input);
  const keys = input.TagKeys;
  if (!Array.isArray(keys)) throw validationError('TagKeys', keys, 'Member must not be null');
  for (const key of keys) delete hosted.regional.UserPoolTags[key];
  hosted.regional.lastModified = scope.ctx.now;
  return {};
}

export function listTagsForResource(scope: OperationScope, input: JsonObject): JsonObject {
  return { Tags: { ...taggedPool(scope, input).regional.UserPoolTags } };
}
