/**
 * Safety rules, as the ARC Developer Guide describes them ("Safety rules"): an ASSERTION rule must hold
 * after any transaction that changes one of its asserted controls (e.g. "at least one On", which
 * prevents failing open); a GATING rule lets a transaction change its target controls only while its
 * gating controls evaluate to true (an overall on/off switch). A rule also refuses any transaction on
 * its controls within WaitPeriodMs of the previous one (anti-flapping). A rule named in
 * SafetyRulesToOverride is skipped: that is ARC's break-glass path.
 *
 * [INF] The state a gating rule reads is the one after the transaction (a transaction may turn the
 * gate On together with its targets); the refusal is a ConflictException whose message carries the
 * rule's ARN (the Developer Guide says the error names the blocking rule's ARN; the exception name is
 * the model's "conflict with this request"). See docs/aws-conformance.md.
 */
import { SandboxError } from '../types.js';
import type { ArcStore, ControlState, RuleConfig, RuleRecord } from './store.js';

export function ruleHolds(config: RuleConfig, states: ReadonlyArray<ControlState | undefined>): boolean {
  const on = states.filter((s) => s === 'On').length;
  let result: boolean;
  switch (config.Type) {
    case 'ATLEAST':
      result = on >= config.Threshold;
      break;
    case 'AND':
      result = on === states.length;
      break;
    case 'OR':
      result = on >= 1;
      break;
  }
  return config.Inverted ? !result : result;
}

export function describeRule(rule: RuleRecord): string {
  const { Type, Threshold, Inverted } = rule.config;
  const what = Type === 'ATLEAST' ? `at least ${Threshold} On` : Type === 'AND' ? 'all On' : 'at least one On';
  return `${Inverted ? 'NOT ' : ''}${what}`;
}

function conflict(rule: RuleRecord, message: string): SandboxError {
  return new SandboxError('ConflictException', message, 409, { resourceId: rule.arn, resourceType: 'SafetyRule' });
}

/**
 * The rules the transaction touches (for their wait period), or a ConflictException naming the first
 * rule it would break.
 */
export function checkTransaction(
  store: ArcStore,
  changes: ReadonlyMap<string, ControlState>,
  overrides: ReadonlySet<string>,
  now: number,
): RuleRecord[] {
  const after = (arn: string): ControlState | undefined => changes.get(arn) ?? store.findControl(arn)?.state;
  // Only real changes count: setting a control to the state it has is not a transaction on it.
  const changed = new Set([...changes].filter(([arn, state]) => store.findControl(arn)?.state !== state).map(([arn]) => arn));
  const touched: RuleRecord[] = [];
  for (const rule of store.rules()) {
    const watched = rule.kind === 'ASSERTION' ? rule.controls : rule.targets;
    if (!watched.some((arn) => changed.has(arn))) continue;
    touched.push(rule);
    if (overrides.has(rule.arn)) continue;
    if (rule.lastChangeAt !== undefined && now - rule.lastChangeAt < rule.waitPeriodMs) {
      throw conflict(
        rule,
        `Safety rule ${rule.arn} (${rule.name}) blocked the update: its wait period of ${rule.waitPeriodMs} ms since the last change to its routing controls has not passed. Try again later, or override the rule.`,
      );
    }
    // Both kinds evaluate `controls` (asserted or gating) after the transaction.
    if (!ruleHolds(rule.config, rule.controls.map(after))) {
      const subject = rule.kind === 'ASSERTION' ? 'asserted controls' : 'gating controls';
      throw conflict(
        rule,
        `Safety rule ${rule.arn} (${rule.name}, ${rule.kind === 'ASSERTION' ? 'assertion' : 'gating'} rule: ${describeRule(rule)} of its ${subject}) blocked the update. To bypass it, include its ARN in SafetyRulesToOverride.`,
      );
    }
  }
  return touched;
}
