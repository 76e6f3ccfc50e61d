/** `issuer status` as text: the issuer type, then each Region's issuer URL and its discovery and JWKS checks. */
import type { IssuerStatus } from '../../core/issuer/status.js';

export function renderIssuerStatus(status: IssuerStatus): string[] {
  const lines = [`Issuer of ${status.userPoolId}: ${status.type}`];
  if (status.type === 'UPDATED') lines.push('  One issuer for every Region that hosts the pool; tokens validate in both Regions.');
  else lines.push('  Each Region has its own issuer and JWKS: tokens are bound to the Region that minted them.');
  for (const r of status.regions) {
    const state = r.role === 'primary' ? r.replicaStatus : r.replicaStatus === 'none' ? 'no replica' : `replica ${r.replicaStatus}`;
    lines.push(`${r.region} (${r.role}, ${state})`);
    lines.push(`  issuer: ${r.issuer}`);
    if (!r.hosted) {
      lines.push('  - not probed: the pool is not served in this Region (no INACTIVE or ACTIVE replica)');
      continue;
    }
    for (const c of r.checks) lines.push(`  ${c.status === 'pass' ? '✓' : '✗'} ${c.message}`);
  }
  if (!status.ok) lines.push('JWKS unreachable in a Region that hosts the pool: token validation fails there.');
  return lines;
}
