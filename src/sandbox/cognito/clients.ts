/**
 * App clients. Like UpdateUserPool, UpdateUserPoolClient resets what it omits. The secret is shown
 * by Create and Describe only. Clients replicate: a secondary lists them but cannot change them.
 */
import { SandboxError, type JsonObject } from '../types.js';
import type { OperationScope } from './ports.js';
import { paginate } from './pagination.js';
import { readablePool, recordGlobalChange, writablePool, writeGlobal, type HostedPool } from './replication.js';
import { clone, compact, newClientId, newClientSecret, wireDate } from './state.js';
import {
  invalidParameter,
  notFound,
  optionalInt,
  optionalObject,
  optionalString,
  optionalStringList,
  requireString,
  validationError,
} from './validation.js';

const CLIENT_NAME = { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ };
const CLIENT_ID = { min: 1, max: 128, pattern: /^[\w+]+$/ };
const OAUTH_FLOWS = ['code', 'implicit', 'client_credentials'];
export const STANDARD_SCOPES: ReadonlySet<string> = new Set(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']);

/** Settings a client takes from a Create/UpdateUserPoolClient request; omitted ones get defaults. */
function clientSettings(input: JsonObject, hosted: HostedPool, hasSecret: boolean): JsonObject {
  const flows = optionalStringList(input, 'AllowedOAuthFlows') ?? [];
  for (const flow of flows) {
    if (!OAUTH_FLOWS.includes(flow)) throw validationError('AllowedOAuthFlows', flow, `Member must satisfy enum value set: [${OAUTH_FLOWS.join(', ')}]`);
  }
  const scopes = optionalStringList(input, 'AllowedOAuthScopes') ?? [];
  if (flows.includes('client_credentials')) {
    if (flows.length > 1) throw invalidOAuthFlow('client_credentials flow can not be selected along with code flow or implicit flow.');
    if (!hasSecret) throw invalidOAuthFlow('client_credentials flow can not be selected if client does not have a client secret.');
    const standard = scopes.filter((s) => STANDARD_SCOPES.has(s));
    if (standard.length > 0) throw invalidOAuthFlow(`client_credentials flow can only use custom scopes, not ${standard.join(', ')}.`);
  }
  for (const scope of scopes) {
    if (STANDARD_SCOPES.has(scope)) continue;
    const slash = scope.lastIndexOf('/');
    const server = slash > 0 ? hosted.global.resourceServers[scope.slice(0, slash)] : undefined;
    const known = server?.Scopes?.some((s: JsonObject) => s.ScopeName === scope.slice(slash + 1));
    if (!known) throw new SandboxError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`);
  }
  const providers = optionalStringList(input, 'SupportedIdentityProviders');
  for (const provider of providers ?? []) {
    if (provider !== 'COGNITO' && !hosted.global.identityProviders[provider]) {
      throw invalidParameter(`The provider ${provider} does not exist for User Pool ${hosted.pool.id}`);
    }
  }
  return compact({
    RefreshTokenValidity: optionalInt(input, 'RefreshTokenValidity', 0, 315360000) || 30,
    AccessTokenValidity: optionalInt(input, 'AccessTokenValidity', 1, 86400) ?? 60,
    IdTokenValidity: optionalInt(input, 'IdTokenValidity', 1, 86400) ?? 60,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days', ...clone(optionalObject(input, 'TokenValidityUnits')) },
    ReadAttributes: optionalStringList(input, 'ReadAttributes'),
    WriteAttributes: optionalStringList(input, 'WriteAttributes'),
    ExplicitAuthFlows: optionalStringList(input, 'ExplicitAuthFlows'),
    SupportedIdentityProviders: providers,
    CallbackURLs: optionalStringList(input, 'CallbackURLs'),
    LogoutURLs: optionalStringList(input, 'LogoutURLs'),
    DefaultRedirectURI: optionalString(input, 'DefaultRedirectURI', { min: 1, max: 1024 }),
    AllowedOAuthFlows: flows.length > 0 ? flows : undefined,
    AllowedOAuthScopes: scopes.length > 0 ? scopes : undefined,
    AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient === true,
    AnalyticsConfiguration: clone(optionalObject(input, 'AnalyticsConfiguration')),
    PreventUserExistenceErrors: optionalString(input, 'PreventUserExistenceErrors'),
    EnableTokenRevocation: input.EnableTokenRevocation !== false,
    EnablePropagateAdditionalUserContextData: input.EnablePropagateAdditionalUserContextData === true,
    AuthSessionValidity: optionalInt(input, 'AuthSessionValidity', 3, 15) ?? 3,
    RefreshTokenRotation: clone(optionalObject(input, 'RefreshTokenRotation')),
  });
}

function invalidOAuthFlow(message: string): SandboxError {
  return new SandboxError('InvalidOAuthFlowException', message);
}

export function clientOf(hosted: HostedPool, clientId: string): JsonObject {
  const client = hosted.global.clients[clientId];
  if (!client) throw notFound(`User pool client ${clientId} does not exist.`);
  return client;
}

function view(client: JsonObject, withSecret: boolean): JsonObject {
  const { CreationDate, LastModifiedDate, ClientSecret, ...rest } = clone(client);
  return compact({
    ...rest,
    ClientSecret: withSecret ? ClientSecret : undefined,
    LastModifiedDate: wireDate(LastModifiedDate),
    CreationDate: wireDate(CreationDate),
  });
}

export function createUserPoolClient(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'CreateUserPoolClient');
  const name = requireString(input, 'ClientName', CLIENT_NAME);
  const withSecret = input.GenerateSecret === true;
  const settings = clientSettings(input, hosted, withSecret);
  let clientId = newClientId();
  while (hosted.pool.global.clients[clientId]) clientId = newClientId();
  const client = compact({
    UserPoolId: hosted.pool.id,
    ClientName: name,
    ClientId: clientId,
    ClientSecret: withSecret ? newClientSecret() : undefined,
    ...settings,
    CreationDate: scope.ctx.now,
    LastModifiedDate: scope.ctx.now,
  });
  writeGlobal(hosted, 'clients', clientId, client, scope.ctx);
  return { UserPoolClient: view(client, true) };
}

export function describeUserPoolClient(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  return { UserPoolClient: view(clientOf(hosted, requireString(input, 'ClientId', CLIENT_ID)), true) };
}

export function updateUserPoolClient(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'UpdateUserPoolClient');
  const existing = clientOf(hosted, requireString(input, 'ClientId', CLIENT_ID));
  const name = optionalString(input, 'ClientName', CLIENT_NAME) ?? existing.ClientName;
  const settings = clientSettings(input, hosted, existing.ClientSecret !== undefined);
  const client = compact({
    UserPoolId: existing.UserPoolId,
    ClientName: name,
    ClientId: existing.ClientId,
    ClientSecret: existing.ClientSecret,
    ...settings,
    CreationDate: existing.CreationDate,
    LastModifiedDate: scope.ctx.now,
  });
  writeGlobal(hosted, 'clients', existing.ClientId, client, scope.ctx);
  return { UserPoolClient: view(client, false) };
}

export function deleteUserPoolClient(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'DeleteUserPoolClient');
  const client = clientOf(hosted, requireString(input, 'ClientId', CLIENT_ID));
  delete hosted.pool.global.clients[client.ClientId];
  delete hosted.pool.global.risk[client.ClientId];
  recordGlobalChange(hosted.pool, scope.ctx);
  return {};
}

export function listUserPoolClients(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  const all = Object.values(hosted.global.clients).sort((a, b) => a.CreationDate - b.CreationDate || a.ClientId.localeCompare(b.ClientId));
  const { page, nextToken } = paginate(all, input, { sizeField: 'MaxResults', tokenField: 'NextToken', maxSize: 60, defaultSize: 60 });
  return compact({
    UserPoolClients: page.map((c) => ({ ClientId: c.ClientId, UserPoolId: c.UserPoolId, ClientName: c.ClientName })),
    NextToken: nextToken,
  });
}
