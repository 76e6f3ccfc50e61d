/**
 * The few reads mrrctl makes from ARC's control-config API (restJson1, us-west-2 only; aws-conformance G3):
 * DescribeCluster (the endpoints), ListSafetyRules (names ↔ ARNs), DescribeRoutingControl and
 * ListAssociatedRoute53HealthChecks (preflight). The SDK client for this API is a devDependency only
 * (the registry's newest is 3.332 from 2023 and pulls 85 packages, over the runtime budget), so each
 * read is a GET built here, signed by the SDK's own SigV4 signer and sent through its own HTTP handler
 * (AwsClients.arcControlConfig). The tests drive the real control-config client against the sandbox
 * next to this one to prove the wire is the same (test/aws/arc-control-config.test.ts).
 */
import { collectBody, HttpRequest } from '@smithy/core/protocols';
import type { AwsClients } from './clients.js';

export interface ArcClusterDescription {
  arn: string;
  name?: string;
  status?: string;
  endpoints: Array<{ region: string; url: string }>;
}

export interface ArcSafetyRule {
  kind: 'ASSERTION' | 'GATING';
  name: string;
  arn: string;
  controlPanelArn: string;
  /** ASSERTION: the asserted controls; GATING: the gating controls. */
  controls: string[];
  /** GATING: the controls the gate allows to change. */
  targets: string[];
  /** How long after a change to its controls the rule blocks another one (ms), when the API says. */
  waitPeriodMs?: number;
}

export interface ArcRoutingControl {
  arn: string;
  name?: string;
  controlPanelArn?: string;
  status?: string;
}

/** An error answered by the control-config API (its error type and message). */
export class ArcConfigError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = errorName;
  }
}

type Json = Record<string, unknown>;

export { controlPanelOf } from '../core/dns/arc-panel.js';

/** restJson1 error type: the x-amzn-errortype header, else the body's __type/code (the part before ':' or after '#'). */
function errorName(headers: Record<string, string>, body: Json): string {
  const raw = headers['x-amzn-errortype'] ?? (body.__type as string | undefined) ?? (body.code as string | undefined) ?? 'UnknownError';
  return String(raw).split(':')[0]!.split('#').pop()!;
}

export interface ArcControlConfigReader {
  describeCluster(clusterArn: string): Promise<ArcClusterDescription>;
  listSafetyRules(controlPanelArn: string): Promise<ArcSafetyRule[]>;
  describeRoutingControl(arn: string): Promise<ArcRoutingControl>;
  listAssociatedHealthChecks(routingControlArn: string): Promise<string[]>;
}

export function arcControlConfig(clients: AwsClients): ArcControlConfigReader {
  async function get(path: string, query: Record<string, string> = {}): Promise<Json> {
    const { url, client } = await clients.arcControlConfig();
    const base = new URL(url);
    const config = client.config as unknown as {
      signer: () => Promise<{ sign(request: HttpRequest, options?: Json): Promise<HttpRequest> }>;
      requestHandler: { handle(request: HttpRequest): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }> };
    };
    const request = new HttpRequest({
      method: 'GET',
      protocol: base.protocol,
      hostname: base.hostname,
      ...(base.port ? { port: Number(base.port) } : {}),
      path: `${base.pathname.replace(/\/$/, '')}${path}`,
      query,
      headers: { host: base.host, accept: 'application/json' },
    });
    const signer = await config.signer();
    const signed = await signer.sign(request);
    const { response } = await config.requestHandler.handle(signed);
    // The SDK's own body collector (the client's stream collector), as its generated clients use.
    const text = new TextDecoder().decode(await collectBody(response.body, client.config as unknown as Parameters<typeof collectBody>[1]));
    let body: Json = {};
    try {
      body = text.trim() === '' ? {} : (JSON.parse(text) as Json);
    } catch {
      body = { message: text.slice(0, 200) };
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      throw new ArcConfigError(errorName(headers, body), String(body.message ?? body.Message ?? `HTTP ${response.statusCode}`), response.statusCode);
    }
    return body;
  }

  /** Every page of a list (NextToken), bounded: a control panel holds a few dozen rules at most. */
  async function pages<T>(path: string, key: string): Promise<T[]> {
    const out: T[] = [];
    let token: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await get(path, { MaxResults: '100', ...(token ? { NextToken: token } : {}) });
      out.push(...(((page[key] as T[] | undefined) ?? []) as T[]));
      token = typeof page.NextToken === 'string' && page.NextToken !== '' ? page.NextToken : undefined;
      if (!token) break;
    }
    return out;
  }

  const label = (arn: string) => `/${encodeURIComponent(arn)}`;

  return {
    async describeCluster(clusterArn) {
      const c = ((await get(`/cluster${label(clusterArn)}`)).Cluster ?? {}) as Json;
      const endpoints = ((c.ClusterEndpoints as Json[] | undefined) ?? []).map((e) => ({ region: String(e.Region ?? ''), url: String(e.Endpoint ?? '') }));
      return { arn: String(c.ClusterArn ?? clusterArn), ...(c.Name ? { name: String(c.Name) } : {}), ...(c.Status ? { status: String(c.Status) } : {}), endpoints };
    },
    async listSafetyRules(controlPanelArn) {
      const rules = await pages<Json>(`/controlpanel${label(controlPanelArn)}/safetyrules`, 'SafetyRules');
      return rules.flatMap((r): ArcSafetyRule[] => {
        const a = r.ASSERTION as Json | undefined;
        const g = r.GATING as Json | undefined;
        const wait = (x: Json) => (typeof x.WaitPeriodMs === 'number' ? { waitPeriodMs: x.WaitPeriodMs } : {});
        if (a) return [{ kind: 'ASSERTION', name: String(a.Name), arn: String(a.SafetyRuleArn), controlPanelArn: String(a.ControlPanelArn), controls: (a.AssertedControls as string[]) ?? [], targets: [], ...wait(a) }];
        if (g) return [{ kind: 'GATING', name: String(g.Name), arn: String(g.SafetyRuleArn), controlPanelArn: String(g.ControlPanelArn), controls: (g.GatingControls as string[]) ?? [], targets: (g.TargetControls as string[]) ?? [], ...wait(g) }];
        return [];
      });
    },
    async describeRoutingControl(arn) {
      const c = ((await get(`/routingcontrol${label(arn)}`)).RoutingControl ?? {}) as Json;
      return { arn: String(c.RoutingControlArn ?? arn), ...(c.Name ? { name: String(c.Name) } : {}), ...(c.ControlPanelArn ? { controlPanelArn: String(c.ControlPanelArn) } : {}), ...(c.Status ? { status: String(c.Status) } : {}) };
    },
    async listAssociatedHealthChecks(routingControlArn) {
      return pages<string>(`/routingcontrol${label(routingControlArn)}/associatedRoute53HealthChecks`, 'HealthCheckIds');
    },
  };
}
