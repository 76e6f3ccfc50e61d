/**
 * The SDK-backed read ports of a command run. Each adapter (and the SDK package behind it) is
 * imported on the first call, so building a context never loads the SDK.
 */
import type { AwsAccess, ReadPorts } from './context.js';

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

/** The read ports over the given AWS access; `overrides` replace single ports (tests). */
export function readPorts(aws: () => Promise<AwsAccess>, overrides: Partial<ReadPorts> = {}): ReadPorts {
  return {
    cognito: overrides.cognito ?? lazyPort(async () => new (await import('../aws/cognito-reader.js')).SdkCognitoReader((await aws()).clients)),
    kms: overrides.kms ?? lazyPort(async () => new (await import('../aws/kms-reader.js')).SdkKmsReader((await aws()).clients)),
    route53: overrides.route53 ?? lazyPort(async () => new (await import('../aws/route53-reader.js')).SdkRoute53Reader((await aws()).clients)),
    parity: overrides.parity ?? lazyPort(async () => new (await import('../aws/parity-reader.js')).SdkParityReader((await aws()).clients)),
    metrics: overrides.metrics ?? lazyPort(async () => new (await import('../aws/metrics-reader.js')).SdkHealthMetricsReader((await aws()).clients)),
  };
}
