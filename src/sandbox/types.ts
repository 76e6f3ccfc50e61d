/**
 * Contracts shared by the sandbox's server and its service models. The server parses the wire
 * (Region from the SigV4 scope, operation from X-Amz-Target or path), applies faults and latency,
 * logs the call, and hands a decoded request to one service model. Models never touch HTTP.
 */

/** An AWS error as the wire carries it; the server encodes it in the service's protocol. */
export class SandboxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra fields some SDK exceptions carry (e.g. Route 53 `messages`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** Timing knobs; all in milliseconds. Changeable at runtime through the admin API. */
export interface SandboxSettings {
  accountId: string;
  /** Replica CREATING → INACTIVE, and KMS replica key Creating → Enabled. */
  replicaDelayMs: number;
  /** Route 53 change PENDING → INSYNC. */
  dnsDelayMs: number;
  /** Primary → secondary replication of pool configuration and directory. */
  syncDelayMs: number;
  /** Added to every AWS call. */
  latencyMs: number;
  /** Optional Cognito-like per-category request quotas (aws-conformance A13); off by default. */
  quotas: { enabled: boolean; scale: number };
}

export interface Clock {
  now(): number;
}

/** What a model sees of the call it serves. */
export interface CallContext {
  region: string;
  accountId: string;
  now: number;
  settings: SandboxSettings;
  /**
   * True when the Region is in a fault-injected outage (used by health evaluation). Without `service`
   * only Region-wide outages count; with it, outages scoped to that service count too.
   */
  isRegionDown(region: string, service?: string): boolean;
  /**
   * Past and current outage intervals of a Region (epoch ms; `to` absent while ongoing), merged and
   * sorted. `service` widens the view the same way as in isRegionDown.
   */
  outageHistory(region: string, service?: string): Array<{ from: number; to?: number }>;
  /** Set when the call reached an ARC cluster endpoint (`/_arc/<cluster id>/<Region>/v1`). */
  arcEndpoint?: { clusterId: string; region: string };
}

/**
 * Admin seeding of resources that mrrctl only reads (Lambda functions, SES identities, log groups,
 * delivery streams, web ACLs): POST /_sandbox/resources/<service> with {region, ...resource}.
 */
export interface Seedable {
  put(region: string, resource: JsonObject, ctx: CallContext): JsonObject;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = Record<string, any>;

/** A service speaking awsJson1_0/1_1: POST /, X-Amz-Target: <targetPrefix>.<Operation>. */
export interface JsonService {
  readonly kind: 'json';
  /** e.g. "TrentService"; matched against the X-Amz-Target prefix. */
  readonly targetPrefix: string;
  /** Short service name used in the call log, faults and admin API, e.g. "kms". */
  readonly service: string;
  /** The error this service answers when throttled. */
  readonly throttle: { code: string; status: number; message: string };
  /**
   * Optional: the error this service answers for an internal failure (used by `error` faults and
   * when a model throws something that is not a SandboxError). The server has a table of defaults.
   */
  readonly internalError?: { code: string; message: string };
  /** Optional: the error an `error` fault with status 503 answers instead (e.g. ARC's EndpointTemporarilyUnavailableException). */
  readonly unavailableError?: { code: string; message: string };
  /** Throws SandboxError; an unknown operation throws UnknownOperationException. */
  handle(operation: string, input: JsonObject, ctx: CallContext): JsonObject | Promise<JsonObject>;
}

export interface RestRequest {
  method: string;
  /** Path without the query string, percent-decoded per segment by the router. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RestResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Bytes for a binary wire format (CBOR); sent instead of `body` when present. */
  rawBody?: Uint8Array;
}

/** A service speaking restXml or restJson1, selected by path. */
export interface RestService {
  readonly kind: 'rest';
  readonly service: string;
  readonly throttle: { code: string; status: number; message: string };
  /** Optional, as on JsonService. */
  readonly internalError?: { code: string; message: string };
  /** The operation name for this request, or null when the path is not this service's. */
  operationFor(req: RestRequest): string | null;
  /** Encode errors in the service's own wire shape (XML for Route 53, JSON for restJson1). */
  /** `requestId` is the call's x-amzn-RequestId: an error body that carries one must repeat it. */
  encodeError(err: SandboxError, requestId?: string): RestResponse;
  handle(operation: string, req: RestRequest, ctx: CallContext): RestResponse | Promise<RestResponse>;
}

export type ServiceModel = JsonService | RestService;

/** A model's state can be saved and restored (for --state FILE). */
export interface Persistent {
  snapshot(): JsonValue;
  restore(snapshot: JsonValue): void;
}

/** One line of the call log: every AWS call, so tests can prove what was (not) written. */
export interface CallRecord {
  seq: number;
  time: string;
  region: string;
  service: string;
  operation: string;
  status: number;
  error?: string;
  /** True for operations that change state (anything but Describe/Get/List/Test/Batch-get reads). */
  write: boolean;
  durationMs: number;
  /**
   * The access key id a signed AWS call was signed with (its SigV4 scope), so a test can prove whose
   * credentials reached the sandbox. An identifier, not a secret (CloudTrail logs it too); the
   * secret key and the session token never reach the log.
   */
  accessKeyId?: string;
}

export type FaultKind = 'outage' | 'throttle' | 'error' | 'latency';

export interface Fault {
  id: string;
  region?: string;
  service?: string;
  operation?: string;
  kind: FaultKind;
  /** Share of matching calls affected, 0..1 (default 1). */
  ratio: number;
  /** For latency: added milliseconds. For error: HTTP status (default 500). */
  ms?: number;
  status?: number;
  /** Affect only the next N matching calls, then expire (a burst). */
  count?: number;
  since: string;
}
