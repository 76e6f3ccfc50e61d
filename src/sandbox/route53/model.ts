/**
 * The sandbox's Amazon Route 53 (restXml under /2013-04-01/): hosted zones, atomic record-set change
 * batches, change propagation, health checks whose status follows the fault timeline, and
 * TestDNSAnswer. Route 53 is global: one state for the whole account, whatever Region signed.
 *
 * Other sandbox models read health through `isHealthCheckHealthy` (now) and `healthAt` /
 * `healthTimeline` (the past, for the CloudWatch HealthCheckStatus metric).
 */
import { randomUUID } from 'node:crypto';
import {
  SandboxError,
  type CallContext,
  type JsonValue,
  type Persistent,
  type RestRequest,
  type RestResponse,
  type RestService,
} from '../types.js';
import { HealthCheckStore, type RoutingControlSource } from './health-checks.js';
import { currentMoment, evaluateHealth, healthTimeline, momentAt, type HealthSegment } from './health-evaluation.js';
import { ROUTE53_OPERATIONS, type Route53State } from './operations.js';
import { matchRoute, MODELLED_OPERATIONS } from './routes.js';
import { buildXml, xmlList } from './xml.js';
import { HostedZoneStore } from './zones.js';

export type { HealthSegment } from './health-evaluation.js';

export class Route53Model implements RestService, Persistent {
  readonly kind = 'rest' as const;
  readonly service = 'route53';
  readonly throttle = { code: 'Throttling', status: 400, message: 'Rate exceeded' };
  /** The operations this model answers (for docs and the admin API). */
  static readonly operations = MODELLED_OPERATIONS;
  private readonly state: Route53State = { zones: new HostedZoneStore(), healthChecks: new HealthCheckStore() };

  /** `arc`: where RECOVERY_CONTROL checks read their routing controls (none: they count as Off). */
  constructor(options: { arc?: RoutingControlSource } = {}) {
    this.state.healthChecks.routingControls = options.arc;
  }

  operationFor(req: RestRequest): string | null {
    return matchRoute(req)?.operation ?? null;
  }

  encodeError(err: SandboxError, requestId: string = randomUUID()): RestResponse {
    const messages = Array.isArray(err.extra.messages) ? (err.extra.messages as unknown[]).map(String) : undefined;
    const body = buildXml('ErrorResponse', {
      Error: {
        Type: err.status >= 500 ? 'Receiver' : 'Sender',
        Code: err.code,
        Message: err.message,
        // InvalidChangeBatch also carries each problem separately; the SDK exposes them as `err.messages`.
        messages: messages ? xmlList('Message', messages) : undefined,
      },
      // The same id as the x-amzn-RequestId header, as Route 53 sends it: support cases quote either.
      RequestId: requestId,
    });
    return { status: err.status, headers: { 'content-type': 'text/xml' }, body };
  }

  handle(operation: string, req: RestRequest, ctx: CallContext): RestResponse {
    const match = matchRoute(req);
    const handler = Object.hasOwn(ROUTE53_OPERATIONS, operation) ? ROUTE53_OPERATIONS[operation] : undefined;
    if (!handler || !match || match.operation !== operation) {
      throw new SandboxError('UnknownOperationException', `${req.method} ${req.path} is not an operation the sandbox's Route 53 models.`);
    }
    return handler(this.state, req, ctx, match.id ?? '');
  }

  /** Health of a check now (current outages); undefined when no such check exists. */
  isHealthCheckHealthy(healthCheckId: string, ctx: CallContext): boolean | undefined {
    return evaluateHealth(healthCheckId, currentMoment(this.state.healthChecks, ctx));
  }

  /** Health of a check at a past instant (outage history, configuration then); undefined if it did not exist. */
  healthAt(healthCheckId: string, time: number, ctx: CallContext): boolean | undefined {
    return evaluateHealth(healthCheckId, momentAt(this.state.healthChecks, ctx, time));
  }

  /** Health over [from, to) as constant segments; undefined when the check does not exist. */
  healthTimeline(healthCheckId: string, from: number, to: number, ctx: CallContext): HealthSegment[] | undefined {
    return healthTimeline(this.state.healthChecks, ctx, healthCheckId, from, to);
  }

  /** RECOVERY_CONTROL checks bound to a routing control (ARC's ListAssociatedRoute53HealthChecks). */
  healthChecksForRoutingControl(routingControlArn: string): string[] {
    return this.state.healthChecks
      .list()
      .filter((check) => check.config.Type === 'RECOVERY_CONTROL' && check.config.RoutingControlArn === routingControlArn)
      .map((check) => check.id);
  }

  /** Ids of the existing health checks, oldest first. */
  healthCheckIds(): string[] {
    return this.state.healthChecks.list().map((check) => check.id);
  }

  snapshot(): JsonValue {
    return { zones: this.state.zones.snapshot(), healthChecks: this.state.healthChecks.snapshot() };
  }

  restore(snapshot: JsonValue): void {
    const data = (snapshot ?? {}) as { zones?: JsonValue; healthChecks?: JsonValue };
    this.state.zones.restore(data.zones);
    this.state.healthChecks.restore(data.healthChecks);
  }
}
