/**
 * The shared base of the sandbox's parity models (Lambda, SESv2, WAFv2, CloudWatch Logs, Firehose):
 * the small read-mostly slices of services drift compares across Regions. Each is seeded through the
 * admin API (Seedable), keeps per-Region state that a snapshot saves (Persistent), and answers a
 * fixed table of operations; the base dispatches that table and answers anything else as
 * UnknownOperationException, so a model only states its operations and their logic.
 */
import { SandboxError, type CallContext, type JsonObject, type JsonValue, type Persistent, type Seedable } from '../types.js';
import type { JsonService, RestRequest, RestResponse, RestService } from '../types.js';
import type { RegionalState } from './regional-state.js';

export interface ThrottleError {
  code: string;
  status: number;
  message: string;
}

/** What makes the wire of one service: its name and the errors it answers when throttled or failing. */
export interface ServiceFacts {
  /** Short service name used in the call log, faults and admin API. */
  service: string;
  throttle: ThrottleError;
  internalError: { code: string; message: string };
}

/** A JSON service is also known by its X-Amz-Target prefix. */
export interface JsonServiceFacts extends ServiceFacts {
  targetPrefix: string;
}

/** A REST service's errors name it as its documentation does, e.g. "SESv2". */
export interface RestServiceFacts extends ServiceFacts {
  label: string;
}

/** The common throttling error of AWS JSON services that model none of their own. */
export const COMMON_THROTTLING: ThrottleError = { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' };

/** A restJson1 success body. */
export function jsonResponse(status: number, body: JsonObject): RestResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** An operation table looked up by a name from the wire: only the table's own entries count. */
function lookup<Handler>(table: Readonly<Record<string, Handler>>, operation: string): Handler | undefined {
  return Object.hasOwn(table, operation) ? table[operation] : undefined;
}

abstract class ParityModel<State> implements Persistent, Seedable {
  readonly service: string;
  readonly throttle: ThrottleError;
  readonly internalError: { code: string; message: string };

  constructor(
    facts: ServiceFacts,
    /** Every Region's records; the only state a parity model has. */
    protected readonly state: RegionalState<State>,
  ) {
    this.service = facts.service;
    this.throttle = facts.throttle;
    this.internalError = facts.internalError;
  }

  /** Admin seeding: POST /_sandbox/resources/<service> with {region, ...resource}. */
  abstract put(region: string, resource: JsonObject, ctx: CallContext): JsonObject;

  snapshot(): JsonValue {
    return this.state.snapshot();
  }

  restore(snapshot: JsonValue): void {
    this.state.restore(snapshot);
  }
}

export type JsonOperation = (input: JsonObject, ctx: CallContext) => JsonObject;

/** A parity model speaking awsJson1_1 (X-Amz-Target: <targetPrefix>.<Operation>). */
export abstract class JsonParityModel<State> extends ParityModel<State> implements JsonService {
  readonly kind = 'json' as const;
  /** Operation name → handler. */
  protected abstract readonly operations: Readonly<Record<string, JsonOperation>>;

  readonly targetPrefix: string;

  constructor(facts: JsonServiceFacts, state: RegionalState<State>) {
    super(facts, state);
    this.targetPrefix = facts.targetPrefix;
  }

  handle(operation: string, input: JsonObject, ctx: CallContext): JsonObject {
    const run = lookup(this.operations, operation);
    if (!run) throw new SandboxError('UnknownOperationException', `Operation ${operation} is not modelled by the sandbox`, 400);
    return run(input, ctx);
  }
}

export type RestOperation = (req: RestRequest, ctx: CallContext) => RestResponse;

/** A parity model speaking restJson1: the model routes a path to an operation, the base dispatches it. */
export abstract class RestParityModel<State> extends ParityModel<State> implements RestService {
  readonly kind = 'rest' as const;
  /** Operation name → handler. */
  protected abstract readonly operations: Readonly<Record<string, RestOperation>>;

  private readonly label: string;

  constructor(facts: RestServiceFacts, state: RegionalState<State>) {
    super(facts, state);
    this.label = facts.label;
  }

  abstract operationFor(req: RestRequest): string | null;

  /** restJson1 errors: the code in `x-amzn-errortype`, the message (and extras) in the body. */
  encodeError(err: SandboxError): RestResponse {
    return {
      status: err.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.code },
      body: JSON.stringify({ message: err.message, ...err.extra }),
    };
  }

  handle(operation: string, req: RestRequest, ctx: CallContext): RestResponse {
    const run = lookup(this.operations, operation);
    if (!run) {
      throw new SandboxError('UnknownOperationException', `No ${this.label} operation is modelled for ${req.method} ${req.path}`, 404);
    }
    return run(req, ctx);
  }
}
