/**
 * The game day as data: the runbook's steps in order, each with the outcome the runbook expects.
 * A CLI step runs the real command (same code as when an operator types it); the other kinds act on
 * the sandbox (inject or clear an outage, deploy what the secondary lacks) or wait out a window.
 */
export type RehearsalAction =
  | { kind: 'cli'; argv: string[] }
  /** No service: the whole Region is down (its Route 53 control plane, CloudWatch, ARC endpoint…). */
  | { kind: 'fault'; region: string; service?: string }
  | { kind: 'clear-faults' }
  | { kind: 'deploy-missing'; from: string; to: string }
  | { kind: 'mint-token' }
  | { kind: 'verify-token'; region: string }
  /** The routing controls (read from an ARC endpoint that answers) send users to this Region only. */
  | { kind: 'verify-serving'; region: string }
  | { kind: 'wait'; seconds: number; why: string };

/** The game days `rehearse --scenario` runs; `default` is the one an operator gets without the flag. */
export const REHEARSAL_SCENARIOS = ['default', 'region-outage'] as const;
export type RehearsalScenario = (typeof REHEARSAL_SCENARIOS)[number];

export const isRehearsalScenario = (value: string): value is RehearsalScenario => (REHEARSAL_SCENARIOS as readonly string[]).includes(value);

export interface RehearsalStep {
  id: string;
  title: string;
  action: RehearsalAction;
  /** The exit code the runbook expects from a CLI step (other steps expect success). */
  expectExit?: number;
}

export interface RunbookTiming {
  minUnhealthySeconds: number;
  cooldownSeconds: number;
}

/**
 * The anti-flap guard counts whole CloudWatch periods only, so it can read up to one period short:
 * the waits add that period (1 s in the sandbox's short drills) and a second for the DNS change.
 */
const METRIC_MARGIN_SECONDS = 2;

export function gameDay(primary: string, secondary: string, timing: RunbookTiming): RehearsalStep[] {
  const window = Math.max(timing.minUnhealthySeconds, timing.cooldownSeconds) + METRIC_MARGIN_SECONDS;
  return [
    { id: 'preflight', title: 'preflight (fails, and says why)', action: { kind: 'cli', argv: ['preflight'] }, expectExit: 3 },
    { id: 'keys-setup', title: 'phase 1: keys setup', action: { kind: 'cli', argv: ['keys', 'setup', '--yes'] }, expectExit: 0 },
    { id: 'issuer-switch', title: 'phase 2: issuer switch', action: { kind: 'cli', argv: ['issuer', 'switch', '--yes'] }, expectExit: 0 },
    { id: 'replica-create', title: 'phase 3: replica create --wait', action: { kind: 'cli', argv: ['replica', 'create', '--wait', '--yes'] }, expectExit: 0 },
    { id: 'drift', title: 'drift finds the missing Regional settings', action: { kind: 'cli', argv: ['drift'] }, expectExit: 3 },
    { id: 'deploy-missing', title: `deploy the missing resources in ${secondary}`, action: { kind: 'deploy-missing', from: primary, to: secondary } },
    { id: 'drift-fix', title: 'drift fix', action: { kind: 'cli', argv: ['drift', 'fix', '--yes'] }, expectExit: 0 },
    { id: 'drift-clean', title: 'drift is clean', action: { kind: 'cli', argv: ['drift'] }, expectExit: 0 },
    { id: 'replica-activate', title: 'replica activate', action: { kind: 'cli', argv: ['replica', 'activate', '--yes'] }, expectExit: 0 },
    { id: 'canary', title: `canary 5 % to ${secondary}`, action: { kind: 'cli', argv: ['canary', '--to', secondary, '--percent', '5', '--yes'] }, expectExit: 0 },
    { id: 'canary-stop', title: 'canary stop', action: { kind: 'cli', argv: ['canary', 'stop', '--yes'] }, expectExit: 0 },
    { id: 'mint-token', title: 'mint a token before the outage', action: { kind: 'mint-token' } },
    { id: 'outage', title: `inject an outage of Cognito in ${primary}`, action: { kind: 'fault', region: primary, service: 'cognito-idp' } },
    { id: 'health', title: 'health shows the outage', action: { kind: 'cli', argv: ['health'] }, expectExit: 3 },
    { id: 'failover-refused', title: 'failover refused inside the anti-flap window', action: { kind: 'cli', argv: ['failover', '--to', secondary, '--yes'] }, expectExit: 3 },
    { id: 'anti-flap-wait', title: 'wait out the anti-flap window', action: { kind: 'wait', seconds: timing.minUnhealthySeconds + METRIC_MARGIN_SECONDS, why: 'guards.minUnhealthySeconds' } },
    { id: 'failover', title: `failover to ${secondary}`, action: { kind: 'cli', argv: ['failover', '--to', secondary, '--yes'] }, expectExit: 0 },
    { id: 'token-continuity', title: 'the pre-outage token still validates', action: { kind: 'verify-token', region: secondary } },
    { id: 'recover', title: `${primary} recovers`, action: { kind: 'clear-faults' } },
    { id: 'failback-wait', title: 'wait: primary healthy for the window, and the cooldown', action: { kind: 'wait', seconds: window, why: 'anti-flap window and cooldown' } },
    { id: 'failback', title: `failback to ${primary}`, action: { kind: 'cli', argv: ['failover', '--to', primary, '--yes'] }, expectExit: 0 },
    { id: 'final-status', title: 'final status', action: { kind: 'cli', argv: ['status'] }, expectExit: 0 },
  ];
}

