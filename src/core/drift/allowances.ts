/**
 * `drift.allow` entries silence the findings whose path they name exactly — an expected difference,
 * with its reason. An allowance past its expiry silences nothing: the finding counts again, carrying
 * a note that its allowance expired, so a temporary exception cannot become permanent unnoticed.
 */
import type { DriftAllowance } from '../config/schema.js';
import type { AllowedFinding, DriftFinding } from './types.js';

export interface AllowanceOutcome {
  findings: DriftFinding[];
  allowed: AllowedFinding[];
}

export function applyAllowances(findings: DriftFinding[], allowances: readonly DriftAllowance[], now: Date): AllowanceOutcome {
  const out: AllowanceOutcome = { findings: [], allowed: [] };
  for (const finding of findings) {
    const entry = allowances.find((a) => a.path === finding.path);
    if (!entry) {
      out.findings.push(finding);
      continue;
    }
    const expires = entry.expires ? entry.expires.toISOString() : null;
    if (entry.expires && entry.expires.getTime() <= now.getTime()) {
      out.findings.push({ ...finding, expiredAllowance: { reason: entry.reason, expires: expires! } });
    } else {
      out.allowed.push({ ...finding, allowance: { reason: entry.reason, expires } });
    }
  }
  return out;
}
