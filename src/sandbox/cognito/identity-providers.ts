/**
 * Federated identity providers (SAML, OIDC, social). Replicated; written in the primary only
 * (federated users can use a secondary only after signing in through the primary — aws-conformance A4).
 */
import { SandboxError, type JsonObject } from '../types.js';
import { paginate } from './pagination.js';
import type { OperationScope } from './ports.js';
import { readablePool, writablePool, writeGlobal, type HostedPool } from './replication.js';
import { clone, compact, wireDate } from './state.js';
import { invalidParameter, notFound, optionalObject, optionalStringList, requireEnum, requireString, validationError } from './validation.js';

const PROVIDER_TYPES = ['SAML', 'Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple', 'OIDC'] as const;
const SOCIAL = new Set(['Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple']);
const PROVIDER_NAME = { min: 1, max: 32, pattern: /^[^_\s][^\s]*$/ };

function view(provider: JsonObject): JsonObject {
  const { CreationDate, LastModifiedDate, ...rest } = clone(provider);
  return { ...rest, LastModifiedDate: wireDate(LastModifiedDate), CreationDate: wireDate(CreationDate) };
}

function providerOf(hosted: HostedPool, name: string): JsonObject {
  const provider = hosted.global.identityProviders[name];
  if (!provider) throw notFound(`Identity provider ${name} does not exist.`);
  return provider;
}

function checkDetails(type: string, details: JsonObject): void {
  const missing = (keys: string[]) => keys.filter((k) => typeof details[k] !== 'string' || details[k] === '');
  if (type === 'OIDC' && missing(['client_id', 'authorize_scopes', 'oidc_issuer']).length > 0) {
    throw invalidParameter(`OIDC providers need ProviderDetails ${missing(['client_id', 'authorize_scopes', 'oidc_issuer']).join(', ')}.`);
  }
  if (type === 'SAML' && missing(['MetadataURL']).length > 0 && missing(['MetadataFile']).length > 0) {
    throw invalidParameter('SAML providers need ProviderDetails MetadataURL or MetadataFile.');
  }
}

export function createIdentityProvider(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'CreateIdentityProvider');
  const name = requireString(input, 'ProviderName', PROVIDER_NAME);
  const type = requireEnum(input, 'ProviderType', PROVIDER_TYPES);
  const details = optionalObject(input, 'ProviderDetails');
  if (!details) throw validationError('ProviderDetails', undefined, 'Member must not be null');
  if (SOCIAL.has(type) && name !== type) throw invalidParameter(`A ${type} provider must be named ${type}.`);
  checkDetails(type, details);
  if (hosted.global.identityProviders[name]) {
    throw new SandboxError('DuplicateProviderException', `A provider with the name ${name} already exists in this user pool.`);
  }
  const provider = compact({
    UserPoolId: hosted.pool.id,
    ProviderName: name,
    ProviderType: type,
    ProviderDetails: clone(details),
    AttributeMapping: clone(optionalObject(input, 'AttributeMapping')),
    IdpIdentifiers: optionalStringList(input, 'IdpIdentifiers'),
    CreationDate: scope.ctx.now,
    LastModifiedDate: scope.ctx.now,
  });
  writeGlobal(hosted, 'identityProviders', name, provider, scope.ctx);
  return { IdentityProvider: view(provider) };
}

export function describeIdentityProvider(scope: OperationScope, input: JsonObject): JsonObject {
  return { IdentityProvider: view(providerOf(readablePool(scope, input), requireString(input, 'ProviderName', PROVIDER_NAME))) };
}

/** Fields the request carries replace the stored ones; omitted ones are kept. [INF] */
export function updateIdentityProvider(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'UpdateIdentityProvider');
  const existing = providerOf(hosted, requireString(input, 'ProviderName', PROVIDER_NAME));
  const details = optionalObject(input, 'ProviderDetails');
  if (details) checkDetails(existing.ProviderType, details);
  const provider = compact({
    ...existing,
    ProviderDetails: details ? clone(details) : existing.ProviderDetails,
    AttributeMapping: clone(optionalObject(input, 'AttributeMapping')) ?? existing.AttributeMapping,
    IdpIdentifiers: optionalStringList(input, 'IdpIdentifiers') ?? existing.IdpIdentifiers,
    LastModifiedDate: scope.ctx.now,
  });
  writeGlobal(hosted, 'identityProviders', existing.ProviderName, provider, scope.ctx);
  return { IdentityProvider: view(provider) };
}

export function listIdentityProviders(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  const all = Object.values(hosted.global.identityProviders).sort((a, b) => a.CreationDate - b.CreationDate);
  const { page, nextToken } = paginate(all, input, { sizeField: 'MaxResults', tokenField: 'NextToken', maxSize: 60, defaultSize: 60 });
  return compact({
    Providers: page.map((p) => ({
      ProviderName: p.ProviderName,
      ProviderType: p.ProviderType,
      LastModifiedDate: wireDate(p.LastModifiedDate),
      CreationDate: wireDate(p.CreationDate),
    })),
    NextToken: nextToken,
  });
}

export function deleteIdentityProvider(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'DeleteIdentityProvider');
  const provider = providerOf(hosted, requireString(input, 'ProviderName', PROVIDER_NAME));
  writeGlobal(hosted, 'identityProviders', provider.ProviderName, undefined, scope.ctx);
  return {};
}
