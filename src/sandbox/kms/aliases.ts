/**
 * KMS aliases: Region-scoped names (`alias/...`, never `alias/aws/...`) pointing at one key of that
 * Region. The same alias name may exist in several Regions; aliases are never shared by related
 * multi-Region keys (aws-conformance B5, B9).
 */
import { SandboxError, type CallContext } from '../types.js';
import { aliasArn, epochSeconds } from './key-record.js';
import { pageOf } from './paging.js';
import { requireNotPendingDeletion, requireString, type KmsHandler } from './key-input.js';
import type { KmsKeyStore, AliasRecord } from './key-store.js';

const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;

function validateAliasName(value: unknown): string {
  const name = requireString(value, 'aliasName');
  if (name.length > 256 || !ALIAS_NAME.test(name)) {
    throw new SandboxError('InvalidAliasNameException', `Alias name ${name} must begin with alias/ followed by letters, digits, /, _ or -.`);
  }
  if (name.startsWith('alias/aws/')) {
    throw new SandboxError('InvalidAliasNameException', `Alias name ${name} is reserved: names beginning with alias/aws/ belong to AWS managed keys.`);
  }
  return name;
}

/** TargetKeyId is a key id or key ARN (not an alias) in the caller's Region. */
function targetKey(store: KmsKeyStore, value: unknown, ctx: CallContext) {
  const record = store.resolve(requireString(value, 'targetKeyId'), ctx.region, ctx.now, ctx.accountId, false);
  requireNotPendingDeletion(store, record, ctx.now);
  return record;
}

function existingAlias(store: KmsKeyStore, name: string, ctx: CallContext): AliasRecord {
  const alias = store.alias(ctx.region, name, ctx.now);
  if (!alias) throw new SandboxError('NotFoundException', `Alias ${aliasArn(ctx.region, ctx.accountId, name)} is not found.`);
  return alias;
}

const createAlias: KmsHandler = (store, input, ctx) => {
  const name = validateAliasName(input.AliasName);
  const record = targetKey(store, input.TargetKeyId, ctx);
  if (store.alias(ctx.region, name, ctx.now)) {
    throw new SandboxError('AlreadyExistsException', `An alias with the name ${aliasArn(ctx.region, ctx.accountId, name)} already exists`);
  }
  store.putAlias({ aliasName: name, region: ctx.region, targetKeyId: record.keyId, createdAt: ctx.now, updatedAt: ctx.now });
  return {};
};

const updateAlias: KmsHandler = (store, input, ctx) => {
  const name = validateAliasName(input.AliasName);
  const alias = existingAlias(store, name, ctx);
  const record = targetKey(store, input.TargetKeyId, ctx);
  store.putAlias({ ...alias, targetKeyId: record.keyId, updatedAt: ctx.now });
  return {};
};

const deleteAlias: KmsHandler = (store, input, ctx) => {
  const name = requireString(input.AliasName, 'aliasName');
  existingAlias(store, name, ctx);
  store.deleteAlias(ctx.region, name);
  return {};
};

const listAliases: KmsHandler = (store, input, ctx) => {
  let aliases = store.listAliases(ctx.region, ctx.now);
  if (input.KeyId !== undefined) {
    const record = store.resolve(input.KeyId, ctx.region, ctx.now, ctx.accountId, false);
    aliases = aliases.filter((alias) => alias.targetKeyId === record.keyId);
  }
  const page = pageOf(aliases, input.Limit, input.Marker, 100, 50);
  return {
    Aliases: page.items.map((alias) => ({
      AliasName: alias.aliasName,
      AliasArn: aliasArn(alias.region, ctx.accountId, alias.aliasName),
      TargetKeyId: alias.targetKeyId,
      CreationDate: epochSeconds(alias.createdAt),
      LastUpdatedDate: epochSeconds(alias.updatedAt),
    })),
    ...page.paging,
  };
};

export const aliasOperations: Record<string, KmsHandler> = {
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
};
