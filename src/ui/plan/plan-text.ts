/**
 * The plan as plain text lines (no colour, no width assumptions): what `--dry-run` prints and what
 * the confirmation shows. The ink plan view reuses groupStepsByRegion so both read the same way.
 */
import type { GuardResult, Plan, Step, StepAction } from '../../core/plan/types.js';

export const ACTION_MARKERS: Record<StepAction, string> = {
  create: '+',
  update: '~',
  delete: '-',
  wait: '…',
  verify: '✓',
};

export interface RegionGroup {
  region: string;
  /** `index` is the step's 0-based position in the plan (the order apply runs it in). */
  steps: Array<{ index: number; step: Step }>;
}

/**
 * Steps grouped by Region: Regions in `regionOrder` first (when they have steps), then any other
 * Region in order of first appearance. Within a group, steps keep the plan's order.
 */
export function groupStepsByRegion(steps: readonly Step[], regionOrder: readonly string[] = []): RegionGroup[] {
  const groups = new Map<string, RegionGroup>();
  for (const region of regionOrder) groups.set(region, { region, steps: [] });
  steps.forEach((step, index) => {
    let group = groups.get(step.region);
    if (group === undefined) {
      group = { region: step.region, steps: [] };
      groups.set(step.region, group);
    }
    group.steps.push({ index, step });
  });
  return [...groups.values()].filter((group) => group.steps.length > 0);
}

/** Tags that must catch the eye: appended to a step's line. */
export function stepTags(step: Step): string[] {
  const tags: string[] = [];
  if (step.destructive) tags.push('[DESTRUCTIVE]');
  if (step.trafficMoving === true) tags.push('[TRAFFIC]');
  return tags;
}

/** One line per step: marker, position, service:operation, summary, tags. */
export function formatStepLine(step: Step, index: number): string {
  const tags = stepTags(step);
  const tail = tags.length > 0 ? `  ${tags.join(' ')}` : '';
  return `${ACTION_MARKERS[step.action]} ${index + 1}. ${step.service}:${step.operation} — ${step.summary}${tail}`;
}

export function renderPlanText(plan: Plan): string[] {
  const lines = [
    `Plan: ${plan.command} for ${plan.userPoolId} (primary ${plan.primaryRegion}, secondary ${plan.secondaryRegion})`,
    `Made ${plan.createdAt}, expires ${plan.expiresAt}; observed state ${plan.fingerprint.slice(0, 12)}`,
  ];
  for (const guard of plan.guards ?? []) {
    const { mark, state } = guardState(guard);
    // An unchecked guard that passes still says what to do: it must not pass silently.
    const remedy = (!guard.ok || guard.checked === false) && guard.remedy !== undefined ? ` — ${guard.remedy}` : '';
    lines.push(`${mark} guard ${guard.id} ${state}: ${guard.evidence}${remedy}`);
  }

  if (plan.steps.length === 0) {
    lines.push('', `No changes: ${plan.userPoolId} already matches; nothing to apply.`);
  } else {
    const labels: Record<string, string> = {
      [plan.primaryRegion]: ' (primary)',
      [plan.secondaryRegion]: ' (secondary)',
    };
    for (const group of groupStepsByRegion(plan.steps, [plan.primaryRegion, plan.secondaryRegion])) {
      lines.push('', `${group.region}${labels[group.region] ?? ''}`);
      for (const { index, step } of group.steps) lines.push(`  ${formatStepLine(step, index)}`);
    }
    lines.push('', summarizeSteps(plan.steps));
  }

  if (plan.notes !== undefined && plan.notes.length > 0) {
    lines.push('', 'Notes:', ...plan.notes.map((note) => `  - ${note}`));
  }
  return lines;
}

/** "2 to create, 1 to update, 1 wait (1 destructive)": the plan's last line. */
export function summarizeSteps(steps: readonly Step[]): string {
  const count = (action: StepAction) => steps.filter((step) => step.action === action).length;
  const parts = [
    [count('create'), 'to create'],
    [count('update'), 'to update'],
    [count('delete'), 'to delete'],
    [count('wait'), count('wait') === 1 ? 'wait' : 'waits'],
    [count('verify'), count('verify') === 1 ? 'check' : 'checks'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, label]) => `${n} ${label}`);
  const destructive = steps.filter((step) => step.destructive).length;
  const traffic = steps.filter((step) => step.trafficMoving === true).length;
  const flags = [
    ...(destructive > 0 ? [`${destructive} destructive`] : []),
    ...(traffic > 0 ? [`${traffic} moving traffic`] : []),
  ];
  const stepWord = steps.length === 1 ? 'step' : 'steps';
  return `${steps.length} ${stepWord}: ${parts.join(', ')}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`;
}

/** The mark and verdict of a guard: an unchecked one (its evidence could not be read) says so. */
export function guardState(guard: GuardResult): { mark: string; state: string } {
  const unchecked = guard.checked === false;
  if (guard.ok) return unchecked ? { mark: '?', state: 'passes unchecked' } : { mark: '✓', state: 'passes' };
  if (guard.waived === true) return { mark: '!', state: unchecked ? 'not checked, waived' : 'fails, waived' };
  return { mark: '✗', state: unchecked ? 'fails (not checked)' : 'fails' };
}
