/**
 * The SDK-backed read ports for a command's AWS access. Each adapter (and the SDK package behind it)
 * is imported on the first call, so merely defining a command never loads the SDK.
 */
import type { CognitoReader } from '../core/ports/cognito.js';
import type { KmsReader } from '../core/ports/kms.js';
import type { Route53Reader } from '../core/ports/route53.js';
import type { AwsAccess } from './aws-context.js';

/** A port whose every method first loads the real adapter, then delegates to it. */
export function lazyPort<T extends object>(load: () => Promise<T>): T {
  let loaded: Promise<T> | undefined;
  return new Proxy({} as T, {
    get: (_target, method) =>
      async (...args: unknown[]) => {
        const port = await (loaded ??= load());
        return (port as Record<string | symbol, (...a: unknown[]) => unknown>)[method](...args);
      },
  });
}

export function readersFor(aws: AwsAccess): { cognito: CognitoReader; kms: KmsReader; route53: Route53Reader } {
  return {
    cognito: lazyPort(async () => new (await import('../aws/cognito-reader.js')).SdkCognitoReader(aws.clients)),
    kms: lazyPort(async () => new (await import('../aws/kms-reader.js')).SdkKmsReader(aws.clients)),
    route53: lazyPort(async () => new (await import('../aws/route53-reader.js')).SdkRoute53Reader(aws.clients)),
  };
}
