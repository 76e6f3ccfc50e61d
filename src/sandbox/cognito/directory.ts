/**
 * The user directory: groups and users. Replicated from the primary; a secondary can read them but
 * never create users (neither AdminCreateUser nor SignUp — aws-conformance A4). No passwords or sign-in
 * flows are modelled: mrrctl only needs the directory to exist and to replicate.
 */
import { createHmac } from 'node:crypto';
import { SandboxError, type CallContext, type JsonObject } from '../types.js';
import { paginate } from './pagination.js';
import type { OperationScope } from './ports.js';
import { readablePool, recordGlobalChange, requirePrimary, viewIn, writablePool, writeGlobal, type HostedPool } from './replication.js';
import { clone, compact, newSub, wireDate, type PoolRecord } from './state.js';
import { invalidParameter, notFound, optionalEnum, optionalInt, optionalString, optionalStringList, requireString } from './validation.js';

const GROUP_NAME = { min: 1, max: 128, pattern: /^[^\s][\s\S]*$/ };
const USERNAME = { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };

function groupView(group: JsonObject): JsonObject {
  const { CreationDate, LastModifiedDate, ...rest } = clone(group);
  return { ...rest, LastModifiedDate: wireDate(LastModifiedDate), CreationDate: wireDate(CreationDate) };
}

export function createGroup(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'CreateGroup');
  const name = requireString(input, 'GroupName', GROUP_NAME);
  const group = compact({
    GroupName: name,
    UserPoolId: hosted.pool.id,
    Description: optionalString(input, 'Description', { max: 2048 }),
    RoleArn: optionalString(input, 'RoleArn', { min: 20, max: 2048 }),
    Precedence: optionalInt(input, 'Precedence', 0, 2147483647),
    CreationDate: scope.ctx.now,
    LastModifiedDate: scope.ctx.now,
  });
  if (hosted.global.groups[name]) throw new SandboxError('GroupExistsException', `A group with the name ${name} already exists.`);
  writeGlobal(hosted, 'groups', name, group, scope.ctx);
  return { Group: groupView(group) };
}

function groupOf(hosted: HostedPool, name: string): JsonObject {
  const group = hosted.global.groups[name];
  if (!group) throw notFound('Group not found.');
  return group;
}

export function getGroup(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  return { Group: groupView(groupOf(hosted, requireString(input, 'GroupName', GROUP_NAME))) };
}

export function listGroups(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  const all = Object.values(hosted.global.groups).sort((a, b) => a.GroupName.localeCompare(b.GroupName));
  const { page, nextToken } = paginate(all, input, { sizeField: 'Limit', tokenField: 'NextToken', maxSize: 60, defaultSize: 60 });
  return compact({ Groups: page.map(groupView), NextToken: nextToken });
}

export function deleteGroup(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'DeleteGroup');
  const group = groupOf(hosted, requireString(input, 'GroupName', GROUP_NAME));
  writeGlobal(hosted, 'groups', group.GroupName, undefined, scope.ctx);
  return {};
}

function userKey(config: JsonObject, username: string): string {
  return config.UsernameConfiguration?.CaseSensitive === true ? username : username.toLowerCase();
}

function readAttributes(input: JsonObject): Array<{ Name: string; Value: string }> {
  const attrs = input.UserAttributes ?? [];
  if (!Array.isArray(attrs)) throw invalidParameter('UserAttributes must be a list of {Name, Value}.');
  return attrs.map((a: JsonObject) => ({ Name: requireString(a, 'Name', { min: 1, max: 32 }), Value: String(a.Value ?? '') }));
}

function newUser(pool: PoolRecord, username: string, attributes: Array<{ Name: string; Value: string }>, status: string, now: number): JsonObject {
  const sub = newSub();
  const user = {
    Username: username,
    Attributes: [{ Name: 'sub', Value: sub }, ...attributes.filter((a) => a.Name !== 'sub')],
    UserCreateDate: now,
    UserLastModifiedDate: now,
    Enabled: true,
    UserStatus: status,
  };
  pool.global.users[userKey(pool.global.config, username)] = user;
  return user;
}

function userView(user: JsonObject, attributesField: 'Attributes' | 'UserAttributes', only?: string[]): JsonObject {
  const attributes = (user.Attributes as JsonObject[]).filter((a) => !only || only.includes(a.Name));
  return {
    Username: user.Username,
    [attributesField]: clone(attributes),
    UserCreateDate: wireDate(user.UserCreateDate),
    UserLastModifiedDate: wireDate(user.UserLastModifiedDate),
    Enabled: user.Enabled,
    UserStatus: user.UserStatus,
  };
}

