/** Sample plans and ports shared by the plan-engine tests. */
import { createPlan } from '../../../src/core/plan/create-plan.js';
import type { Journal, JournalEntry } from '../../../src/core/plan/journal.js';
import type { Plan, Step } from '../../../src/core/plan/types.js';

export const T0 = new Date('2025-06-01T10:00:00.000Z');

export const observedState = {
  pool: { id: 'us-east-1_Ab12Cd34', keyConfiguration: null },
  keys: { 'us-east-1': [], 'eu-west-1': [] },
};

export function sampleSteps(): Step[] {
  return [
    {
      id: 'kms.create-key',
      region: 'us-east-1',
      service: 'kms',
      operation: 'CreateKey',
      input: { KeySpec: 'SYMMETRIC_DEFAULT', MultiRegion: true, Description: 'Cognito MRR key' },
      summary: 'create a multi-Region symmetric key',
      action: 'create',
      destructive: false,
    },
    {
      id: 'kms.replicate-key',
      // ReplicateKey is called in the primary key's Region, naming the replica Region.
      region: 'us-east-1',
      service: 'kms',
      operation: 'ReplicateKey',
      input: { ReplicaRegion: 'eu-west-1' },
      summary: 'replicate the key to eu-west-1',
      action: 'create',
      destructive: false,
      dependsOn: ['kms.create-key'],
    },
    {
      id: 'kms.wait-replica',
      region: 'eu-west-1',
      service: 'kms',
      operation: 'WaitForKeyReplica',
      input: { Region: 'eu-west-1' },
      summary: 'wait until the replica key is Enabled',
      action: 'wait',
      destructive: false,
      dependsOn: ['kms.replicate-key'],
    },
    {
      id: 'cognito.key-configuration',
      region: 'us-east-1',
      service: 'cognito-idp',
      operation: 'UpdateUserPool',
      input: { UserPoolId: 'us-east-1_Ab12Cd34', KeyConfiguration: { KmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/mrk-1' } },
      summary: 'set the pool KeyConfiguration to the new key',
      action: 'update',
      destructive: false,
    },
  ];
}

export function samplePlan(overrides: Partial<Plan> = {}, now: Date = T0): Plan {
  const plan = createPlan(
    {
      command: 'keys setup',
      userPoolId: 'us-east-1_Ab12Cd34',
      primaryRegion: 'us-east-1',
      secondaryRegion: 'eu-west-1',
      observed: observedState,
      steps: sampleSteps(),
    },
    { now },
  );
  return { ...plan, ...overrides };
}

/** A journal that keeps entries in memory: the real port contract, no disk. */
export class MemoryJournal implements Journal {
  readonly entries: JournalEntry[] = [];
  async append(entry: JournalEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }
  async read(): Promise<JournalEntry[]> {
    return [...this.entries];
  }
}

/** A clock that advances a fixed amount on every reading, so durations are deterministic. */
export function steppingClock(start: Date = T0, stepMs = 250): { now(): Date } {
  let current = start.getTime();
  return {
    now() {
      const value = new Date(current);
      current += stepMs;
      return value;
    },
  };
}
