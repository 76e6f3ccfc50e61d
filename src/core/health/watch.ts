/**
 * Watching a health check live for the anti-flap window, when CloudWatch has no history to prove it:
 * poll the status, show a countdown, and stop as soon as the state breaks. The clock is injected, so
 * tests run a three-minute window without waiting three minutes.
 */
import type { EmitEvent } from '../events.js';
import { endpointHealthy, type HealthCheckReading } from './checkers.js';
import { formatSeconds, type WantedState } from './window.js';

export interface WatchClock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface WatchPorts {
  clock: WatchClock;
  /** The check's current status (GetHealthCheckStatus; Route 53 allows about 1 call/s per account). */
  read(): Promise<HealthCheckReading>;
  /** Progress: a health.watching event per poll while the state holds. */
  emit: EmitEvent;
  signal?: AbortSignal;
}

export interface WatchResult {
  ok: boolean;
  /** Seconds the state held while watched. */
  seconds: number;
  detail: string;
}


export async function watchState(
  ports: WatchPorts,
  opts: { want: WantedState; windowSeconds: number; label: string; intervalSeconds?: number },
): Promise<WatchResult> {
  const started = ports.clock.now().getTime();
  const interval = (opts.intervalSeconds ?? Math.min(5, Math.max(1, opts.windowSeconds / 4))) * 1000;
  const wantHealthy = opts.want === 'healthy';
  for (;;) {
    const reading = await ports.read();
    const elapsed = (ports.clock.now().getTime() - started) / 1000;
    const healthy = endpointHealthy(reading);
    if (healthy === undefined) {
      return { ok: false, seconds: elapsed, detail: `${opts.label}: status unreadable after ${formatSeconds(elapsed)} of watching (${reading.error})` };
    }
    if (healthy !== wantHealthy) {
      return {
        ok: false,
        seconds: elapsed,
        detail: `${opts.label} turned ${healthy ? 'healthy' : 'unhealthy'} after ${formatSeconds(elapsed)} of watching (${reading.healthyCheckers}/${reading.checkers} checkers healthy)`,
      };
    }
    if (elapsed >= opts.windowSeconds) {
      return { ok: true, seconds: elapsed, detail: `${opts.label} stayed ${opts.want} for ${formatSeconds(elapsed)} while watched live` };
    }
    const left = opts.windowSeconds - elapsed;
    ports.emit({
      level: 'progress',
      code: 'health.watching',
      data: { label: opts.label, want: opts.want, elapsedSeconds: elapsed, remainingSeconds: left, healthyCheckers: reading.healthyCheckers, checkers: reading.checkers },
    });
    await ports.clock.sleep(Math.min(interval, left * 1000), ports.signal);
  }
}
