/**
 * Reading the sandbox call log for a benchmark: counts, throttling, and the longest chain of calls
 * that ran one after another (the critical path the command actually took).
 */

/**
 * Error names the sandbox answers when a quota or a throttle fault refuses a call (Cognito's
 * LimitExceededException is a resource quota, not a rate: not counted).
 */
const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'ThrottledException']);

export function isThrottled(record) {
  return record.error !== undefined && THROTTLING.has(record.error);
}

/** [start, end] in ms since the epoch: the log stamps the end; durationMs is the server-side time. */
function span(record) {
  const end = Date.parse(record.time);
  return { start: end - record.durationMs, end };
}

/**
 * The longest sequence of calls in which each started after the previous one ended: with every
 * independent call in flight together this equals the longest chain of dependent calls; a command
 * that serialises needlessly shows a longer one. `slackMs` absorbs the log's millisecond rounding.
 */
export function observedChain(records, slackMs = 3) {
  const spans = records.map(span).sort((a, b) => a.end - b.end);
  const depth = [];
  let longest = 0;
  for (let i = 0; i < spans.length; i++) {
    let best = 0;
    for (let j = 0; j < i; j++) if (spans[j].end <= spans[i].start + slackMs) best = Math.max(best, depth[j]);
    depth[i] = best + 1;
    longest = Math.max(longest, depth[i]);
  }
  return longest;
}

/** Calls per "service.operation". */
export function countByOperation(records) {
  const counts = {};
  for (const r of records) counts[`${r.service}.${r.operation}`] = (counts[`${r.service}.${r.operation}`] ?? 0) + 1;
  return counts;
}

export function summarizeCalls(records) {
  return {
    calls: records.length,
    throttled: records.filter(isThrottled).length,
    errors: records.filter((r) => r.status >= 400 && !isThrottled(r)).length,
    writes: records.filter((r) => r.write).length,
  };
}

/**
 * Where one failover's time went, from the call log and the moment the run started (ms since the
 * epoch): start-up until the first call, observation and lock until the DNS change is accepted, how
 * late the last GetChange saw INSYNC (after the change's end plus D), the checks and the last batch
 * after it, and the time from the last call to the process's exit.
 */
export function failoverPhases(records, startedAtMs, totalMs, dMs) {
  const spans = records.map((r) => ({ op: `${r.service}.${r.operation}`, ...span(r) })).sort((a, b) => a.start - b.start);
  const firstGetChange = spans.findIndex((s) => s.op === 'route53.GetChange');
  if (spans.length === 0 || firstGetChange < 1) return undefined;
  const change = spans.slice(0, firstGetChange).filter((s) => s.op === 'route53.ChangeResourceRecordSets').at(-1);
  const lastGetChange = spans.filter((s) => s.op === 'route53.GetChange').at(-1);
  const lastEnd = Math.max(...spans.map((s) => s.end));
  if (!change) return undefined;
  return {
    startup: spans[0].start - startedAtMs,
    observation: change.end - spans[0].start,
    insyncLate: lastGetChange.end - (change.end + dMs),
    afterInsync: lastEnd - lastGetChange.end,
    exit: startedAtMs + totalMs - lastEnd,
  };
}
