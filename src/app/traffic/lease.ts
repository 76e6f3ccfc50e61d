/**
 * The lock as a lease, held by one run: the AcquireLock and ReleaseLock pseudo-operations of a traffic
 * plan, and the clock the plan's waits sleep on, which renews the lease when it is due.
 *
 * The lock's value is made when it is TAKEN (owner user@host, pid, run id, since, lease end), not when
 * the plan was made: a saved plan applied later carries no stale lease. Renewal is a compare-and-swap —
 * one change batch that DELETEs exactly the value last written and CREATEs the new one — so when someone
 * else broke or replaced the lock (its lease had ended), Route 53 refuses the batch (InvalidChangeBatch)
 * and the run stops with LockLostError (exit 4, MRR_FAILOVER_E006). The lock is taken by AcquireLock
 * (its own batch) or by AcquireLockAndChange (its CREATE in the same batch as the DNS change: the
 * lease starts with that batch and is renewed the same way). Renewal rides on the waits' sleeps
 * (the only long parts of a traffic plan) and on the start of each pseudo-operation: no background
 * timer, so a virtual clock in tests drives it exactly.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { WaitHandler } from '../../aws/step-executor.js';
import type { Clock } from '../../core/clock.js';
import { lockRecordAt, recordChange, RENEW_EVERY_SECONDS, type LockInfo } from '../../core/failover/lock.js';
import type { JsonObject, JsonValue } from '../../core/plan/types.js';
import type { RecordSet } from '../../core/ports/route53.js';

/** The run's lock was changed by someone else (broken after its lease ended): the run must stop. */
export class LockLostError extends Error {
  override name = 'LockLostError';
}

/** After a renewal failed for another reason (throttling, a network error), try again this soon. */
const RETRY_MS = 5_000;

export interface LeaseDeps {
  /** The real (or test) clock; the lease hands out a renewing wrapper of it. */
  clock: Clock;
  /** One Route 53 change batch; rejects with Route 53's error (InvalidChangeBatch when a DELETE does not match). */
  change(hostedZoneId: string, comment: string, changes: JsonObject[], signal?: AbortSignal): Promise<unknown>;
  /** The owner written into the lock. */
  owner: { holder: string; host: string; pid: number; run: string };
  log(line: string): void;
}

interface AcquireInput {
  HostedZoneId: string;
  RecordName: string;
  LockId: string;
  Command: string;
  Reason: string;
  LeaseSeconds: number;
  Replacing?: RecordSet;
  History?: RecordSet;
}

interface Held {
  zone: string;
  name: string;
  info: LockInfo;
  record: RecordSet;
  leaseMs: number;
  renewAt: number;
}

export function localOwner(holder: string): LeaseDeps['owner'] {
  return { holder, host: hostname(), pid: process.pid, run: randomUUID() };
}

export interface LockLease {
  /** The clock for the plan's waits: each sleep renews the lease when it is due. */
  clock: Clock;
  /** Renews now if due; throws LockLostError once the lock was lost. */
  renewIfDue(signal?: AbortSignal): Promise<void>;
  handlers: Record<'AcquireLock' | 'AcquireLockAndChange' | 'ReleaseLock', WaitHandler>;
  /**
   * Releases the lock with `changes` in the same change batch (the DELETE of exactly the value this
   * run last wrote goes last): all applied or none (aws-conformance C3). When the lock is no longer this
   * run's, the batch is refused as a whole and the run stops with LockLostError.
   */
  releaseWith(input: { HostedZoneId: string; LockId: string }, comment: string | undefined, changes: JsonObject[], signal?: AbortSignal): Promise<JsonObject>;
}

