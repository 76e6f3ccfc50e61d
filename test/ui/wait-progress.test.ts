/** The typed wait progress: the line stays what plain output always printed; the event rides along. */
import { describe, expect, it } from 'vitest';
import { replicaWaits } from '../../src/aws/replica-waits.js';
import type { Clock } from '../../src/core/clock.js';
import type { CognitoReader, ReplicaInfo } from '../../src/core/ports/cognito.js';
import type { Step } from '../../src/core/plan/types.js';
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
  it('logs each second of waiting as a line together with the typed event for the live view', async () => {
    // A fake clock and a replica that is CREATING for three reads: no real time passes.
    let now = 0;
    const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (now += ms) };
    const statuses = ['CREATING', 'CREATING', 'CREATING', 'INACTIVE'];
    const cognito = {
      listReplicas: async (): Promise<ReplicaInfo[]> => [{ Role: 'SECONDARY', RegionName: 'eu-west-1', Status: statuses.shift() } as ReplicaInfo],
    } as unknown as CognitoReader;
    const logged: Array<[string, WaitProgress | undefined]> = [];
    const waits = replicaWaits({ cognito, clock, log: (line, progress) => logged.push([line, progress]) });
    const step = { id: 'cognito.wait', region: 'us-east-1', input: { UserPoolId: 'p', RegionName: 'eu-west-1', Statuses: ['INACTIVE'] } } as unknown as Step;

    const outcome = await waits.WaitForReplicaStatus(step);

    expect(outcome).toEqual({ status: 'applied', output: { RegionName: 'eu-west-1', Status: 'INACTIVE' } });
    expect(logged.length).toBeGreaterThan(0);
    for (const [line, progress] of logged) {
      expect(progress).toMatchObject({ stepId: 'cognito.wait', waitingFor: 'replica in eu-west-1', state: 'CREATING' });
      expect(line).toBe(waitLine(progress!));
    }
    expect(logged.map(([, p]) => p!.sinceMs)).toEqual([...logged.map(([, p]) => p!.sinceMs)].sort((a, b) => a - b));
  });
});
