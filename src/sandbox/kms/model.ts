/**
 * The sandbox's AWS KMS (awsJson1_1, `X-Amz-Target: TrentService.<Operation>`): customer managed keys
 * per Region, multi-Region primary and replica keys, key policies, aliases, rotation, tags and
 * scheduled deletion. No cryptography: mrrctl only manages keys, Cognito only checks them.
 */
import { SandboxError, type CallContext, type JsonObject, type JsonService, type JsonValue, type Persistent } from '../types.js';
import { KmsKeyStore } from './key-store.js';
import { keyView, type KmsKeyView } from './key-metadata.js';
import { keyLifecycleOperations } from './key-lifecycle.js';
import { keySettingsOperations } from './key-settings.js';
import { aliasOperations } from './aliases.js';
import type { KmsHandler } from './key-input.js';

export type { KmsKeyView } from './key-metadata.js';
export type { KeyState } from './key-store.js';

const OPERATIONS: Record<string, KmsHandler> = {
  ...keyLifecycleOperations,
  ...keySettingsOperations,
  ...aliasOperations,
};

export class KmsModel implements JsonService, Persistent {
  readonly kind = 'json' as const;
  readonly targetPrefix = 'TrentService';
  readonly service = 'kms';
  readonly throttle = { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' };
  private readonly store = new KmsKeyStore();

  /** The operations this model answers (for docs and the admin API). */
  static readonly operations = Object.keys(OPERATIONS).sort();

  handle(operation: string, input: JsonObject, ctx: CallContext): JsonObject {
    const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!handler) {
      throw new SandboxError('UnknownOperationException', `The operation ${operation} is not supported by this endpoint.`);
    }
    this.store.sweep(ctx.now);
    return handler(this.store, input ?? {}, ctx);
  }

  /**
   * The key a KeyId-style reference (key id, key ARN, alias name or alias ARN) names in `region`, as
   * DescribeKey there would find it; undefined when KMS would answer NotFoundException. Pass the
   * call's `ctx.now` so a replica's Creating → Enabled transition is judged at the caller's time.
   */
  lookupKey(keyIdOrArnOrAlias: string, region: string, now: number = Date.now()): KmsKeyView | undefined {
    const record = this.store.find(keyIdOrArnOrAlias, region, now);
    return record ? keyView(this.store, record, now) : undefined;
  }

  snapshot(): JsonValue {
    return this.store.snapshot();
  }

  restore(snapshot: JsonValue): void {
    this.store.restore(snapshot);
  }
}