export function lockLease(deps: LeaseDeps): LockLease {
  let held: Held | undefined;
  let lost: LockLostError | undefined;
  const nowMs = () => deps.clock.now().getTime();

  const lose = (what: string, err: Error) => {
    held = undefined;
    lost = new LockLostError(`${what}: Route 53 refused the compare-and-swap (${err.name}: ${err.message}) — someone broke or replaced this run's lock after its lease ended; this run stops`);
    return lost;
  };

  async function renewIfDue(signal?: AbortSignal): Promise<void> {
    if (lost) throw lost;
    if (!held || nowMs() < held.renewAt) return;
    const now = nowMs();
    const info: LockInfo = { ...held.info, expires: new Date(now + held.leaseMs).toISOString() };
    const record = lockRecordAt(held.name, info);
    try {
      await deps.change(held.zone, `mrrctl ${info.command} lease renewal: ${info.holder}`, [recordChange('DELETE', held.record), recordChange('CREATE', record)], signal);
      held = { ...held, info, record, renewAt: now + RENEW_EVERY_SECONDS * 1000 };
    } catch (err) {
      if (signal?.aborted) throw err;
      if ((err as Error).name === 'InvalidChangeBatch') throw lose('renewing the lock', err as Error);
      // Not a conflict: the old value is still ours until its lease ends; try again soon.
      deps.log(`  warning: the lock's lease could not be renewed (${(err as Error).name}: ${(err as Error).message}); retrying in ${RETRY_MS / 1000} s`);
      held = { ...held, renewAt: now + RETRY_MS };
    }
  }

  const clock: Clock = {
    now: () => deps.clock.now(),
    async sleep(ms, signal) {
      let left = Math.max(0, ms);
      for (;;) {
        const chunk = held ? Math.min(left, Math.max(0, held.renewAt - nowMs())) : left;
        if (chunk > 0) await deps.clock.sleep(chunk, signal);
        left -= chunk;
        await renewIfDue(signal);
        if (left <= 0) return;
      }
    },
  };

  /**
   * Takes the lock: one batch of the lock's changes (the replaced lock's DELETE, the CREATE, the
   * break's history UPSERT) and `more` (the DNS change of AcquireLockAndChange), all or nothing.
   */
  async function acquire(input: AcquireInput, comment: string | undefined, more: JsonObject[], signal?: AbortSignal) {
    const now = nowMs();
    const leaseMs = input.LeaseSeconds * 1000;
    const { holder, host, pid, run } = deps.owner;
    const info: LockInfo = {
      holder,
      reason: input.Reason,
      since: new Date(now).toISOString(),
      expires: new Date(now + leaseMs).toISOString(),
      command: input.Command,
      id: input.LockId,
      host,
      pid: String(pid),
      run,
      lease: String(input.LeaseSeconds),
    };
    const record = lockRecordAt(input.RecordName, info);
    const changes = [
      ...(input.Replacing ? [recordChange('DELETE', input.Replacing)] : []),
      recordChange('CREATE', record),
      ...(input.History ? [recordChange('UPSERT', input.History)] : []),
      ...more,
    ];
    const output = await deps.change(input.HostedZoneId, comment ?? `mrrctl ${input.Command} lock: ${holder}`, changes, signal);
    held = { zone: input.HostedZoneId, name: input.RecordName, info, record, leaseMs, renewAt: now + RENEW_EVERY_SECONDS * 1000 };
    return { status: 'applied' as const, output: { ...(output as JsonObject), Lock: record as unknown as JsonValue } };
  }

  const AcquireLock: WaitHandler = (step, signal) => acquire(step.input as unknown as AcquireInput, undefined, [], signal);

  /** The lock and the DNS change in one batch (core/failover/steps.ts lockAndMoveStep); its output carries ChangeInfo for the INSYNC wait. */
  const AcquireLockAndChange: WaitHandler = (step, signal) => {
    const input = step.input as unknown as { HostedZoneId: string; ChangeBatch: { Comment?: string; Changes: JsonObject[] }; Lock: Omit<AcquireInput, 'HostedZoneId'> };
    return acquire({ ...input.Lock, HostedZoneId: input.HostedZoneId }, input.ChangeBatch.Comment, input.ChangeBatch.Changes, signal);
  };

  async function releaseWith(input: { HostedZoneId: string; LockId: string }, comment: string | undefined, changes: JsonObject[], signal?: AbortSignal): Promise<JsonObject> {
    if (lost) throw lost;
    if (!held || held.info.id !== input.LockId) throw new Error(`this run holds no lock with id ${input.LockId}`);
    try {
      const output = await deps.change(input.HostedZoneId, comment ?? `mrrctl ${held.info.command} unlock: ${held.info.holder}`, [...changes, recordChange('DELETE', held.record)], signal);
      held = undefined;
      return output as JsonObject;
    } catch (err) {
      if ((err as Error).name === 'InvalidChangeBatch') throw lose('releasing the lock', err as Error);
      throw err;
    }
  }

  const ReleaseLock: WaitHandler = async (step, signal) => {
    const output = await releaseWith(step.input as unknown as { HostedZoneId: string; LockId: string }, undefined, [], signal);
    return { status: 'applied', output };
  };

  return { clock, renewIfDue, handlers: { AcquireLock, AcquireLockAndChange, ReleaseLock }, releaseWith };
}
