/**
 * The plan as an operator reads it before saying yes: guards with their evidence first (a failing
 * guard is why nothing will happen), then the steps grouped by Region in apply order, each with its
 * + ~ - marker; destructive and traffic-moving steps stand out. Same content as renderPlanText.
 */
import { Box, Text } from 'ink';
import { ACTION_MARKERS, groupStepsByRegion, guardState, summarizeSteps } from '../plan/plan-text.js';
import type { GuardResult, Plan, Step, StepAction } from '../../core/plan/types.js';
import { painter, type Paint, type Tone } from './tone.js';

const ACTION_TONE: Record<StepAction, Tone> = {
  create: 'green',
  update: 'yellow',
  delete: 'red',
  wait: 'cyan',
  verify: 'cyan',
};

export interface PlanViewProps {
  plan: Plan;
  /** Lines a command shows before its plan (e.g. the issuer impact report). */
  report?: string[];
  color: boolean;
}

export function PlanView({ plan, report = [], color }: PlanViewProps) {
  const paint = painter(color);
  const labels: Record<string, string> = { [plan.primaryRegion]: 'primary', [plan.secondaryRegion]: 'secondary' };
  const guards = plan.guards ?? [];
  return (
    <Box flexDirection="column">
      {report.length > 0 && (
        <Box flexDirection="column" marginBottom={1}>
          {report.map((line, i) => (
            <Text key={i}>{line}</Text>
          ))}
        </Box>
      )}
      <Text>
        {paint('Plan', 'bold')}: {paint(plan.command, 'bold')} for {plan.userPoolId}{' '}
        {paint(`(primary ${plan.primaryRegion}, secondary ${plan.secondaryRegion})`, 'dim')}
      </Text>
      <Text>{paint(`Made ${plan.createdAt}, expires ${plan.expiresAt}; observed state ${plan.fingerprint.slice(0, 12)}`, 'dim')}</Text>
      {guards.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text>{paint('Guards', 'bold')}</Text>
          {guards.map((guard) => (
            <GuardLine key={guard.id} guard={guard} paint={paint} />
          ))}
        </Box>
      )}
      {plan.steps.length === 0 ? (
        <Box marginTop={1}>
          <Text>{paint(`No changes: ${plan.userPoolId} already matches; nothing to apply.`, 'green')}</Text>
        </Box>
      ) : (
        groupStepsByRegion(plan.steps, [plan.primaryRegion, plan.secondaryRegion]).map((group) => (
          <Box key={group.region} flexDirection="column" marginTop={1}>
            <Text>
              {paint(group.region, 'bold')}
              {labels[group.region] ? paint(` (${labels[group.region]})`, 'dim') : ''}
            </Text>
            {group.steps.map(({ index, step }) => (
              <StepLine key={step.id} step={step} index={index} paint={paint} color={color} />
            ))}
          </Box>
        ))
      )}
      {plan.steps.length > 0 && (
        <Box marginTop={1}>
          <Text>{summaryLine(plan.steps, paint)}</Text>
        </Box>
      )}
      {plan.notes !== undefined && plan.notes.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text>{paint('Notes', 'bold')}</Text>
          {plan.notes.map((note, i) => (
            <Box key={i} paddingLeft={2}>
              <Text>- {note}</Text>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}

function GuardLine({ guard, paint }: { guard: GuardResult; paint: Paint }) {
  const { mark, state } = guardState(guard);
  const tone: Tone = guard.ok ? (guard.checked === false ? 'yellow' : 'green') : guard.waived === true ? 'yellow' : 'red';
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Box>
        <Box width={2} flexShrink={0}>
          <Text>{paint(mark, tone, 'bold')}</Text>
        </Box>
        <Text>
          {paint(guard.id, 'bold')} {paint(state, tone)}: {guard.evidence}
        </Text>
      </Box>
      {(!guard.ok || guard.checked === false) && guard.remedy !== undefined && (
        <Box paddingLeft={2}>
          <Text>→ {guard.remedy}</Text>
        </Box>
      )}
    </Box>
  );
}

function StepLine({ step, index, paint, color }: { step: Step; index: number; paint: Paint; color: boolean }) {
  // Without colour the tags read as in the plain plan; with colour they are badges.
  const tags = [
    step.destructive ? (color ? paint(' DESTRUCTIVE ', 'red', 'inverse', 'bold') : '[DESTRUCTIVE]') : '',
    step.trafficMoving === true ? (color ? paint(' TRAFFIC ', 'magenta', 'inverse', 'bold') : '[TRAFFIC]') : '',
  ].filter(Boolean);
  const summary = step.destructive ? paint(step.summary, 'red') : step.summary;
  return (
    <Box paddingLeft={2}>
      <Box width={2} flexShrink={0}>
        <Text>{paint(ACTION_MARKERS[step.action], ACTION_TONE[step.action], 'bold')}</Text>
      </Box>
      <Text>
        {index + 1}. {paint(`${step.service}:${step.operation}`, 'dim')} — {summary}
        {tags.length > 0 ? `  ${tags.join(' ')}` : ''}
      </Text>
    </Box>
  );
}

function summaryLine(steps: readonly Step[], paint: Paint): string {
  const text = summarizeSteps(steps);
  const risky = steps.some((s) => s.destructive || s.trafficMoving === true);
  return paint(text, 'bold', ...(risky ? (['yellow'] as Tone[]) : []));
}
