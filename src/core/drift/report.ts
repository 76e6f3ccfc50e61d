/** Turning checks and findings into the DriftReport every formatter and caller reads. */
import { atOrAbove, SEVERITY_RANK } from './codes.js';
import type { AllowedFinding, DriftCheck, DriftFinding, DriftReport, DriftSeverity } from './types.js';

function byImportance(a: DriftFinding, b: DriftFinding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.code.localeCompare(b.code) || a.path.localeCompare(b.path);
}

export interface ReportInput {
  userPoolId: string;
  primaryRegion: string;
  secondaryRegion: string;
  checkedAt: Date;
  deep: boolean;
  replica: DriftReport['replica'];
  failOn: DriftSeverity;
  checks: DriftCheck[];
  findings: DriftFinding[];
  allowed: AllowedFinding[];
  recheck: DriftReport['recheck'];
}

export function buildReport(input: ReportInput): DriftReport {
  const findings = [...input.findings].sort(byImportance);
  const failingChecks = new Set(findings.map((f) => f.check));
  const count = (s: DriftSeverity) => findings.filter((f) => f.severity === s).length;
  return {
    userPoolId: input.userPoolId,
    primaryRegion: input.primaryRegion,
    secondaryRegion: input.secondaryRegion,
    checkedAt: input.checkedAt.toISOString(),
    deep: input.deep,
    replica: input.replica,
    failOn: input.failOn,
    ok: !findings.some((f) => atOrAbove(f.severity, input.failOn)),
    summary: {
      checks: input.checks.length,
      passed: input.checks.filter((c) => !failingChecks.has(c.id)).length,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      allowed: input.allowed.length,
    },
    checks: input.checks,
    findings,
    allowed: [...input.allowed].sort(byImportance),
    recheck: input.recheck,
  };
}

/** The findings that fail a gate at `threshold` (what `--fail-on` and the failover guard use). */
export function failingFindings(report: DriftReport, threshold: DriftSeverity = report.failOn): DriftFinding[] {
  return report.findings.filter((f) => atOrAbove(f.severity, threshold));
}
