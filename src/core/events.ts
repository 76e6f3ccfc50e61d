/**
 * The one typed event channel from core (and the adapters' waits) to whoever shows progress. Core
 * says what happened as data — a level, a stable code, and the facts — and never writes prose: the
 * UI turns an event into the human line (src/ui/events.ts), a live view into a ticking row, and a
 * JSON consumer could take it as it is. Adding an event: a member here, its line in ui/events.ts.
 */
import type { WantedState } from './health/window.js';

export type EventLevel = 'info' | 'warn' | 'progress';

interface EventOf<Code extends string, Level extends EventLevel, Data> {
  level: Level;
  code: Code;
  data: Data;
}

/** What a running plan step is waiting for (replica CREATING, key Creating, Route 53 change PENDING). */
export interface WaitProgress {
  /** The plan step that is waiting. */
  stepId: string;
  /** What is being watched, e.g. "replica in eu-west-1", "Route 53 change C123". */
  waitingFor: string;
  /** Its state right now, e.g. "CREATING", "PENDING". */
  state: string;
  /** How long the step has been waiting so far, in milliseconds. */
  sinceMs: number;
  /** For windows with a known end (the anti-flap window): milliseconds left. */
  remainingMs?: number;
}

/** A step waits for a state to be reached: "  waiting: replica in eu-west-1 is CREATING (12 s)". */
export type WaitProgressEvent = EventOf<'wait.progress', 'progress', WaitProgress>;

/** VerifyDnsAnswer: Route 53 does not answer the record with the expected values yet. */
export type DnsAnswerWaitEvent = EventOf<
  'wait.dns-answer',
  'progress',
  { stepId: string; recordName: string; answer: string[]; responseCode: string; sinceMs: number }
>;

/** VerifyHealthCheckStatus: the health check does not report the expected health yet. */
export type HealthCheckWaitEvent = EventOf<
  'wait.health-check',
  'progress',
  { stepId: string; healthCheckId: string; healthyCheckers: number; checkers: number; sinceMs: number }
>;

/** The anti-flap guard found no CloudWatch history and watches the health check live instead. */
export type AntiFlapLiveWatchEvent = EventOf<
  'anti-flap.live-watch',
  'info',
  { region: string; healthCheckId: string; windowSeconds: number; metricsError?: string }
>;

/** One tick of a live watch of a health check: how long the wanted state has held, how long to go. */
export type HealthWatchingEvent = EventOf<
  'health.watching',
  'progress',
  { label: string; want: WantedState; elapsedSeconds: number; remainingSeconds: number; healthyCheckers: number; checkers: number }
>;

export type CoreEvent = WaitProgressEvent | DnsAnswerWaitEvent | HealthCheckWaitEvent | AntiFlapLiveWatchEvent | HealthWatchingEvent;

export type CoreEventCode = CoreEvent['code'];

/** The port core modules and the adapters' waits emit through. */
export type EmitEvent = (event: CoreEvent) => void;

/** A wait's progress as an event. */
export function waitProgress(data: WaitProgress): WaitProgressEvent {
  return { level: 'progress', code: 'wait.progress', data };
}
