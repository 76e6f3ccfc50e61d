/**
 * `status` as plain text, and the few words per field the plain table and the ink dashboard share.
 * Every part is always shown: what could not be read says "unknown (why)", never disappears.
 */
import type { DnsServing, DriftCounts, FailoverSummary, LockSummary, RegionHealthSummary, RegionStatus, StatusReport } from '../../core/status/status.js';

const unknown = (why: string | null) => `unknown (${why ?? 'not read'})`;

/** What DNS does for one Region, in a few words: "weight 100, serving", "standby", "unknown". */
export function regionDnsText(r: StatusReport, region: string): string {
  const dns = r.dns;
  if (dns.strategy === null || dns.shares === null) return 'unknown';
  const serving = dns.serving === region;
  if (dns.strategy === 'weighted') return `weight ${dns.weights?.[region] ?? 0}${serving ? ', serving' : ''}`;
  return serving ? 'serving' : 'standby';
}

/** "weighted: serving us-east-1 (us-east-1 weight 100, eu-west-1 weight 0)" or "… serving unknown (why)". */
export function describeDns(dns: DnsServing): string {
  if (dns.strategy === null) return unknown(dns.servingUnknown);
  if (dns.serving === null) return `${dns.strategy}: serving ${unknown(dns.servingUnknown)}`;
  return `${dns.strategy}: serving ${dns.serving}${dns.evidence ? ` (${dns.evidence})` : ''}`;
}

export function describeHealth(region: Pick<RegionStatus, 'health' | 'healthUnknown'>): string {
  const h: RegionHealthSummary | null = region.health;
  if (h === null) return unknown(region.healthUnknown);
  return h.problems.length > 0 ? `${h.verdict}: ${h.problems.join('; ')}` : h.verdict;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The counts and when they were checked: the time, or — given `now` (the --watch dashboard, whose
 * refreshes reuse the counts for up to a minute) — their age in seconds, "quick check, 40 s ago".
 */
export function describeDrift(d: DriftCounts | null, why: string | null = null, now?: Date): string {
  if (d === null) return unknown(why);
  const counts = `${plural(d.errors, 'error')}, ${plural(d.warnings, 'warning')}, ${d.infos} info${d.allowed > 0 ? `, ${d.allowed} allowed` : ''}`;
  const checked = Date.parse(d.checkedAt);
  const when = now && Number.isFinite(checked) ? `, ${Math.max(0, Math.floor((now.getTime() - checked) / 1000))} s ago` : ` at ${d.checkedAt}`;
  return `${counts} (quick check${when}; \`mrrctl drift\` lists them)`;
}

export function describeFailover(f: FailoverSummary | null, why: string | null = null): string {
  if (f === null) return why === null ? 'none recorded' : unknown(why);
  const checks = f.checks === 'passed' ? 'checks passed' : 'checks not on record';
  return `${f.kind} ${f.from} → ${f.to} at ${f.time} by ${f.actor || 'unknown'}: "${f.reason}" (${checks})`;
}

export function describeLock(l: LockSummary | null, why: string | null = null): string {
  if (l === null) return why === null ? 'free' : unknown(why);
  const owner = l.pid !== null ? ` (pid ${l.pid}${l.host ? ` on ${l.host}` : ''}${l.run ? `, run ${l.run}` : ''})` : '';
  const what = `${l.command ?? 'unknown command'}${l.reason ? `, reason "${l.reason}"` : ''}`;
  const end = l.expires === null ? 'no readable expiry' : l.expired ? `EXPIRED at ${l.expires} (\`--break-lock\` may remove it)` : `lease ends ${l.expires}`;
  return `held by ${l.holder}${owner} since ${l.since} (${what}); ${end}${l.ownerGone ? `; owner gone: ${l.ownerGone}` : ''}`;
}

/** The key line: "CUSTOMER_MANAGED_KEY arn:…" or "unknown (why)". */
export function describeKey(r: StatusReport): string {
  if (r.key === null) return unknown(r.poolUnknown);
  return `${r.key.type}${r.key.arn ? ` ${r.key.arn}` : ''}`;
}

export function regionState(region: RegionStatus): string {
  return !region.reachable ? 'UNREACHABLE' : (region.status ?? 'no replica');
}

export function renderStatusText(r: StatusReport): string[] {
  const lines = [`User pool ${r.userPoolId} (${r.tier ?? 'tier unknown'})`];
  lines.push('  REGION          ROLE       STATUS     ISSUER');
  for (const region of r.regions) {
    lines.push(`  ${region.region.padEnd(15)} ${region.role.padEnd(10)} ${regionState(region).padEnd(10)} ${region.issuerUrl ?? '-'}`);
    if (region.error) lines.push(`    ${region.error}`);
    lines.push(`    health ${describeHealth(region)}`);
  }
  if (r.poolReadFrom !== null && r.poolReadFrom !== r.regions[0]?.region) lines.push(`  pool    read from ${r.poolReadFrom}`);
  lines.push(`  key     ${describeKey(r)}`);
  lines.push(`  issuer  ${r.issuer === null ? unknown(r.poolUnknown) : `${r.issuer.type} ${r.issuer.url}`}`);
  lines.push(`  dns     ${describeDns(r.dns)}`);
  lines.push(`  drift   ${describeDrift(r.drift, r.driftUnknown)}`);
  lines.push(`  last failover  ${describeFailover(r.lastFailover, r.lastFailoverUnknown)}`);
  lines.push(`  lock    ${describeLock(r.lock, r.lockUnknown)}`);
  return lines;
}
