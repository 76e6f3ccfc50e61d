/**
 * The ARC control-config API (`@aws-sdk/client-route53-recovery-control-config`, restJson1), answered
 * in us-west-2 only as the ARC API reference requires ("you must specify the US West (Oregon) Region").
 * Clusters, control panels, routing controls and safety rules are created here (the seed uses the
 * same operations); DescribeCluster lists the five endpoints on the sandbox's own port. Everything is
 * DEPLOYED at once: the PENDING phase is not modelled. [INF]
 */
import { SandboxError, type CallContext, type JsonObject, type JsonValue, type Persistent, type RestRequest, type RestResponse, type RestService } from '../types.js';
import { ARC_CONFIG_REGION, ARC_ENDPOINT_REGIONS, arcEndpointUrl } from './endpoints.js';
import { page } from './paging.js';
import type { ArcStore, ClusterRecord, ControlRecord, PanelRecord, RuleRecord, RuleType } from './store.js';

export const ARC_CONFIG_SERVICE = 'route53-recovery-control-config';

const ARN = 'arn:[^/]+';
const PANEL = `${ARN}:controlpanel/[^/]+`;
const ROUTES: Array<[string, RegExp, string]> = [
  ['GET', /^\/cluster$/, 'ListClusters'],
  ['POST', /^\/cluster$/, 'CreateCluster'],
  ['GET', new RegExp(`^/cluster/(${ARN}:cluster/[^/]+)$`), 'DescribeCluster'],
  ['GET', /^\/controlpanels$/, 'ListControlPanels'],
  ['POST', /^\/controlpanel$/, 'CreateControlPanel'],
  ['GET', new RegExp(`^/controlpanel/(${PANEL})$`), 'DescribeControlPanel'],
  ['GET', new RegExp(`^/controlpanel/(${PANEL})/routingcontrols$`), 'ListRoutingControls'],
  ['GET', new RegExp(`^/controlpanel/(${PANEL})/safetyrules$`), 'ListSafetyRules'],
  ['POST', /^\/routingcontrol$/, 'CreateRoutingControl'],
  ['GET', new RegExp(`^/routingcontrol/(${PANEL}/routingcontrol/[^/]+)$`), 'DescribeRoutingControl'],
  ['GET', new RegExp(`^/routingcontrol/(${PANEL}/routingcontrol/[^/]+)/associatedRoute53HealthChecks$`), 'ListAssociatedRoute53HealthChecks'],
  ['POST', /^\/safetyrule$/, 'CreateSafetyRule'],
  ['GET', new RegExp(`^/safetyrule/(${PANEL}/safetyrule/[^/]+)$`), 'DescribeSafetyRule'],
];

function validation(message: string): SandboxError {
  return new SandboxError('ValidationException', message, 400);
}

function name(input: JsonObject, field: string): string {
  const value = input[field];
  // ARC names: 1–64 characters, no white space (the API reference's pattern). [DOC]
  if (typeof value !== 'string' || !/^\S{1,64}$/.test(value)) throw validation(`${field} must be 1 to 64 characters without white space.`);
  return value;
}

function parseBody(body: string): JsonObject {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  } catch {
    // answered below
  }
  throw validation('The request body is not a JSON object.');
}

export class ArcConfigApi implements RestService, Persistent {
  readonly kind = 'rest' as const;
  readonly service = ARC_CONFIG_SERVICE;
  readonly throttle = { code: 'ThrottlingException', status: 429, message: 'Rate exceeded' };
  readonly internalError = { code: 'InternalServerException', message: '500 internal server error' };
  /** Route 53 health checks bound to a routing control (wired by the default world). */
  healthChecksFor: (routingControlArn: string) => string[] = () => [];

  constructor(private readonly store: ArcStore) {}

  operationFor(req: RestRequest): string | null {
    return ROUTES.find(([method, pattern]) => method === req.method && pattern.test(req.path))?.[2] ?? null;
  }

