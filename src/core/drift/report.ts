/** Turning checks and findings into the DriftReport every formatter and caller reads. */
import { atOrAbove, SEVERITY_RANK } from './codes.js';
import type { AllowedFinding, DriftCheck, DriftFinding, DriftReport, DriftSeverity, DriftUnreadable } from './types.js';

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
  /** Comparisons that could not be made (default none). */
  unreadable?: DriftUnreadable[];
  recheck: DriftReport['recheck'];
}

export function buildReport(input: ReportInput): DriftReport {
  const unreadable = input.unreadable ?? [];
  const findings = [...input.findings].sort(byImportance);
  const failingChecks = new Set(findings.map((f) => f.check));
  const unreadChecks = new Set(unreadable.map((u) => u.check));
  // A finding is what was read and differs: it wins; a check with only unread parts is unreadable.
  const checks = input.checks.map((c): DriftCheck => ({ ...c, status: failingChecks.has(c.id) ? 'fail' : unreadChecks.has(c.id) ? 'unreadable' : 'pass' }));
  const count = (s: DriftSeverity) => findings.filter((f) => f.severity === s).length;
  return {
    userPoolId: input.userPoolId,
    primaryRegion: input.primaryRegion,
    secondaryRegion: input.secondaryRegion,
    checkedAt: input.checkedAt.toISOString(),
    deep: input.deep,
    replica: input.replica,
    failOn: input.failOn,
    // Unread data never passes a gate, whatever --fail-on says (docs/drift.md).
    ok: !findings.some((f) => atOrAbove(f.severity, input.failOn)) && unreadable.length === 0,
    summary: {
      checks: checks.length,
      passed: checks.filter((c) => c.status === 'pass').length,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      allowed: input.allowed.length,
      unreadable: checks.filter((c) => c.status === 'unreadable').length,
    },
    checks,
    findings,
    allowed: [...input.allowed].sort(byImportance),
    unreadable,
    recheck: input.recheck,
  };
}

/** The findings that fail a gate at `threshold` (what `--fail-on` and the failover guard use). */
export function failingFindings(report: DriftReport, threshold: DriftSeverity = report.failOn): DriftFinding[] {
  return report.findings.filter((f) => atOrAbove(f.severity, threshold));
}
