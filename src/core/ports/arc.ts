/**
 * The read/write port for a Route 53 ARC cluster (the data plane: routing control states), in plain
 * data. Every call is tried against the cluster's endpoints in rotation; the result names the endpoint
 * that answered and every attempt that did not, so callers can report what could not be reached.
 */
import type { ArcEndpoint } from '../dns/arc-config.js';

export type RoutingControlState = 'On' | 'Off';

export interface ArcAttempt {
  endpoint: ArcEndpoint;
  /** The error that made the caller move on to the next endpoint (name: message). */
  error: string;
}

export interface ArcAnswer<T> {
  value: T;
  /** The endpoint that answered. */
  endpoint: ArcEndpoint;
  /** Endpoints tried before it, each with its error. */
  failed: ArcAttempt[];
}

/** A refusal that no other endpoint would change (a safety rule, access denied, a bad ARN). */
export class ArcRefusal extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly endpoint: ArcEndpoint,
    readonly failed: ArcAttempt[],
    /** The resource the refusal names (a ConflictException's resourceId: the blocking safety rule's ARN). */
    readonly resourceId?: string,
  ) {
    super(message);
    this.name = 'ArcRefusal';
  }
}

/** Every endpoint failed (each with its error): nothing was read or changed. */
export class ArcUnreachable extends Error {
  constructor(readonly failed: ArcAttempt[]) {
    super(`no ARC cluster endpoint answered: ${failed.map((f) => `${f.endpoint.region} (${f.error})`).join('; ') || 'no endpoints configured'}`);
    this.name = 'ArcUnreachable';
  }
}

export interface ArcCluster {
  /** The endpoints in the order they would be tried now. */
  endpoints(): ArcEndpoint[];
  getStates(arns: string[], opts?: { avoid?: string }): Promise<ArcAnswer<Record<string, RoutingControlState>>>;
  updateStates(states: Record<string, RoutingControlState>, overrideSafetyRules: string[]): Promise<ArcAnswer<null>>;
}
