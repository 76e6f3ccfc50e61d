/** The `health` report as a plain-text table: both Regions side by side, then problems and the verdict. */
import type { HealthReport, RegionHealthRow } from '../../core/health/report.js';
import { probeOutcome } from '../../core/issuer/checks.js';

function healthCheckCell(r: RegionHealthRow): string {
  const hc = r.healthCheck;
  if (!hc) return 'not configured';
  if (hc.healthy === null) return 'unreadable';
  return `${hc.healthyCheckers}/${hc.checkers} ok${hc.inverted ? ' (inv)' : ''}`;
}

function probeCell(p: { ok: boolean; status: number | null; latencyMs: number; error: { name: string } | null } | null): string {
  if (!p) return '-';
  return p.ok ? `${p.status} ${Math.round(p.latencyMs)} ms` : (p.error?.name ?? 'failed');
}

function tokenCell(r: RegionHealthRow): string {
  if (!r.token) return 'skipped';
  if (!r.token.token.ok) return r.token.token.error?.name ?? 'failed';
  if (r.token.verification && !r.token.verification.ok) return `unverified`;
  return `${r.token.token.status} ${Math.round(r.token.token.latencyMs)} ms`;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
}

/**
 * arc-routing-control: the records' health checks follow the routing controls, so the Region's column
 * is its routing control state; a Region health check configured as well keeps its own column.
 */
function checkColumns(report: HealthReport): Array<{ header: string; cell: (r: RegionHealthRow) => string }> {
  const healthCheck = { header: 'HEALTH CHECK', cell: healthCheckCell };
  const arc = report.routingControls;
  if (!arc) return [healthCheck];
  const control = { header: 'ROUTING CONTROL', cell: (r: RegionHealthRow) => arc.states?.[r.region] ?? 'unreadable' };
  return report.regions.some((r) => r.healthCheck) ? [healthCheck, control] : [control];
}

export function renderHealthText(report: HealthReport): string[] {
  const checks = checkColumns(report);
  const header = ['REGION', 'ROLE', 'REPLICA', ...checks.map((c) => c.header), 'DISCOVERY', 'JWKS', 'TOKEN', 'STATUS'];
  const rows = report.regions.map((r) => [
    r.region,
    r.role,
    r.replicaStatus ?? (r.verdict === 'absent' ? 'none' : '?'),
    ...checks.map((c) => c.cell(r)),
    probeCell(r.discovery),
    r.jwks?.ok ? `${probeCell(r.jwks)} (${r.jwks.keyCount} key${r.jwks.keyCount === 1 ? '' : 's'})` : probeCell(r.jwks),
    tokenCell(r),
    r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const lines = [pad(header, widths), ...rows.map((row) => pad(row, widths))];
  if (report.issuer) {
    const d = report.issuer.discovery;
    lines.push('', `issuer (${report.issuer.type}): ${report.issuer.url}${d ? ` — discovery ${d.ok && d.issuer === report.issuer.url ? 'ok' : 'FAILED'}: ${probeOutcome({ ...d, status: d.status ?? undefined, error: d.error ?? undefined })}` : ''}`);
  }
  if (report.routingControls) lines.push('', report.routingControls.evidence);
  for (const r of report.regions) {
    for (const problem of r.problems) lines.push(`✗ ${r.region}: ${problem}`);
    if (r.healthCheck && r.healthCheck.healthy === null && r.healthCheck.error) lines.push(`- ${r.region}: health check ${r.healthCheck.id} unreadable: ${r.healthCheck.error}`);
    if (r.tokenSkipped && r.verdict !== 'absent') lines.push(`- ${r.region}: token not checked: ${r.tokenSkipped}`);
  }
  const unhealthy = report.regions.filter((r) => r.verdict === 'unhealthy').map((r) => r.region);
  if (report.issuerOk === false) unhealthy.push('the issuer');
  // Health-check status comes from Route 53's control plane: when it cannot be read, say so — a
  // failover could not move DNS right now either (docs/runbook.md has the data-plane alternative).
  const unreadable = report.regions.filter((r) => r.healthCheck && r.healthCheck.healthy === null && r.healthCheck.error).map((r) => r.region);
  let caveat = unreadable.length > 0 ? ` Route 53 health checks unreadable for ${unreadable.join(', ')}: a failover could not move DNS now (see docs/runbook.md).` : '';
  // The same for the cluster: a failover sets the routing controls through an endpoint that answers.
  if (report.routingControls && report.routingControls.states === null) caveat += ' No ARC cluster endpoint answered: a failover could not move traffic now (see docs/runbook.md).';
  lines.push('', report.healthy ? `All Regions healthy.${caveat}` : `Unhealthy: ${unhealthy.join(', ')}.${caveat}`);
  return lines;
}
