/** The typed wait progress: the line stays what plain output always printed; the event rides along. */
import { describe, expect, it } from 'vitest';
import { replicaWaits } from '../../src/aws/replica-waits.js';
import type { Clock } from '../../src/core/clock.js';
import type { CognitoReader, ReplicaInfo } from '../../src/core/ports/cognito.js';
import type { Step } from '../../src/core/plan/types.js';
import { emitTo } from '../../src/ui/events.js';
import { waitLine, type WaitProgress } from '../../src/ui/wait-progress.js';

describe('waitLine', () => {
  it('is the line plain output has always printed, with the time left when the wait has an end', () => {
    expect(waitLine({ stepId: 's', waitingFor: 'replica in eu-west-1', state: 'CREATING', sinceMs: 12_700 })).toBe('  waiting: replica in eu-west-1 is CREATING (12 s)');
    expect(waitLine({ stepId: 's', waitingFor: 'the anti-flap window', state: 'OPEN', sinceMs: 30_000, remainingMs: 89_100 })).toBe(
      '  waiting: the anti-flap window is OPEN (30 s, 90 s left)',
    );
  });
});

describe('replicaWaits', () => {
  it('logs each new second of waiting once, as a line together with the typed event for the live view', async () => {
    // A fake clock and a replica that is CREATING for six reads: no real time passes. The poll backs
    // off 250 ms, 500 ms, 1 s, 2 s, 4 s, so the reads come at 0, 0.25, 0.75, 1.75, 3.75 and 7.75 s.
    let now = 0;
    const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (now += ms) };
    const statuses = ['CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'CREATING', 'INACTIVE'];
    // Only listReplicas is read by this wait; the rest of the port is never called.
    const cognito = {
      listReplicas: async (): Promise<ReplicaInfo[]> => [{ Role: 'SECONDARY', RegionName: 'eu-west-1', Status: statuses.shift() } as ReplicaInfo],
    } as unknown as CognitoReader;
    const logged: Array<[string, WaitProgress | undefined]> = [];
    const waits = replicaWaits({ cognito, clock, emit: emitTo((line, progress) => logged.push([line, progress])) });
    const step = { id: 'cognito.wait', region: 'us-east-1', input: { UserPoolId: 'p', RegionName: 'eu-west-1', Statuses: ['INACTIVE'] } } as unknown as Step;

    const outcome = await waits.WaitForReplicaStatus(step);

    expect(outcome).toEqual({ status: 'applied', output: { RegionName: 'eu-west-1', Status: 'INACTIVE' } });
    const event = (sinceMs: number): WaitProgress => ({ stepId: 'cognito.wait', waitingFor: 'replica in eu-west-1', state: 'CREATING', sinceMs });
    // 0.25 s and 0.75 s fall in second 0, already shown.
    expect(logged).toEqual([
      ['  waiting: replica in eu-west-1 is CREATING (0 s)', event(0)],
      ['  waiting: replica in eu-west-1 is CREATING (1 s)', event(1750)],
      ['  waiting: replica in eu-west-1 is CREATING (3 s)', event(3750)],
      ['  waiting: replica in eu-west-1 is CREATING (7 s)', event(7750)],
    ]);
  });
});