  encodeError(err: SandboxError): RestResponse {
    return {
      status: err.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.code },
      body: JSON.stringify({ Message: err.message, message: err.message, ...err.extra }),
    };
  }

  handle(operation: string, req: RestRequest, ctx: CallContext): RestResponse {
    if (ctx.region !== ARC_CONFIG_REGION) {
      throw new SandboxError(
        'UnknownEndpointException',
        `The ARC control-config API is served in ${ARC_CONFIG_REGION} only (the API reference: "you must specify the US West (Oregon) Region"); this call was signed for ${ctx.region}.`,
        404,
      );
    }
    const arn = ROUTES.find(([, pattern, op]) => op === operation)?.[1].exec(req.path)?.[1] ?? '';
    const output = this.answer(operation, arn, req, ctx);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(output) };
  }

  snapshot(): JsonValue {
    return this.store.snapshot();
  }

  restore(snapshot: JsonValue): void {
    this.store.restore(snapshot);
  }

  private answer(operation: string, arn: string, req: RestRequest, ctx: CallContext): JsonObject {
    const q = (key: string) => req.query.get(key) ?? undefined;
    switch (operation) {
      case 'DescribeCluster':
        return { Cluster: this.clusterOut(this.store.cluster(arn), req) };
      case 'ListClusters': {
        const { items, NextToken } = page(this.store.clusters(), q('MaxResults'), q('NextToken'));
        return { Clusters: items.map((c) => this.clusterOut(c, req)), ...(NextToken && { NextToken }) };
      }
      case 'ListControlPanels': {
        const clusterArn = q('ClusterArn');
        if (clusterArn !== undefined) this.store.cluster(clusterArn);
        const { items, NextToken } = page(this.store.panels(clusterArn), q('MaxResults'), q('NextToken'));
        return { ControlPanels: items.map((p) => this.panelOut(p)), ...(NextToken && { NextToken }) };
      }
      case 'DescribeControlPanel':
        return { ControlPanel: this.panelOut(this.store.panel(arn)) };
      case 'ListRoutingControls': {
        this.store.panel(arn);
        const { items, NextToken } = page(this.store.controls(arn), q('MaxResults'), q('NextToken'));
        return { RoutingControls: items.map(controlOut), ...(NextToken && { NextToken }) };
      }
      case 'ListSafetyRules': {
        this.store.panel(arn);
        const { items, NextToken } = page(this.store.rules(arn), q('MaxResults'), q('NextToken'));
        return { SafetyRules: items.map((r) => ({ [r.kind]: ruleOut(r) })), ...(NextToken && { NextToken }) };
      }
      case 'DescribeRoutingControl':
        return { RoutingControl: controlOut(this.store.control(arn)) };
      case 'ListAssociatedRoute53HealthChecks': {
        this.store.control(arn);
        const { items, NextToken } = page(this.healthChecksFor(arn), q('MaxResults'), q('NextToken'));
        return { HealthCheckIds: items, ...(NextToken && { NextToken }) };
      }
      case 'DescribeSafetyRule': {
        const rule = this.store.rule(arn);
        if (!rule) throw new SandboxError('ResourceNotFoundException', `Safety rule ${arn} was not found.`, 404);
        return { [rule.kind === 'ASSERTION' ? 'AssertionRule' : 'GatingRule']: ruleOut(rule) };
      }
      default:
        return this.create(operation, parseBody(req.body), req, ctx);
    }
  }

  private create(operation: string, input: JsonObject, req: RestRequest, ctx: CallContext): JsonObject {
    switch (operation) {
      case 'CreateCluster':
        return { Cluster: this.clusterOut(this.store.createCluster(ctx.accountId, name(input, 'ClusterName')).cluster, req) };
      case 'CreateControlPanel':
        return { ControlPanel: this.panelOut(this.store.createPanel(ctx.accountId, String(input.ClusterArn ?? ''), name(input, 'ControlPanelName'))) };
      case 'CreateRoutingControl': {
        const clusterArn = String(input.ClusterArn ?? '');
        this.store.cluster(clusterArn);
        const panelArn =
          typeof input.ControlPanelArn === 'string' ? input.ControlPanelArn : this.store.panels(clusterArn).find((p) => p.isDefault)?.arn ?? '';
        const panel = this.store.panel(panelArn);
        if (panel.clusterArn !== clusterArn) throw validation(`Control panel ${panelArn} is not on cluster ${clusterArn}.`);
        return { RoutingControl: controlOut(this.store.createControl(ctx.accountId, panelArn, name(input, 'RoutingControlName'), ctx.now)) };
      }
      case 'CreateSafetyRule': {
        const assertion = input.AssertionRule as JsonObject | undefined;
        const gating = input.GatingRule as JsonObject | undefined;
        if (!assertion === !gating) throw validation('Specify exactly one of AssertionRule and GatingRule.');
        const rule = (assertion ?? gating) as JsonObject;
        const panelArn = String(rule.ControlPanelArn ?? '');
        const controls = this.controlList(assertion ? rule.AssertedControls : rule.GatingControls, panelArn, assertion ? 'AssertedControls' : 'GatingControls');
        const targets = gating ? this.controlList(rule.TargetControls, panelArn, 'TargetControls') : [];
        const created = this.store.createRule(ctx.accountId, {
          panelArn,
          kind: assertion ? 'ASSERTION' : 'GATING',
          name: name(rule, 'Name'),
          config: ruleConfig(rule.RuleConfig),
          controls,
          targets,
          waitPeriodMs: Number.isInteger(rule.WaitPeriodMs) && rule.WaitPeriodMs >= 0 ? rule.WaitPeriodMs : (() => { throw validation('WaitPeriodMs must be a whole number of milliseconds, 0 or more.'); })(),
        });
        return { [assertion ? 'AssertionRule' : 'GatingRule']: ruleOut(created) };
      }
      default:
        throw new SandboxError('UnknownOperationException', `${operation} is not served by the sandbox's ARC control-config API.`, 404);
    }
  }

  /** Safety rules reference routing controls of their own control panel. [INF] */
  private controlList(value: unknown, panelArn: string, field: string): string[] {
    this.store.panel(panelArn);
    if (!Array.isArray(value) || value.length === 0) throw validation(`${field} must list at least one routing control ARN.`);
    for (const arn of value) {
      const control = typeof arn === 'string' ? this.store.findControl(arn) : undefined;
      if (!control || control.panelArn !== panelArn) throw validation(`${field}: ${JSON.stringify(arn)} is not a routing control of control panel ${panelArn}.`);
    }
    return value as string[];
  }

  private clusterOut(cluster: ClusterRecord, req: RestRequest): JsonObject {
    const host = Array.isArray(req.headers.host) ? req.headers.host[0] : req.headers.host;
    const base = `http://${host ?? '127.0.0.1:4566'}`;
    return {
      ClusterArn: cluster.arn,
      ClusterEndpoints: ARC_ENDPOINT_REGIONS.map((region) => ({ Endpoint: arcEndpointUrl(base, cluster.id, region), Region: region })),
      Name: cluster.name,
      Status: 'DEPLOYED',
    };
  }

  private panelOut(panel: PanelRecord): JsonObject {
    return {
      ClusterArn: panel.clusterArn,
      ControlPanelArn: panel.arn,
      DefaultControlPanel: panel.isDefault,
      Name: panel.name,
      RoutingControlCount: this.store.controls(panel.arn).length,
      Status: 'DEPLOYED',
    };
  }
}

