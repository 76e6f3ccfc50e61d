/**
 * Resource servers and their custom scopes (the scopes M2M clients ask for at /oauth2/token).
 * Replicated; written in the primary only.
 */
import type { JsonObject } from '../types.js';
import { paginate } from './pagination.js';
import type { OperationScope } from './ports.js';
import { readablePool, writablePool, writeGlobal, type HostedPool } from './replication.js';
import { clone } from './state.js';
import { invalidParameter, notFound, requireString, validationError } from './validation.js';

const IDENTIFIER = { min: 1, max: 256, pattern: /^[\x21\x23-\x5B\x5D-\x7E]+$/ };
const NAME = { min: 1, max: 256, pattern: /^[\w\s+=,.@-]+$/ };
const SCOPE_NAME = { min: 1, max: 256, pattern: /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/ };

function readScopes(input: JsonObject): JsonObject[] {
  const scopes = input.Scopes ?? [];
  if (!Array.isArray(scopes)) throw validationError('Scopes', scopes, 'Member must be a list');
  if (scopes.length > 100) throw validationError('Scopes', '[...]', 'Member must have length less than or equal to 100');
  const names = new Set<string>();
  return scopes.map((scope: JsonObject) => {
    const name = requireString(scope, 'ScopeName', SCOPE_NAME);
    const description = requireString(scope, 'ScopeDescription', { min: 1, max: 256 });
    if (names.has(name)) throw invalidParameter(`Duplicate scope name ${name}.`);
    names.add(name);
    return { ScopeName: name, ScopeDescription: description };
  });
}

function serverOf(hosted: HostedPool, identifier: string): JsonObject {
  const server = hosted.global.resourceServers[identifier];
  if (!server) throw notFound(`Resource server ${identifier} does not exist in user pool ${hosted.pool.id}.`);
  return server;
}

export function createResourceServer(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'CreateResourceServer');
  const identifier = requireString(input, 'Identifier', IDENTIFIER);
  const server = { UserPoolId: hosted.pool.id, Identifier: identifier, Name: requireString(input, 'Name', NAME), Scopes: readScopes(input) };
  if (hosted.global.resourceServers[identifier]) {
    throw invalidParameter(`A resource server with identifier ${identifier} already exists in this user pool.`);
  }
  writeGlobal(hosted, 'resourceServers', identifier, server, scope.ctx);
  return { ResourceServer: clone(server) };
}

export function describeResourceServer(scope: OperationScope, input: JsonObject): JsonObject {
  return { ResourceServer: clone(serverOf(readablePool(scope, input), requireString(input, 'Identifier', IDENTIFIER))) };
}

/** Like the other Update operations, omitted Scopes are reset (to none). */
export function updateResourceServer(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'UpdateResourceServer');
  const existing = serverOf(hosted, requireString(input, 'Identifier', IDENTIFIER));
  const server = { ...existing, Name: requireString(input, 'Name', NAME), Scopes: readScopes(input) };
  writeGlobal(hosted, 'resourceServers', existing.Identifier, server, scope.ctx);
  return { ResourceServer: clone(server) };
}

export function listResourceServers(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  const all = Object.values(hosted.global.resourceServers).sort((a, b) => a.Identifier.localeCompare(b.Identifier));
  const { page, nextToken } = paginate(all, input, { sizeField: 'MaxResults', tokenField: 'NextToken', maxSize: 50, defaultSize: 50 });
  return { ResourceServers: clone(page), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function deleteResourceServer(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'DeleteResourceServer');
  const server = serverOf(hosted, requireString(input, 'Identifier', IDENTIFIER));
  writeGlobal(hosted, 'resourceServers', server.Identifier, undefined, scope.ctx);
  return {};
}
