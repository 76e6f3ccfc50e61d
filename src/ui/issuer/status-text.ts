/**
 * `issuer status` as text: what could not be read first (each "unreadable: …" line, and which Region
 * answered when the primary did not), then the issuer type, then each Region's issuer URL and checks.
 */
import type { IssuerStatus } from '../../core/issuer/status.js';

export function renderIssuerStatus(status: IssuerStatus): string[] {
  const lines = status.unreadable.map((u) => u.message);
  if (status.type === null) {
    lines.push(`Issuer of ${status.userPoolId}: unknown (the pool could be read in no Region)`);
    return lines;
  }
  if (status.stale) lines.push(`answered by ${status.answeredBy} (the primary did not answer): the view may be stale`);
  lines.push(`Issuer of ${status.userPoolId}: ${status.type}`);
  if (status.type === 'UPDATED') lines.push('  One issuer for every Region that hosts the pool; tokens validate in both Regions.');
  else lines.push('  Each Region has its own issuer and JWKS: tokens are bound to the Region that minted them.');
  for (const r of status.regions) {
    const state = r.role === 'primary' ? r.replicaStatus : r.replicaStatus === 'none' ? 'no replica' : `replica ${r.replicaStatus}`;
    lines.push(`${r.region} (${r.role}, ${state})`);
    lines.push(`  issuer: ${r.issuer}`);
    if (!r.hosted) {
      lines.push(
        r.replicaStatus === 'unknown'
          ? '  - not probed: its replica status could not be read'
          : '  - not probed: the pool is not served in this Region (no INACTIVE or ACTIVE replica)',
      );
      continue;
    }
    for (const c of r.checks) lines.push(`  ${c.status === 'pass' ? '✓' : '✗'} ${c.message}`);
  }
  const jwksDown = status.regions.some((r) => r.hosted && r.checks.some((c) => c.id.endsWith('.jwks') && c.status === 'fail'));
  if (jwksDown) lines.push('JWKS unreachable in a Region that hosts the pool: token validation fails there.');
  return lines;
}
