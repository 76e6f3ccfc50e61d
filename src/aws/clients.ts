/**
 * The one AWS client factory: one client per service and Region, created on first use and cached.
 * Each SDK package is imported only when a command first needs it, so start-up stays fast.
 * Every client gets the same credentials, endpoint, bounded retries and timeouts that really abort
 * (a dead Region must fail within seconds, not hang — aws-conformance D5). Credentials and endpoints come
 * from the command's injected environment (credentials.ts, endpoints.ts), never from process.env.
 */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Route53RecoveryClusterClient } from '@aws-sdk/client-route53-recovery-cluster';
import { QuotaAwareRetryStrategy } from './retry.js';
import { attachCallLogger, type AwsCallListener } from './call-logger.js';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { credentialsFrom } from './credentials.js';
import { endpointFor } from './endpoints.js';
import type { AwsEnv, AwsTarget } from './target.js';

/** Route 53's control plane signs for us-east-1 whatever Region the caller works in (aws-conformance C1). */
export const ROUTE53_REGION = 'us-east-1';

export interface AwsClientOptions {
  target: AwsTarget;
  /**
   * The command's environment (credentials, profile, AWS_ENDPOINT_URL*). Absent = an empty one: the
   * clients never fall back to process.env. The sandbox target needs none (fixed dummy credentials).
   */
  env?: AwsEnv;
  onCall?: AwsCallListener;
  /** Told the endpoint of each client built for a configured (non-sandbox) endpoint: the notice on stderr. */
  onEndpoint?: (endpoint: string, service: string) => void;
  /** Total attempts per call, including the first (default 3). */
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** Per attempt; a timed-out request is not retried (retry.ts). */
export const REQUEST_TIMEOUT_MS = 5_000;

/** Quota errors that the SDK would otherwise retry as throttling, per service. */
const QUOTA_ERRORS: Record<string, ReadonlySet<string>> = {
  'cognito-idp': new Set(['LimitExceededException']),
  kms: new Set(['LimitExceededException']),
};

const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIDMRRCTLSANDBOX', secretAccessKey: 'mrrctl-sandbox-not-a-secret' };

/** Each client's SDK serviceId, which names its AWS_ENDPOINT_URL_<SERVICE> variable (endpoints.ts). */
const SDK_SERVICE_IDS: Record<string, string> = {
  'cognito-idp': 'Cognito Identity Provider',
  kms: 'KMS',
  route53: 'Route 53',
  lambda: 'Lambda',
  wafv2: 'WAFV2',
  ses: 'SESv2',
  logs: 'CloudWatch Logs',
  firehose: 'Firehose',
  monitoring: 'CloudWatch',
  'route53-recovery-cluster': 'Route53 Recovery Cluster',
  'route53-recovery-control-config': 'Route53 Recovery Control Config',
};

/** ARC's control-config API answers in US West (Oregon) only (aws-conformance G3). */
export const ARC_CONTROL_CONFIG_REGION = 'us-west-2';
const ARC_CONTROL_CONFIG_URL = 'https://route53-recovery-control-config.us-west-2.amazonaws.com';

/** Per-client settings that differ from the defaults (ARC: one client per cluster endpoint, one attempt, short timeouts). */
interface ClientOverrides {
  endpoint?: string;
  /** The SigV4 service name, where it is not the client's own (the control-config transport). */
  signingName?: string;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
}

type ClientCtor<C> = new (config: Record<string, unknown>) => C;

export class AwsClients {
  /** Promises, so that concurrent first uses of a service and Region share one client. */
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly created: unknown[] = [];
  private readonly env: AwsEnv;
  private readonly credentials: AwsCredentialIdentityProvider | typeof SANDBOX_CREDENTIALS;

  constructor(private readonly options: AwsClientOptions) {
    this.env = options.env ?? {};
    this.credentials = options.target.sandbox ? SANDBOX_CREDENTIALS : credentialsFrom(this.env, options.target.profile);
  }

  /**
   * The provider every client signs with (memoized: resolved once), so a command can check it before
   * it asks any Region (credential-check.ts). Undefined for the sandbox's fixed credentials.
   */
  get credentialsProvider(): AwsCredentialIdentityProvider | undefined {
    return typeof this.credentials === 'function' ? this.credentials : undefined;
  }

