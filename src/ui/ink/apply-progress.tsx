/**
 * Apply progress: every finished step is printed once and stays (ink <Static>) with ✓ / = / ✗ and
 * its duration; below it, one live row for the running step — how long it has run, and what it is
 * waiting for (replica CREATING, DNS PENDING, the anti-flap window) and for how long.
 */
import { useEffect, useState } from 'react';
import { Box, Static, Text } from 'ink';
import type { StepStatus } from '../../core/plan/types.js';
import type { WaitProgress } from '../../core/events.js';
import { formatDuration, formatSeconds, painter, type Paint } from './tone.js';

export interface FinishedStep {
  /** Unique per apply (the step id). */
  key: string;
  index: number;
  total: number;
  summary: string;
  status: StepStatus;
  durationMs: number;
  /** "Name: message" of a failed step. */
  error?: string;
}

/** A line logged during the apply outside any step's wait: printed once, in order. */
export interface LoggedLine {
  key: string;
  line: string;
}

export interface RunningStep {
  index: number;
  total: number;
  summary: string;
  /** When the step started, in the clock's milliseconds. */
  startedAtMs: number;
  /** The latest typed progress of its wait, and when it arrived (to keep counting between polls). */
  waiting?: { progress: WaitProgress; receivedAtMs: number };
  /** The latest untyped progress line, shown as is. */
  note?: string;
}

export interface ApplyProgressProps {
  /** Append-only: <Static> prints each item once. */
  finished: Array<FinishedStep | LoggedLine>;
  running?: RunningStep;
  color: boolean;
  /** The clock, in milliseconds (injected so frames are reproducible). */
  now(): number;
  /** How often the running row refreshes; 0 turns the ticking off. */
  tickMs?: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function ApplyProgress({ finished, running, color, now, tickMs = 250 }: ApplyProgressProps) {
  const paint = painter(color);
  return (
    <>
      <Static items={finished}>
        {(item) => ('line' in item ? <Text key={item.key}>{item.line}</Text> : <FinishedLine key={item.key} step={item} paint={paint} />)}
      </Static>
      {running && <RunningLine running={running} paint={paint} now={now} tickMs={tickMs} />}
    </>
  );
}

function FinishedLine({ step, paint }: { step: FinishedStep; paint: Paint }) {
  const position = `${step.index + 1}/${step.total}`;
  if (step.status === 'failed') {
    return (
      <Box flexDirection="column">
        <Text>
          {paint('✗', 'red', 'bold')} {position} {step.summary} {paint(`(${formatDuration(step.durationMs)})`, 'dim')}
        </Text>
        {step.error !== undefined && (
          <Box paddingLeft={4}>
            <Text>{paint(step.error, 'red')}</Text>
          </Box>
        )}
      </Box>
    );
  }
  const skipped = step.status === 'skipped';
  return (
    <Text>
      {skipped ? paint('=', 'gray', 'bold') : paint('✓', 'green', 'bold')} {position} {step.summary}{' '}
      {paint(`(${formatDuration(step.durationMs)}${skipped ? ', already in place' : ''})`, 'dim')}
    </Text>
  );
}

function RunningLine({ running, paint, now, tickMs }: { running: RunningStep; paint: Paint; now(): number; tickMs: number }) {
  // Re-render on a timer so the counters move between poll results; the values come from now().
  const [, setTick] = useState(0);
  useEffect(() => {
    if (tickMs <= 0) return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  const at = now();
  const spinner = SPINNER[Math.floor(at / 100) % SPINNER.length];
  const waiting = running.waiting;
  return (
    <Box flexDirection="column">
      <Text>
        {paint(spinner, 'cyan')} {running.index + 1}/{running.total} {running.summary} {paint(formatSeconds(at - running.startedAtMs), 'dim')}
      </Text>
      {waiting && (
        <Box paddingLeft={4}>
          <Text>
            waiting for {waiting.progress.waitingFor}: {paint(waiting.progress.state, 'yellow', 'bold')} for{' '}
            {formatSeconds(waiting.progress.sinceMs + (at - waiting.receivedAtMs))}
            {waiting.progress.remainingMs !== undefined
              ? paint(`, ${Math.ceil(Math.max(0, waiting.progress.remainingMs - (at - waiting.receivedAtMs)) / 1000)} s left`, 'dim')
              : ''}
          </Text>
        </Box>
      )}
      {!waiting && running.note !== undefined && (
        <Box paddingLeft={4}>
          <Text>{paint(running.note.trim(), 'dim')}</Text>
        </Box>
      )}
    </Box>
  );
}
