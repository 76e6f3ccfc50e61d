/**
 * `--override-safety-rule` takes a safety rule's name (as dns.arc.safetyRules lists it) or its ARN;
 * UpdateRoutingControlStates's SafetyRulesToOverride takes ARNs only, so names are resolved through
 * the control-config API's ListSafetyRules (us-west-2), read by the caller into an ArcRuleIndex. When
 * that read fails (us-west-2 unreachable), a name cannot be resolved and the run says to pass the ARN
 * (the cluster's refusal names it): a break-glass override is never guessed.
 */
export interface ArcRuleIndex {
  /** The control panel's safety rules (name and ARN), when they could be read. */
  rules: Array<{ name: string; arn: string }>;
  /** Why they could not be read (unreadable: …). */
  error?: string;
}

export const SAFETY_RULE_ARN = /^arn:aws[a-z-]*:route53-recovery-control::\d{12}:controlpanel\/[^/]+\/safetyrule\/[^/]+$/;

export interface ResolvedOverrides {
  /** The ARNs for SafetyRulesToOverride, in the order given. */
  arns: string[];
  /** "name (ARN)" per override, for the plan, the confirmation and the history. */
  labels: string[];
  /** What could be typed at the prompt: the names (an ARN when its name is unknown). */
  names: string[];
  /** Overrides that could not be resolved, each with why. */
  problems: string[];
}

export function resolveOverrides(given: string[], index: ArcRuleIndex | undefined): ResolvedOverrides {
  const out: ResolvedOverrides = { arns: [], labels: [], names: [], problems: [] };
  for (const value of given) {
    if (SAFETY_RULE_ARN.test(value)) {
      const name = index?.rules.find((r) => r.arn === value)?.name;
      out.arns.push(value);
      out.labels.push(name ? `${name} (${value})` : value);
      out.names.push(name ?? value);
      continue;
    }
    const found = index?.rules.find((r) => r.name === value);
    if (found) {
      out.arns.push(found.arn);
      out.labels.push(`${found.name} (${found.arn})`);
      out.names.push(found.name);
    } else if (!index || index.error !== undefined) {
      out.problems.push(`${value}: a name, and the safety rules could not be read to resolve it (${index?.error ?? 'not read'}); pass the rule's ARN (the cluster's refusal names it)`);
    } else {
      const known = index.rules.map((r) => r.name).join(', ') || 'none';
      out.problems.push(`${value}: no safety rule of that name or ARN on the routing controls' control panel (its rules: ${known})`);
    }
  }
  return out;
}
