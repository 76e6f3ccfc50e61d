/**
 * Is the lock's owner still running? Only answerable for a lock taken on this host (by host name and
 * pid, written by lease-era mrrctl): then a pid that is gone means the run crashed, and its lock may be
 * broken at once instead of after its lease. The liveness check is injected (core stays pure);
 * production asks the OS with signal 0, which tests nothing but existence. EPERM means the process
 * exists but belongs to another user: alive.
 */
import { hostname } from 'node:os';
import type { HeldLock } from '../../core/failover/lock.js';

export interface OwnerCheck {
  host: string;
  alive(pid: number): boolean;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const localOwnerCheck: OwnerCheck = { host: hostname(), alive: pidAlive };

/** The lock with `ownerGone` set when its owner ran on this host and its pid is gone. */
export function judgeLockOwner(lock: HeldLock | undefined, check: OwnerCheck = localOwnerCheck): HeldLock | undefined {
  const info = lock?.info;
  if (!lock || !info?.host || !info.pid || info.host !== check.host) return lock;
  const pid = Number(info.pid);
  if (!Number.isSafeInteger(pid) || pid <= 0 || check.alive(pid)) return lock;
  return { ...lock, ownerGone: `pid ${pid} on ${info.host}, this host, is not running` };
}
