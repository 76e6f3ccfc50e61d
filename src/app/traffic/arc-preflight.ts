/**
 * What preflight reads for the arc-routing-control strategy: each configured cluster endpoint alone
 * (GetRoutingControlState, one attempt), the records at dns.recordName and their health checks
 * (Route 53), the control panel's safety rules and, when the config lists no endpoint, DescribeCluster
 * (control-config, us-west-2). Nothing here writes; every read that fails becomes "unreadable: …".
 */
import { arcConfigOf } from '../../core/dns/arc-config.js';
import { controlPanelOf } from '../../core/dns/arc-panel.js';
import { arcPreflightChecks, type ArcPreflightObservation } from '../../core/preflight/arc-checks.js';
import type { Check } from '../../core/preflight/checks.js';
import type { MutationEnv } from '../mutation/definition.js';

const text = (err: unknown) => `${(err as { name?: string }).name ?? 'Error'}: ${(err as { message?: string }).message ?? String(err)}`;

export async function arcPreflight(env: Pick<MutationEnv, 'config' | 'aws' | 'ports'>): Promise<Check[]> {
  const dns = env.config.dns;
  const arc = arcConfigOf(dns);
  if (!dns || !arc) return [];
  const [{ arcCluster }, { arcControlConfig }] = await Promise.all([import('../../aws/arc-cluster.js'), import('../../aws/arc-control-config.js')]);
  const reader = arcControlConfig(env.aws.clients);
  const firstControl = Object.values(arc.routingControls)[0] ?? '';
  const o: ArcPreflightObservation = { endpoints: [] };
  const panels = [...new Set(Object.values(arc.routingControls).map(controlPanelOf).filter((p): p is string => p !== undefined))];
  await Promise.all([
    ...(arc.endpoints ?? []).map(async (e) => {
      try {
        await arcCluster(env.aws.clients, [e], { start: 0 }).getStates([firstControl]);
        o.endpoints.push({ region: e.region, url: e.url });
      } catch (err) {
        const failed = (err as { failed?: Array<{ error: string }> }).failed?.[0]?.error ?? text(err);
        o.endpoints.push({ region: e.region, url: e.url, error: `unreadable: route53-recovery-cluster GetRoutingControlState in ${e.region}: ${failed}` });
      }
    }),
    (arc.endpoints ?? []).length === 0
      ? reader.describeCluster(arc.clusterArn).then(
          (c) => (o.described = { endpoints: c.endpoints }),
          (err) => (o.described = { endpoints: [], error: `unreadable: route53-recovery-control-config DescribeCluster in us-west-2: ${text(err)}` }),
        )
      : undefined,
    Promise.all(panels.map((p) => reader.listSafetyRules(p))).then(
      (rules) => (o.rules = { names: rules.flat().map((r) => r.name) }),
      (err) => (o.rules = { names: [], error: `unreadable: route53-recovery-control-config ListSafetyRules in us-west-2: ${text(err)}` }),
    ),
    (async () => {
      try {
        const records = await env.ports.route53.listRecordSets(dns.hostedZoneId, dns.recordName);
        const items = await Promise.all(
          records
            .filter((r) => r.Type !== 'TXT')
            .map(async (r) => {
              const hc = r.HealthCheckId ? await env.ports.route53.getHealthCheck(r.HealthCheckId) : undefined;
              const cfg = hc?.HealthCheckConfig as { Type?: string; RoutingControlArn?: string } | undefined;
              return { record: r.SetIdentifier ?? r.Type, ...(r.HealthCheckId ? { healthCheckId: r.HealthCheckId } : {}), ...(cfg?.Type ? { type: cfg.Type } : {}), ...(cfg?.RoutingControlArn ? { routingControlArn: cfg.RoutingControlArn } : {}) };
            }),
        );
        o.records = { items };
      } catch (err) {
        o.records = { items: [], error: `unreadable: route53 ListResourceRecordSets in us-east-1: ${text(err)}` };
      }
    })(),
  ]);
  // Report endpoints in the config's order, whatever order they answered in.
  o.endpoints.sort((a, b) => (arc.endpoints ?? []).findIndex((e) => e.url === a.url) - (arc.endpoints ?? []).findIndex((e) => e.url === b.url));
  return arcPreflightChecks(arc, dns.recordName, o);
}