function controlOut(control: ControlRecord): JsonObject {
  return { ControlPanelArn: control.panelArn, Name: control.name, RoutingControlArn: control.arn, Status: 'DEPLOYED' };
}

function ruleOut(rule: RuleRecord): JsonObject {
  const common = { ControlPanelArn: rule.panelArn, Name: rule.name, RuleConfig: rule.config, SafetyRuleArn: rule.arn, Status: 'DEPLOYED', WaitPeriodMs: rule.waitPeriodMs };
  return rule.kind === 'ASSERTION' ? { ...common, AssertedControls: rule.controls } : { ...common, GatingControls: rule.controls, TargetControls: rule.targets };
}

function ruleConfig(value: unknown): RuleRecord['config'] {
  const c = (value ?? {}) as JsonObject;
  const types: RuleType[] = ['ATLEAST', 'AND', 'OR'];
  if (!types.includes(c.Type)) throw validation('RuleConfig.Type must be ATLEAST, AND or OR.');
  if (!Number.isInteger(c.Threshold) || c.Threshold < 0) throw validation('RuleConfig.Threshold must be a whole number, 0 or more.');
  if (typeof c.Inverted !== 'boolean') throw validation('RuleConfig.Inverted must be true or false.');
  return { Type: c.Type, Threshold: c.Threshold, Inverted: c.Inverted };
}
