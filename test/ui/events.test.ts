/**
 * Core events as the lines plain output has always printed (CI logs and runbooks quote them), and
 * how they reach a progress log: only a wait's progress rides along typed, for the live view.
 */
import { describe, expect, it } from 'vitest';
import type { CoreEvent, WaitProgress } from '../../src/core/events.js';
import { emitTo, eventLine } from '../../src/ui/events.js';

describe('eventLine', () => {
  it('prints a wait as "waiting: <what> is <state> (<seconds>)", with the time left when the wait has an end', () => {
    expect(eventLine({ level: 'progress', code: 'wait.progress', data: { stepId: 's', waitingFor: 'Route 53 change C1', state: 'PENDING', sinceMs: 5_900 } })).toBe(
      '  waiting: Route 53 change C1 is PENDING (5 s)',
    );
    expect(
      eventLine({ level: 'progress', code: 'wait.progress', data: { stepId: 's', waitingFor: 'the anti-flap window', state: 'OPEN', sinceMs: 30_000, remainingMs: 89_100 } }),
    ).toBe('  waiting: the anti-flap window is OPEN (30 s, 90 s left)');
  });

  it('prints what Route 53 answers, or its response code when it answers nothing', () => {
    const answer = (values: string[]): CoreEvent => ({
      level: 'progress',
      code: 'wait.dns-answer',
      data: { stepId: 's', recordName: 'auth.example.com', answer: values, responseCode: 'NXDOMAIN', sinceMs: 12_000 },
    });
    expect(eventLine(answer(['a.example.net', 'b.example.net']))).toBe('  waiting: Route 53 answers auth.example.com with a.example.net, b.example.net (12 s)');
    expect(eventLine(answer([]))).toBe('  waiting: Route 53 answers auth.example.com with NXDOMAIN (12 s)');
  });

  it('prints a health check wait with its share of healthy checkers', () => {
    expect(
      eventLine({ level: 'progress', code: 'wait.health-check', data: { stepId: 's', healthCheckId: 'hc-1', healthyCheckers: 3, checkers: 8, sinceMs: 61_000 } }),
    ).toBe('  waiting: health check hc-1 reports 3/8 checkers healthy (61 s)');
  });

  it('announces the live watch of the anti-flap window, with the reason CloudWatch had no history', () => {
    const data = { region: 'us-east-1', healthCheckId: 'hc-p', windowSeconds: 180 };
    expect(eventLine({ level: 'info', code: 'anti-flap.live-watch', data })).toBe('no CloudWatch history for health check hc-p: watching us-east-1 live for 3 min');
    expect(eventLine({ level: 'info', code: 'anti-flap.live-watch', data: { ...data, metricsError: 'AccessDenied: denied' } })).toBe(
      'no CloudWatch history for health check hc-p (AccessDenied: denied): watching us-east-1 live for 3 min',
    );
  });

  it('counts a live watch down', () => {
    expect(
      eventLine({
        level: 'progress',
        code: 'health.watching',
        data: { label: 'us-east-1 (health check hc-p)', want: 'unhealthy', elapsedSeconds: 5, remainingSeconds: 15, healthyCheckers: 0, checkers: 8 },
      }),
    ).toBe('  watching us-east-1 (health check hc-p): unhealthy for 5 s, 15 s to go (0/8 checkers healthy)');
  });
});

describe('emitTo', () => {
  it('logs each event as its line, passing a wait’s progress along for the live view and nothing else', () => {
    const logged: Array<[string, WaitProgress | undefined, number]> = [];
    const emit = emitTo((...args: [string, WaitProgress?]) => logged.push([args[0], args[1], args.length]));
    const progress: WaitProgress = { stepId: 'cognito.wait', waitingFor: 'replica in eu-west-1', state: 'CREATING', sinceMs: 3_000 };
    emit({ level: 'progress', code: 'wait.progress', data: progress });
    emit({ level: 'progress', code: 'wait.health-check', data: { stepId: 's', healthCheckId: 'hc-1', healthyCheckers: 8, checkers: 8, sinceMs: 0 } });
    expect(logged).toEqual([
      ['  waiting: replica in eu-west-1 is CREATING (3 s)', { stepId: 'cognito.wait', waitingFor: 'replica in eu-west-1', state: 'CREATING', sinceMs: 3_000 }, 2],
      ['  waiting: health check hc-1 reports 8/8 checkers healthy (0 s)', undefined, 1],
    ]);
  });
});
