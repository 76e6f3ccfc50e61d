/**
 * The DNS pseudo-operations of failover and canary plans:
 * - WaitForChangeInsync: poll GetChange until the change is INSYNC (aws-conformance C5; the SDK waiter's
 *   30 s minimum delay is too slow for an operator watching), with live progress; WaitTimeoutError
 *   (exit 6) after TimeoutSeconds — the change may still complete.
 * - VerifyDnsAnswer: TestDNSAnswer until Route 53 answers as the record set that should answer says
 *   (its values; for an alias A/AAAA record, addresses: core/failover/dns-answer-check.ts).
 * - VerifyHealthCheckStatus: until the check's own status is the expected one (cognito-domain
 *   strategy: the inverted check is what moves the custom domain). The status is derived by the
 *   check's Type (core/health/status.ts): the checkers' endpoint observations with the 18 % rule,
 *   Disabled and Inverted applied here — GetHealthCheckStatus never applies them (aws-conformance G1) — or
 *   the CloudWatch HealthCheckStatus metric for checks without an endpoint.
 * The two verifications never throw for a mismatch: their output says ok: false and the command's
 * verification reports it, because by then traffic has moved and the plan must still finish (history,
 * lock release).
 */
import type { Step } from '../core/plan/types.js';
import type { Route53Reader } from '../core/ports/route53.js';
import { readHealthCheck } from '../core/health/status.js';
import { answerMatches, expectationFor } from '../core/failover/dns-answer-check.js';
import type { HealthMetricsReader } from '../core/health/ports.js';
import { WaitTimeoutError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import { waitProgress, type CoreEvent, type EmitEvent } from '../core/events.js';
import { pollUntil } from './poll.js';
import type { WaitHandler } from './step-executor.js';

export interface DnsWaitDeps {
  route53: Route53Reader;
  clock: Clock;
  /** The waits' progress: wait.progress, wait.dns-answer, wait.health-check events. */
  emit: EmitEvent;
  /** CloudWatch, for checks whose status only the HealthCheckStatus metric tells (CALCULATED, …). */
  metrics?: HealthMetricsReader;
}

/**
 * GetHealthCheckStatus refills one request a second per account (aws-conformance C9; burst 4) and is
 * documented as not for high query rates: the health verification never polls it faster.
 */
export const HEALTH_POLL_MIN_MS = 1_000;

interface InsyncInput {
  Id: string;
  TimeoutSeconds?: number;
}

interface AnswerInput {
  HostedZoneId: string;
  RecordName: string;
  RecordType: string;
  Expect: string[];
  TimeoutSeconds?: number;
}

interface HealthInput {
  HealthCheckId: string;
  ExpectHealthy: boolean;
  TimeoutSeconds?: number;
}

/**
 * The time from one GetChange read's start to the next one's while waiting for INSYNC (a slow answer
 * does not stretch it): 250 ms (4 reads a second) for the first minute — the window in which Route 53 documents that changes generally propagate (aws-conformance
 * C5), so the one in which the wait usually ends — then 500 ms (2 a second). The account-wide bucket
 * refills 10 requests a second and is shared by every caller (aws-conformance C9): the fast phase uses 40 %
 * of it for at most 240 reads, the slow phase 20 %. On average the wait's end is seen half a gap late
 * (125 ms instead of 250 ms), at most one gap late. docs/aws-conformance.md records this reasoning.
 */
export const INSYNC_FAST_POLL_MS = 250;
export const INSYNC_FAST_PHASE_MS = 60_000;
export const INSYNC_MAX_POLL_MS = 500;

export function insyncPollGap(elapsedMs: number): number {
  return elapsedMs < INSYNC_FAST_PHASE_MS ? INSYNC_FAST_POLL_MS : INSYNC_MAX_POLL_MS;
}
/** Shortest gap between two "waiting" progress lines of that wait. */
const INSYNC_REPORT_EVERY_MS = 5_000;


/** Polls until done, or returns the last value when the time is up (no throw). */
async function pollOrLast<T>(
  deps: DnsWaitDeps,
  signal: AbortSignal | undefined,
  opts: { timeoutSeconds: number; what: string; read(): Promise<T>; done(v: T): boolean; progress(v: T, elapsedMs: number): CoreEvent; minDelayMs?: number },
) {
  let last: T | undefined;
  try {
    const value = await pollUntil({
      clock: deps.clock,
      signal,
      timeoutSeconds: opts.timeoutSeconds,
      what: opts.what,
      read: async () => (last = await opts.read()),
      done: opts.done,
      onPending: (v, elapsed) => deps.emit(opts.progress(v, elapsed)),
      minDelayMs: opts.minDelayMs ?? 500,
      maxDelayMs: 5_000,
    });
    return { ok: true, value };
  } catch (err) {
    if (err instanceof WaitTimeoutError && last !== undefined) return { ok: false, value: last };
    throw err;
  }
}

export function dnsWaits(deps: DnsWaitDeps): Record<string, WaitHandler> {
  return {
    WaitForChangeInsync: async (step: Step, signal?: AbortSignal) => {
      const input = step.input as unknown as InsyncInput;
      // The first read right after the change (it may already be INSYNC), then insyncPollGap's cadence;
      // reported at most every few seconds: a minute of waiting stays a dozen lines in a CI log.
      let reportedAt: number | undefined;
      const final = await pollUntil({
        clock: deps.clock,
        signal,
        timeoutSeconds: input.TimeoutSeconds ?? 600,
        what: `Route 53 change ${input.Id} to be INSYNC`,
        read: () => deps.route53.getChange(input.Id),
        done: (c) => c.status === 'INSYNC',
        onPending: (c, elapsed) => {
          if (reportedAt !== undefined && elapsed - reportedAt < INSYNC_REPORT_EVERY_MS) return;
          reportedAt = elapsed;
          deps.emit(waitProgress({ stepId: step.id, waitingFor: `Route 53 change ${c.id}`, state: c.status, sinceMs: elapsed }));
        },
        // Every second of overshoot here is a second users stay on the failing Region: a 5 s backoff
        // cap saw INSYNC up to 5 s late, more than failover's whole overhead budget (docs/performance.md).
        delayAt: insyncPollGap,
      });
      return { status: 'applied', output: { Id: final.id, Status: final.status } };
    },

    VerifyDnsAnswer: async (step: Step, signal?: AbortSignal) => {
      const input = step.input as unknown as AnswerInput;
      // What should answer is decided from the record set once (alias A/AAAA records answer with
      // addresses, not their target's name: core/failover/dns-answer-check.ts).
      const expectation = await expectationFor(deps.route53, input);
      const result = await pollOrLast(deps, signal, {
        timeoutSeconds: input.TimeoutSeconds ?? 60,
        what: `Route 53 to answer ${input.RecordName} with ${input.Expect.join(', ')}`,
        read: () => deps.route53.testDnsAnswer(input.HostedZoneId, input.RecordName, input.RecordType),
        done: (a) => answerMatches(a, expectation, input.RecordType),
        progress: (a, elapsed) => ({
          level: 'progress',
          code: 'wait.dns-answer',
          data: { stepId: step.id, recordName: input.RecordName, answer: a.recordData, responseCode: a.responseCode, sinceMs: elapsed },
        }),
      });
      const expected =
        expectation.mode === 'values' || expectation.mode === 'alias-resolved'
          ? expectation.values
          : [`any ${input.RecordType} address of the alias to ${expectation.aliasTarget}${expectation.mode === 'alias-not-selected' ? ' (not selected: see note)' : ''}`];
      const output = { ok: result.ok, answer: result.value.recordData, responseCode: result.value.responseCode, expected, mode: expectation.mode };
      return { status: 'applied', output: 'note' in expectation ? { ...output, note: expectation.note } : output };
    },

    VerifyHealthCheckStatus: async (step: Step, signal?: AbortSignal) => {
      const input = step.input as unknown as HealthInput;
      const result = await pollOrLast(deps, signal, {
        timeoutSeconds: input.TimeoutSeconds ?? 300,
        what: `health check ${input.HealthCheckId} to report ${input.ExpectHealthy ? 'healthy' : 'unhealthy'}`,
        // The configuration is read each time: the step before changed Inverted.
        read: () => readHealthCheck({ route53: deps.route53, metrics: deps.metrics && { reader: deps.metrics, now: () => deps.clock.now().getTime() } }, input.HealthCheckId),
        done: (r) => r.healthy === input.ExpectHealthy,
        minDelayMs: HEALTH_POLL_MIN_MS,
        progress: (r, elapsed) => ({
          level: 'progress',
          code: 'wait.health-check',
          data: { stepId: step.id, healthCheckId: r.id, healthyCheckers: r.healthyCheckers, checkers: r.checkers, sinceMs: elapsed },
        }),
      });
      const r = result.value;
      const output = { ok: result.ok, healthy: r.healthy ?? null, endpointHealthy: r.endpointHealthy ?? null, source: r.source ?? null, healthyCheckers: r.healthyCheckers, checkers: r.checkers, expectedHealthy: input.ExpectHealthy };
      return { status: 'applied', output: r.error ? { ...output, error: r.error } : output };
    },
  };
}
