/**
 * Core events as the human lines plain output prints (stderr, CI logs). The wording is what these
 * lines have always said: scripts and runbooks quote them.
 */
import type { CoreEvent, EmitEvent } from '../core/events.js';
import { formatSeconds } from '../core/health/window.js';
import { waitLine, type ProgressLog } from './wait-progress.js';

export function eventLine(event: CoreEvent): string {
  switch (event.code) {
    case 'wait.progress':
      return waitLine(event.data);
    case 'wait.dns-answer': {
      const d = event.data;
      return `  waiting: Route 53 answers ${d.recordName} with ${d.answer.join(', ') || d.responseCode} (${Math.floor(d.sinceMs / 1000)} s)`;
    }
    case 'wait.health-check': {
      const d = event.data;
      return `  waiting: health check ${d.healthCheckId} reports ${d.healthyCheckers}/${d.checkers} checkers healthy (${Math.floor(d.sinceMs / 1000)} s)`;
    }
    case 'anti-flap.live-watch': {
      const d = event.data;
      return `no CloudWatch history for health check ${d.healthCheckId}${d.metricsError ? ` (${d.metricsError})` : ''}: watching ${d.region} live for ${formatSeconds(d.windowSeconds)}`;
    }
    case 'health.watching': {
      const d = event.data;
      return `  watching ${d.label}: ${d.want} for ${formatSeconds(d.elapsedSeconds)}, ${formatSeconds(d.remainingSeconds)} to go (${d.healthyCheckers}/${d.checkers} checkers healthy)`;
    }
  }
}

/**
 * Events onto a progress log: each event's line, and a wait's typed progress alongside it so the
 * live view can keep one ticking row (see ui/render-live.ts startProgress).
 */
export function emitTo(log: ProgressLog): EmitEvent {
  return (event) => (event.code === 'wait.progress' ? log(eventLine(event), event.data) : log(eventLine(event)));
}