/**
 * The outage ARC exists for: the whole primary Region down — Cognito, OIDC, KMS and, when it is
 * us-east-1, Route 53's control plane and CloudWatch — plus a second ARC endpoint Region, so the
 * failover must find one of the three endpoints left and must not need anything in the failed Region.
 * Same setup phases as the default game day (no canary: routing controls are on/off switches).
 */
export function regionOutageDay(primary: string, secondary: string, arc: ArcRehearsal, timing: RunbookTiming): RehearsalStep[] {
  const endpointRegion = arc.endpointRegion;
  // A safety rule's wait period blocks the failback as long as it runs (the cluster refuses, and the
  // runbook does not break glass for a drill): the wait covers it too.
  const window = Math.max(timing.minUnhealthySeconds, timing.cooldownSeconds, Math.ceil(arc.safetyRuleWaitMs / 1000)) + METRIC_MARGIN_SECONDS;
  const setup = gameDay(primary, secondary, timing).filter((s) => SETUP_STEP_IDS.has(s.id));
  return [
    ...setup,
    { id: 'mint-token', title: 'mint a token before the outage', action: { kind: 'mint-token' } },
    { id: 'region-outage', title: `the whole of ${primary} goes down`, action: { kind: 'fault', region: primary } },
    { id: 'endpoint-outage', title: `the ARC endpoint in ${endpointRegion} goes down too`, action: { kind: 'fault', region: endpointRegion } },
    { id: 'health', title: 'health shows the outage', action: { kind: 'cli', argv: ['health'] }, expectExit: 3 },
    { id: 'anti-flap-wait', title: 'wait out the anti-flap window', action: { kind: 'wait', seconds: timing.minUnhealthySeconds + METRIC_MARGIN_SECONDS, why: 'guards.minUnhealthySeconds' } },
    { id: 'failover', title: `failover to ${secondary} through the ARC cluster`, action: { kind: 'cli', argv: ['failover', '--to', secondary, '--yes'] }, expectExit: 0 },
    { id: 'serving-secondary', title: `the routing controls send users to ${secondary}`, action: { kind: 'verify-serving', region: secondary } },
    { id: 'token-continuity', title: 'the pre-outage token still validates', action: { kind: 'verify-token', region: secondary } },
    { id: 'status-during-outage', title: 'status during the outage', action: { kind: 'cli', argv: ['status'] }, expectExit: 0 },
    { id: 'recover', title: `${primary} and ${endpointRegion} recover`, action: { kind: 'clear-faults' } },
    { id: 'failback-wait', title: 'wait: the window, the cooldown, the rules\' wait period', action: { kind: 'wait', seconds: window, why: 'anti-flap window, cooldown and safety rule wait period' } },
    { id: 'failback', title: `failback to ${primary} (writes the pending zone history)`, action: { kind: 'cli', argv: ['failover', '--to', primary, '--yes'] }, expectExit: 0 },
    { id: 'serving-primary', title: `the routing controls send users to ${primary}`, action: { kind: 'verify-serving', region: primary } },
    { id: 'final-status', title: 'final status', action: { kind: 'cli', argv: ['status'] }, expectExit: 0 },
  ];
}

export interface ArcRehearsal {
  /** The ARC endpoint Region that goes down with the primary. */
  endpointRegion: string;
  /** The longest wait period of the control panel's safety rules (ms). */
  safetyRuleWaitMs: number;
}

/** The phases that build the multi-Region pool: both scenarios start with them. */
const SETUP_STEP_IDS = new Set(['preflight', 'keys-setup', 'issuer-switch', 'replica-create', 'drift', 'deploy-missing', 'drift-fix', 'drift-clean', 'replica-activate']);