export function adminCreateUser(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = writablePool(scope, input, 'AdminCreateUser');
  const username = requireString(input, 'Username', USERNAME);
  const action = optionalEnum(input, 'MessageAction', ['RESEND', 'SUPPRESS']);
  const attributes = readAttributes(input);
  const temporary = optionalString(input, 'TemporaryPassword', { min: 1, max: 256 });
  if (temporary !== undefined) checkPassword(hosted, temporary);
  const existing = hosted.global.users[userKey(hosted.global.config, username)];
  if (action === 'RESEND') {
    if (!existing) throw new SandboxError('UserNotFoundException', 'User does not exist.');
    return { User: userView(existing, 'Attributes') };
  }
  if (existing) throw new SandboxError('UsernameExistsException', 'User account already exists');
  const user = newUser(hosted.pool, username, attributes, 'FORCE_CHANGE_PASSWORD', scope.ctx.now);
  recordGlobalChange(hosted.pool, scope.ctx);
  return { User: userView(user, 'Attributes') };
}

export function adminGetUser(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  const username = requireString(input, 'Username', USERNAME);
  const user = hosted.global.users[userKey(hosted.global.config, username)];
  if (!user) throw new SandboxError('UserNotFoundException', 'User does not exist.');
  return userView(user, 'UserAttributes');
}

const FILTER = /^\s*([\w:]+)\s*(=|\^=)\s*"([^"]*)"\s*$/;
const FILTERABLE = new Set(['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'cognito:user_status', 'status', 'sub']);

/** ListUsers with the simple `attr = "v"` / `attr ^= "prefix"` filters. */
export function listUsers(scope: OperationScope, input: JsonObject): JsonObject {
  const hosted = readablePool(scope, input);
  const only = optionalStringList(input, 'AttributesToGet');
  const filter = optionalString(input, 'Filter', { max: 256 });
  let users = Object.values(hosted.global.users).sort((a, b) => a.UserCreateDate - b.UserCreateDate);
  if (filter) {
    const match = FILTER.exec(filter);
    if (!match || !FILTERABLE.has(match[1])) throw invalidParameter(`Invalid filter: ${filter}`);
    const [, attr, op, value] = match;
    const valueOf = (u: JsonObject): string | undefined => {
      if (attr === 'username') return u.Username;
      if (attr === 'cognito:user_status') return u.UserStatus;
      if (attr === 'status') return u.Enabled ? 'Enabled' : 'Disabled';
      return (u.Attributes as JsonObject[]).find((a) => a.Name === attr)?.Value;
    };
    users = users.filter((u) => {
      const v = valueOf(u);
      return v !== undefined && (op === '=' ? v === value : v.startsWith(value));
    });
  }
  const { page, nextToken } = paginate(users, input, { sizeField: 'Limit', tokenField: 'PaginationToken', maxSize: 60, defaultSize: 60 });
  return compact({ Users: page.map((u) => userView(u, 'Attributes', only)), PaginationToken: nextToken });
}

function checkPassword(hosted: HostedPool, password: string): void {
  const policy = hosted.global.config.Policies?.PasswordPolicy ?? {};
  const problems: string[] = [];
  if (password.length < (policy.MinimumLength ?? 8)) problems.push('Password not long enough');
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) problems.push('Password must have uppercase characters');
  if (policy.RequireLowercase && !/[a-z]/.test(password)) problems.push('Password must have lowercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) problems.push('Password must have numeric characters');
  if (policy.RequireSymbols && !/[^A-Za-z0-9]/.test(password)) problems.push('Password must have symbol characters');
  if (problems.length > 0) throw new SandboxError('InvalidPasswordException', `Password did not conform with policy: ${problems[0]}`);
}

/** The pool (as hosted in ctx.region) that owns an app client, found by client id. */
function poolOfClient(pools: Record<string, PoolRecord>, clientId: string, ctx: CallContext): HostedPool {
  for (const pool of Object.values(pools)) {
    const hosted = viewIn(pool, ctx.region, ctx);
    if (hosted?.global.clients[clientId]) return hosted;
  }
  throw notFound(`User pool client ${clientId} does not exist.`);
}

/** SignUp (an unsigned end-user call). Secondaries refuse it like every other directory write. */
export function signUp(scope: OperationScope, input: JsonObject): JsonObject {
  const clientId = requireString(input, 'ClientId', { min: 1, max: 128, pattern: /^[\w+]+$/ });
  const username = requireString(input, 'Username', USERNAME);
  const password = requireString(input, 'Password', { min: 1, max: 256 });
  const hosted = poolOfClient(scope.pools, clientId, scope.ctx);
  requirePrimary(hosted, 'SignUp');
  const client = hosted.global.clients[clientId];
  if (client.ClientSecret) {
    const expected = createHmac('sha256', client.ClientSecret).update(username + clientId).digest('base64');
    if (input.SecretHash === undefined) {
      throw new SandboxError('NotAuthorizedException', `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    }
    if (input.SecretHash !== expected) throw new SandboxError('NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
  }
  if (hosted.global.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true) {
    throw new SandboxError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
  }
  checkPassword(hosted, password);
  if (hosted.global.users[userKey(hosted.global.config, username)]) {
    throw new SandboxError('UsernameExistsException', 'User already exists');
  }
  const user = newUser(hosted.pool, username, readAttributes(input), 'UNCONFIRMED', scope.ctx.now);
  recordGlobalChange(hosted.pool, scope.ctx);
  return { UserConfirmed: false, UserSub: user.Attributes[0].Value };
}
