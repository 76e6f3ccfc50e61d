/**
 * preflight's checks for dns.strategy arc-routing-control (pure, from ArcPreflightObservation): every
 * configured cluster endpoint answers (one down is a warning while at least three of five answer: ARC
 * keeps three available, aws-conformance G3), the records at dns.recordName carry RECOVERY_CONTROL health
 * checks bound to the configured routing controls, the configured safety rules exist, and endpoints
 * missing from the config are read with DescribeCluster into a remedy line. What could not be read is
 * said as "unreadable: <service> <operation> in <Region>: <error>".
 */
import type { ArcConfig } from '../config/schema.js';
import type { Check } from './checks.js';

export interface ArcPreflightObservation {
  /** Per configured endpoint: undefined error = it answered GetRoutingControlState. */
  endpoints: Array<{ region: string; url: string; error?: string }>;
  /** DescribeCluster's endpoints, read when the config has none. */
  described?: { endpoints: Array<{ region: string; url: string }>; error?: string };
  /** The records at dns.recordName with their health check: its type and routing control. */
  records?: { items: Array<{ record: string; healthCheckId?: string; type?: string; routingControlArn?: string }>; error?: string };
  /** ListSafetyRules of the routing controls' control panel. */
  rules?: { names: string[]; error?: string };
}

/** ARC keeps at least three of the cluster's five endpoints available. */
export const ARC_MIN_ENDPOINTS = 3;

const check = (id: string, status: Check['status'], evidence: string, remedy?: string): Check => (remedy && status !== 'pass' ? { id, status, evidence, remedy } : { id, status, evidence });

function endpointCheck(arc: ArcConfig, o: ArcPreflightObservation): Check {
  if ((arc.endpoints ?? []).length === 0) {
    const d = o.described;
    if (d && !d.error && d.endpoints.length > 0) {
      const yaml = d.endpoints.map((e) => `{ region: ${e.region}, url: ${e.url} }`).join(', ');
      return check('arc.endpoints', 'fail', `dns.arc.endpoints lists no endpoint; DescribeCluster lists ${d.endpoints.length}: ${d.endpoints.map((e) => e.region).join(', ')}`, `record them ahead of an event: dns.arc.endpoints: [${yaml}]`);
    }
    return check('arc.endpoints', 'fail', `dns.arc.endpoints lists no endpoint${d?.error ? `, and ${d.error}` : ''}`, `record the cluster's five endpoints: \`aws route53-recovery-control-config describe-cluster --cluster-arn ${arc.clusterArn} --region us-west-2\``);
  }
  const up = o.endpoints.filter((e) => e.error === undefined);
  const down = o.endpoints.filter((e) => e.error !== undefined);
  const downText = down.map((e) => `${e.region} (${e.error})`).join('; ');
  if (down.length === 0) return check('arc.endpoints', 'pass', `all ${up.length} cluster endpoints answer: ${up.map((e) => e.region).join(', ')}`);
  if (up.length >= ARC_MIN_ENDPOINTS) {
    return check('arc.endpoints', 'warn', `${up.length} of ${o.endpoints.length} cluster endpoints answer; not: ${downText}`, 'ARC cycles endpoints through maintenance; failover rotates past them. Check the network path if it persists');
  }
  return check('arc.endpoints', 'fail', `only ${up.length} of ${o.endpoints.length} cluster endpoints answer (ARC keeps ${ARC_MIN_ENDPOINTS} available); not: ${downText}`, 'check dns.arc.endpoints against DescribeCluster and the network path (proxy, firewall) to them');
}

function recordsCheck(arc: ArcConfig, recordName: string, o: ArcPreflightObservation): Check {
  if (!o.records || o.records.error) return check('arc.records', 'warn', o.records?.error ?? 'the records were not read', `re-run when Route 53's control plane answers`);
  const missing: string[] = [];
  const bound: string[] = [];
  for (const [region, arn] of Object.entries(arc.routingControls)) {
    const r = o.records.items.find((i) => i.type === 'RECOVERY_CONTROL' && i.routingControlArn === arn);
    if (r) bound.push(`${region} → ${r.record} (health check ${r.healthCheckId})`);
    else missing.push(`${region} (${arn})`);
  }
  if (missing.length === 0) return check('arc.records', 'pass', `${recordName}: RECOVERY_CONTROL health checks follow the routing controls: ${bound.join(', ')}`);
  return check(
    'arc.records',
    'fail',
    `${recordName}: no record carries a RECOVERY_CONTROL health check bound to the routing control of ${missing.join(', ')}${bound.length ? `; bound: ${bound.join(', ')}` : ''}`,
    "create a RECOVERY_CONTROL health check per routing control (RoutingControlArn) and attach it to that Region's record: otherwise turning the control On or Off moves nothing",
  );
}

function rulesCheck(arc: ArcConfig, o: ArcPreflightObservation): Check {
  const wanted = arc.safetyRules ?? [];
  if (wanted.length === 0) return check('arc.safety-rules', 'warn', 'dns.arc.safetyRules is empty', 'an assertion rule "at least one On" keeps a failover from turning every Region Off; list it in dns.arc.safetyRules');
  if (!o.rules || o.rules.error) return check('arc.safety-rules', 'warn', o.rules?.error ?? 'the safety rules were not read', 're-run when the us-west-2 control-config API answers');
  const missing = wanted.filter((n) => !o.rules!.names.includes(n));
  if (missing.length === 0) return check('arc.safety-rules', 'pass', `safety rules exist: ${wanted.join(', ')}`);
  return check('arc.safety-rules', 'fail', `no safety rule named ${missing.join(', ')} on the control panel (its rules: ${o.rules.names.join(', ') || 'none'})`, 'fix dns.arc.safetyRules or create the rule');
}

export function arcPreflightChecks(arc: ArcConfig, recordName: string, o: ArcPreflightObservation): Check[] {
  return [endpointCheck(arc, o), recordsCheck(arc, recordName, o), rulesCheck(arc, o)];
}
