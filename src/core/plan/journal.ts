/**
 * The journal: an append-only record of every apply — who, when, which plan (by hash), each step and
 * its result. One entry per line in the file implementation (src/cli/journal-file.ts). Entries are
 * redacted before they get here; a Journal stores what it is given.
 */
import type { JsonValue, StepAction, StepError, StepStatus } from './types.js';

interface JournalEntryBase {
  /** ISO 8601. */
  time: string;
  /** Who applied: the operator's identity as the CLI knows it (e.g. the caller ARN or $USER). */
  actor: string;
  command: string;
  userPoolId: string;
  planHash: string;
}

export interface PlanStartEntry extends JournalEntryBase {
  kind: 'plan-start';
  primaryRegion: string;
  secondaryRegion: string;
  stepCount: number;
}

export interface StepEntry extends JournalEntryBase {
  kind: 'step';
  stepId: string;
  service: string;
  operation: string;
  region: string;
  action: StepAction;
  /** Present (true) for steps that move traffic, so a cooldown guard can find the last failover. */
  trafficMoving?: true;
  status: StepStatus;
  durationMs: number;
  input?: JsonValue;
  output?: JsonValue;
  error?: StepError;
}

export interface PlanEndEntry extends JournalEntryBase {
  kind: 'plan-end';
  status: 'ok' | 'failed' | 'interrupted';
  applied: number;
  skipped: number;
  failedStep?: string;
  notRun: string[];
  durationMs: number;
}

export type JournalEntry = PlanStartEntry | StepEntry | PlanEndEntry;

export interface Journal {
  /** Appends one entry durably enough that a crash right after does not lose it. */
  append(entry: JournalEntry): Promise<void>;
  /** All entries, oldest first (for guards such as the failover cooldown). */
  read?(): Promise<JournalEntry[]>;
}
