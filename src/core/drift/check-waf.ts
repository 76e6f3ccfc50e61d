/**
 * WAF: a web ACL associated with the primary's pool needs one on the secondary's pool with equivalent
 * rules (names, priorities, actions, statement shapes; ARN Regions ignored) and the same default
 * action. Web ACLs are Regional, so the counterpart is the secondary-Region ACL of the same name.
 */
import { sameJson, type FindingCollector } from './collector.js';
import { ruleShapes } from './counterparts.js';
import type { WebAcl } from '../ports/parity.js';
import { resourceKey, unreadResource, type DriftObservation } from './types.js';

export function equivalentAcls(a: WebAcl, b: WebAcl): boolean {
  return sameJson(ruleShapes(a.Rules), ruleShapes(b.Rules)) && sameJson(a.DefaultAction ?? null, b.DefaultAction ?? null);
}

function shape(acl: WebAcl) {
  return { Name: acl.Name, DefaultAction: acl.DefaultAction ?? null, Rules: ruleShapes(acl.Rules) };
}

/** The secondary-Region ACL named like the primary's, when one exists. */
export function counterpartAcl(o: DriftObservation): WebAcl | undefined {
  const name = o.primary.webAcl?.Name;
  return name ? (o.resources.webAcls[resourceKey(o.secondaryRegion, name)] ?? undefined) : undefined;
}

export function checkWaf(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const p = o.primary.webAcl;
  const s = o.secondary.webAcl;
  if (!p && !s) return;
  const c = out.check('waf.WebACL', 'waf', 'Web ACL association');
  const path = 'secondary.WebACL';
  if (!p && s) {
    c.add('MRR_DRIFT_I704', { region: S, path, primary: null, secondary: s.ARN, remedy: `associate a web ACL with the pool in ${P} too`, message: `web ACL ${s.Name} protects the pool in ${S}; none protects it in ${P}` });
    return;
  }
  if (!p) return;
  const counterpart = counterpartAcl(o);
  const ready = counterpart !== undefined && equivalentAcls(p, counterpart);
  const fix = counterpart
    ? ready
      ? `run \`mrrctl drift fix\` to associate ${counterpart.ARN}`
      : `make the rules of ${counterpart.Name} in ${S} match ${P}'s, then run \`mrrctl drift fix\``
    : `create web ACL ${p.Name} in ${S} with the same rules, then run \`mrrctl drift fix\``;
  if (!s) {
    c.add('MRR_DRIFT_E701', { region: S, path, primary: p.ARN, secondary: null, fixable: ready, remedy: fix, message: `web ACL ${p.Name} protects the pool in ${P}; nothing protects it in ${S}` });
  } else if (!equivalentAcls(p, s)) {
    c.add('MRR_DRIFT_W703', { region: S, path: `${path}.Rules`, primary: shape(p), secondary: shape(s), fixable: ready && s.ARN !== counterpart?.ARN, remedy: `align the rules of ${s.Name} in ${S} with ${p.Name} in ${P}, or allow the difference in drift.allow`, message: `web ACL ${s.Name} in ${S} filters with other rules than ${p.Name} in ${P}` });
  }

  const r = out.check(`resource.web-acl:${p.Name}`, 'waf', `Web ACL ${p.Name}`);
  const unread = p.Name ? unreadResource(o, 'webAcl', S, p.Name) : undefined;
  if (unread) {
    r.unreadable(unread);
  } else if (!counterpart) {
    r.add('MRR_DRIFT_E702', { region: S, path: `secondary.resources.web-acl:${p.Name}`, primary: p.ARN, secondary: null, remedy: `create web ACL ${p.Name} in ${S} with the rules it has in ${P} (drift fix cannot create web ACLs)`, message: `no web ACL named ${p.Name} exists in ${S}` });
  } else if (!equivalentAcls(p, counterpart) && counterpart.ARN !== s?.ARN) {
    r.add('MRR_DRIFT_W703', { region: S, path: `secondary.resources.web-acl:${p.Name}.Rules`, primary: shape(p), secondary: shape(counterpart), remedy: `align the rules of ${p.Name} in ${S} with ${P}'s`, message: `web ACL ${p.Name} in ${S} filters with other rules than in ${P}` });
  }
}
