/**
 * The ARC cluster data plane (`@aws-sdk/client-route53-recovery-cluster`, awsJson1_0, X-Amz-Target
 * `ToggleCustomerAPI.<Operation>`), answered only on a cluster endpoint (endpoints.ts): each call is
 * served by the cluster whose endpoint it reached, in the endpoint's Region, so `sandbox fault
 * --region R` takes that endpoint down like any other service of R while the other endpoints answer.
 */
import { SandboxError, type CallContext, type JsonObject, type JsonService } from '../types.js';
import { page } from './paging.js';
import { checkTransaction } from './safety-rules.js';
import type { ArcStore, ControlRecord, ControlState } from './store.js';

export const ARC_CLUSTER_TARGET = 'ToggleCustomerAPI';
export const ARC_CLUSTER_SERVICE = 'route53-recovery-cluster';

function validation(message: string, field?: string): SandboxError {
  return new SandboxError('ValidationException', message, 400, {
    reason: 'fieldValidationFailed',
    ...(field && { fields: [{ name: field, message }] }),
  });
}

function requireString(input: JsonObject, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') throw validation(`${field} is required.`, field);
  return value;
}

function requireState(value: unknown, field: string): ControlState {
  if (value !== 'On' && value !== 'Off') throw validation(`${field} must be On or Off, got ${JSON.stringify(value)}.`, field);
  return value;
}

export class ArcClusterApi implements JsonService {
  readonly kind = 'json' as const;
  readonly targetPrefix = ARC_CLUSTER_TARGET;
  readonly service = ARC_CLUSTER_SERVICE;
  readonly throttle = { code: 'ThrottlingException', status: 429, message: 'Rate exceeded' };
  readonly internalError = { code: 'InternalServerException', message: 'There was an unexpected error during processing of the request.' };

  constructor(private readonly store: ArcStore) {}

  handle(operation: string, input: JsonObject, ctx: CallContext): JsonObject {
    const clusterArn = this.endpointCluster(ctx);
    switch (operation) {
      case 'GetRoutingControlState': {
        const control = this.controlOn(clusterArn, requireString(input, 'RoutingControlArn'));
        return { RoutingControlArn: control.arn, RoutingControlState: control.state, RoutingControlName: control.name };
      }
      case 'ListRoutingControls':
        return this.list(clusterArn, input, ctx);
      case 'UpdateRoutingControlState':
        this.update(clusterArn, [{ RoutingControlArn: input.RoutingControlArn, RoutingControlState: input.RoutingControlState }], input.SafetyRulesToOverride, ctx, 'RoutingControl');
        return {};
      case 'UpdateRoutingControlStates': {
        const entries = input.UpdateRoutingControlStateEntries;
        if (!Array.isArray(entries) || entries.length === 0) {
          throw validation('UpdateRoutingControlStateEntries must name at least one routing control.', 'UpdateRoutingControlStateEntries');
        }
        this.update(clusterArn, entries, input.SafetyRulesToOverride, ctx, 'UpdateRoutingControlStateEntries');
        return {};
      }
      default:
        throw new SandboxError('UnknownOperationException', `${ARC_CLUSTER_TARGET}.${operation} is not an operation of the ARC cluster API.`);
    }
  }

  /** The cluster whose endpoint was called; the data plane has no Regional default endpoint here. */
  private endpointCluster(ctx: CallContext): string {
    const endpoint = ctx.arcEndpoint;
    if (!endpoint) {
      throw validation(
        'The ARC cluster API is served on the cluster endpoints only: build the client with { endpoint: <one of DescribeCluster\'s ClusterEndpoints>, region: <its Region> } (in the sandbox: <sandbox URL>/_arc/<cluster id>/<Region>/v1).',
      );
    }
    const cluster = this.store.clusterById(endpoint.clusterId);
    if (!cluster) throw new SandboxError('ResourceNotFoundException', `No cluster ${endpoint.clusterId} serves this endpoint.`, 404, { resourceId: endpoint.clusterId, resourceType: 'Cluster' });
    return cluster.arn;
  }

  /** A routing control of this endpoint's cluster: another cluster's control is not found here. */
  private controlOn(clusterArn: string, arn: string): ControlRecord {
    const control = this.store.findControl(arn);
    if (!control || this.store.clusterOfControl(control) !== clusterArn) {
      throw new SandboxError('ResourceNotFoundException', `Routing control ${arn} was not found on this cluster.`, 404, { resourceId: arn, resourceType: 'RoutingControl' });
    }
    return control;
  }

  private list(clusterArn: string, input: JsonObject, ctx: CallContext): JsonObject {
    const panels = this.store.panels(clusterArn).filter((p) => input.ControlPanelArn === undefined || p.arn === input.ControlPanelArn);
    if (input.ControlPanelArn !== undefined && panels.length === 0) {
      throw new SandboxError('ResourceNotFoundException', `Control panel ${input.ControlPanelArn} was not found on this cluster.`, 404, { resourceId: String(input.ControlPanelArn), resourceType: 'ControlPanel' });
    }
    const rows = panels.flatMap((panel) =>
      this.store.controls(panel.arn).map((c) => ({
        ControlPanelArn: panel.arn,
        ControlPanelName: panel.name,
        RoutingControlArn: c.arn,
        RoutingControlName: c.name,
        RoutingControlState: c.state,
        Owner: ctx.accountId,
      })),
    );
    const { items, NextToken } = page(rows, input.MaxResults, input.NextToken, 500);
    return { RoutingControls: items, ...(NextToken && { NextToken }) };
  }

  private update(clusterArn: string, entries: unknown[], overridesInput: unknown, ctx: CallContext, field: string): void {
    const changes = new Map<string, ControlState>();
    for (const entry of entries) {
      const e = (entry ?? {}) as JsonObject;
      const arn = typeof e.RoutingControlArn === 'string' && e.RoutingControlArn !== '' ? e.RoutingControlArn : undefined;
      if (!arn) throw validation('RoutingControlArn is required in every entry.', field);
      const state = requireState(e.RoutingControlState, 'RoutingControlState');
      if (changes.has(arn)) throw validation(`Routing control ${arn} appears twice in one request.`, field);
      this.controlOn(clusterArn, arn);
      changes.set(arn, state);
    }
    const overrides = new Set<string>();
    if (overridesInput !== undefined && overridesInput !== null) {
      if (!Array.isArray(overridesInput)) throw validation('SafetyRulesToOverride must be a list of safety rule ARNs.', 'SafetyRulesToOverride');
      for (const arn of overridesInput) {
        if (typeof arn !== 'string' || !this.store.rule(arn)) {
          throw validation(`SafetyRulesToOverride names ${JSON.stringify(arn)}, which is not a safety rule ARN of this account.`, 'SafetyRulesToOverride');
        }
        overrides.add(arn);
      }
    }
    const touched = checkTransaction(this.store, changes, overrides, ctx.now);
    this.store.apply(changes, ctx.now, touched);
  }
}