  cognito(region: string): Promise<CognitoIdentityProviderClient> {
    return this.get('cognito-idp', region, async () => (await import('@aws-sdk/client-cognito-identity-provider')).CognitoIdentityProviderClient);
  }
  kms(region: string): Promise<KMSClient> {
    return this.get('kms', region, async () => (await import('@aws-sdk/client-kms')).KMSClient);
  }
  route53(): Promise<Route53Client> {
    return this.get('route53', ROUTE53_REGION, async () => (await import('@aws-sdk/client-route-53')).Route53Client);
  }
  lambda(region: string): Promise<LambdaClient> {
    return this.get('lambda', region, async () => (await import('@aws-sdk/client-lambda')).LambdaClient);
  }
  wafv2(region: string): Promise<WAFV2Client> {
    return this.get('wafv2', region, async () => (await import('@aws-sdk/client-wafv2')).WAFV2Client);
  }
  sesv2(region: string): Promise<SESv2Client> {
    return this.get('ses', region, async () => (await import('@aws-sdk/client-sesv2')).SESv2Client);
  }
  logs(region: string): Promise<CloudWatchLogsClient> {
    return this.get('logs', region, async () => (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient);
  }
  firehose(region: string): Promise<FirehoseClient> {
    return this.get('firehose', region, async () => (await import('@aws-sdk/client-firehose')).FirehoseClient);
  }
  /** CloudWatch metrics for Route 53 health checks live in us-east-1. */
  cloudwatch(region: string = ROUTE53_REGION): Promise<CloudWatchClient> {
    return this.get('monitoring', region, async () => (await import('@aws-sdk/client-cloudwatch')).CloudWatchClient);
  }

  /**
   * One Route 53 ARC cluster endpoint: the client is per endpoint (its URL and its Region), not per
   * Region (aws-conformance G3). One attempt and short timeouts: a dead endpoint costs seconds, then the
   * caller rotates to the next one (src/aws/arc-cluster.ts). Against the sandbox, a URL outside it is
   * replaced by the sandbox's own (the Region in the signature picks the endpoint there).
   */
  arcCluster(url: string, region: string, overrides: Omit<ClientOverrides, 'endpoint'>): Promise<Route53RecoveryClusterClient> {
    const sandbox = this.options.target.sandbox ? this.options.target.endpoint : undefined;
    const endpoint = sandbox && !url.startsWith(sandbox) ? sandbox : url;
    return this.get(`route53-recovery-cluster@${endpoint}`, region, async () => (await import('@aws-sdk/client-route53-recovery-cluster')).Route53RecoveryClusterClient, { ...overrides, endpoint });
  }

  /**
   * The transport of ARC's control-config API: its SDK client is a devDependency only (too heavy for the
   * runtime budget), so src/aws/arc-control-config.ts signs its few reads with a cluster client's own
   * SigV4 signer (signing name route53-recovery-control-config, us-west-2) and sends them through that
   * client's HTTP handler (same credentials, timeouts and endpoint overrides as every other client).
   */
  async arcControlConfig(): Promise<{ url: string; client: Route53RecoveryClusterClient }> {
    const service = 'route53-recovery-control-config';
    const { target } = this.options;
    const configured = target.sandbox ? target.endpoint : await endpointFor(target, SDK_SERVICE_IDS[service] ?? service, this.env);
    if (configured && !target.sandbox) this.options.onEndpoint?.(configured, service);
    const url = configured ?? ARC_CONTROL_CONFIG_URL;
    const client = await this.get(`${service}@${url}`, ARC_CONTROL_CONFIG_REGION, async () => (await import('@aws-sdk/client-route53-recovery-cluster')).Route53RecoveryClusterClient, {
      endpoint: url,
      signingName: service,
      maxAttempts: 2,
    });
    return { url, client };
  }

  /** Closes every client's sockets so the process can exit promptly. */
  destroy(): void {
    for (const client of this.created) (client as { destroy?: () => void }).destroy?.();
    this.created.length = 0;
    this.cache.clear();
  }

  private get<C>(service: string, region: string, load: () => Promise<ClientCtor<C>>, overrides: ClientOverrides = {}): Promise<C> {
    const key = `${service}:${region}`;
    const cached = this.cache.get(key);
    if (cached) return cached as Promise<C>;
    const creating = this.create(service.split('@')[0] ?? service, region, load, overrides);
    this.cache.set(key, creating);
    // A failed creation (an unreadable config file) is not cached: the next use tries again.
    creating.catch(() => this.cache.delete(key));
    return creating;
  }

  private async create<C>(service: string, region: string, load: () => Promise<ClientCtor<C>>, overrides: ClientOverrides): Promise<C> {
    const [Ctor, config] = await Promise.all([load(), this.configFor(service, region, overrides)]);
    const client = new Ctor(config);
    // Always attached: besides --verbose lines, it tells an error which Region and call it came from.
    attachCallLogger(client as never, service, region, this.options.onCall);
    this.created.push(client);
    return client;
  }

  private async configFor(service: string, region: string, overrides: ClientOverrides = {}): Promise<Record<string, unknown>> {
    const { target } = this.options;
    const maxAttempts = overrides.maxAttempts ?? this.options.maxAttempts ?? 3;
    const config: Record<string, unknown> = {
      region,
      retryStrategy: new QuotaAwareRetryStrategy(maxAttempts, QUOTA_ERRORS[service] ?? new Set()),
      requestHandler: {
        connectionTimeout: overrides.connectionTimeoutMs ?? this.options.connectionTimeoutMs ?? 3_000,
        // AWS control-plane calls answer in well under a second; 5 s is ample headroom, and (not
        // retried: retry.ts) it bounds what a Region that accepts connections but never answers costs.
        requestTimeout: overrides.requestTimeoutMs ?? this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
      },
      credentials: this.credentials,
      // endpointFor has read AWS_ENDPOINT_URL* and the profile's endpoint_url from the injected
      // environment; the SDK must not read them again from process.env.
      ignoreConfiguredEndpointUrls: true,
    };
    const endpoint = overrides.endpoint ?? (await endpointFor(target, SDK_SERVICE_IDS[service] ?? service, this.env));
    if (endpoint) config.endpoint = endpoint;
    if (overrides.signingName) config.signingName = overrides.signingName;
    // ARC cluster endpoints are always explicit (from the config): no "configured endpoint" notice.
    if (endpoint && !target.sandbox && !overrides.endpoint) this.options.onEndpoint?.(endpoint, service);
    // The profile's other settings (FIPS, dual-stack...) are still read by the SDK, for this profile.
    if (!target.sandbox && target.profile) config.profile = target.profile;
    return config;
  }
}
