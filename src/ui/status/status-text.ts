/** `status` as plain text, and the few words per field the plain table and the ink dashboard share. */
import type { FailoverSummary, RegionHealthSummary, StatusReport } from '../../core/status/status.js';

/** What DNS does for one Region, in a few words: "weight 100, serving", "standby". */
export function regionDnsText(r: StatusReport, region: string): string | undefined {
  if (!r.dns || 'error' in r.dns) return undefined;
  const serving = r.dns.serving.includes(region);
  if (r.dns.strategy === 'weighted') return `weight ${r.dns.weights?.[region] ?? 0}${serving ? ', serving' : ''}`;
  return serving ? 'serving' : 'standby';
}

export function describeHealth(h: RegionHealthSummary): string {
  return h.problems && h.problems.length > 0 ? `${h.status}: ${h.problems.join('; ')}` : h.status;
}

export function describeDrift(d: NonNullable<StatusReport['drift']>): string {
  if ('error' in d) return `unreadable: ${d.error}`;
  const counts = d.errors === 0 && d.warnings === 0 ? 'none' : `${d.errors} error(s), ${d.warnings} warning(s)`;
  return `${counts}${d.checkedAt ? ` (checked ${d.checkedAt})` : ''}`;
}

export function describeFailover(f: FailoverSummary | null): string {
  if (f === null) return 'none recorded';
  return `${f.kind} ${f.from} → ${f.to} at ${f.time}${f.actor ? ` by ${f.actor}` : ''}${f.reason ? ` ("${f.reason}")` : ''}`;
}

export function describeLock(l: NonNullable<StatusReport['lock']> | null): string {
  if (l === null) return 'free';
  if ('error' in l) return `unreadable: ${l.error}`;
  return `held by ${l.holder} since ${l.since}${l.command ? ` (${l.command})` : ''}${l.expires ? `, expires ${l.expires}` : ''}`;
}

export function renderStatusText(r: StatusReport): string[] {
  const lines = [`User pool ${r.userPoolId}${r.tier ? ` (${r.tier})` : ''}`];
  lines.push('  REGION          ROLE       STATUS     ISSUER');
  for (const region of r.regions) {
    const status = !region.reachable ? 'UNREACHABLE' : (region.status ?? 'no replica');
    lines.push(`  ${region.region.padEnd(15)} ${region.role.padEnd(10)} ${status.padEnd(10)} ${region.issuerUrl ?? '-'}`);
    if (region.error) lines.push(`    ${region.error}`);
    if (region.health) lines.push(`    health ${describeHealth(region.health)}`);
  }
  if (r.key) lines.push(`  key     ${r.key.type}${r.key.arn ? ` ${r.key.arn}` : ''}`);
  if (r.issuer) lines.push(`  issuer  ${r.issuer.type} ${r.issuer.url}`);
  if (r.dns) lines.push(`  dns     ${'error' in r.dns ? `unreadable: ${r.dns.error}` : `${r.dns.strategy}: serving ${r.dns.serving.join(', ')} (${r.dns.evidence})`}`);
  if (r.drift) lines.push(`  drift   ${describeDrift(r.drift)}`);
  if (r.lastFailover !== undefined) lines.push(`  last failover  ${describeFailover(r.lastFailover)}`);
  if (r.lock !== undefined) lines.push(`  lock    ${describeLock(r.lock)}`);
  return lines;
}
