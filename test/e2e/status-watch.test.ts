/**
 * `status --watch` reuses the quick drift counts for 60 s: a refresh inside that minute makes no drift
 * call (the sandbox's call log), the first one after it checks again, and the dashboard says how old
 * the counts are. In-process through main() on TTY-flagged buffers (ink renders into the stderr
 * buffer); virtual time, so each --interval passes at once, and the test ends the watch the way
 * Ctrl-C does (the run's abort signal) at the fifth wait.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { main } from '../../src/main.js';
import { bufferIo } from '../../src/ui/io.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const START = Date.parse('2030-01-02T03:04:05.000Z');
let w: SeededWorld;
let clock: VirtualClock;
beforeEach(async () => {
  clock = new VirtualClock(START);
  w = await seededWorld(undefined, undefined, { clock });
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: true });
});
afterEach(async () => {
  await w.stop();
});

const unstyled = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

describe('status --watch', () => {
  it('reuses the drift counts for 60 s: refreshes at +25 s and +50 s make no drift call, the one at +75 s checks again, +100 s reuses that; the view says their age', async () => {
    const controller = new AbortController();
    // After each observation the loop waits --interval: note where the call log stands, then let
    // virtual time pass. The fifth wait ends the watch (as Ctrl-C would) after 5 observations.
    const marks: number[] = [];
    const cli: Clock = {
      now: () => clock.now(),
      sleep: async (ms, signal) => {
        if (ms === 25_000) {
          marks.push(w.lastSeq());
          if (marks.length === 5) controller.abort(new Error('Ctrl-C'));
        }
        return clock.sleep(ms, signal);
      },
    };
    const io = bufferIo({ tty: true });
    const first = w.lastSeq();
    const code = await main(['--sandbox', w.sb.url, 'status', '--watch', '--interval', '25'], {
      io,
      env: { HOME: w.dir, MRRCTL_JOURNAL: w.journal, NO_COLOR: '1' },
      cwd: w.dir,
      signal: controller.signal,
      clock: cli,
    });
    expect(code).toBe(0);
    expect(marks).toHaveLength(5);

    // One observation's calls: between the wait before it and the wait after it.
    const observation = (i: number) => w.sb.calls().filter((c) => c.seq > (i === 0 ? first : marks[i - 1]) && c.seq <= marks[i]);
    const count = (i: number, operation: string) => observation(i).filter((c) => c.operation === operation).length;
    // GetUserPoolMfaConfig and ListGroups only the drift check reads (once per Region); the lock record every refresh.
    expect([0, 1, 2, 3, 4].map((i) => count(i, 'GetUserPoolMfaConfig'))).toEqual([2, 0, 0, 2, 0]);
    expect([0, 1, 2, 3, 4].map((i) => count(i, 'ListGroups'))).toEqual([2, 0, 0, 2, 0]);
    expect([0, 1, 2, 3, 4].map((i) => count(i, 'ListResourceRecordSets'))).toEqual([3, 3, 3, 3, 3]);
    expect([0, 1, 2, 3, 4].map((i) => count(i, 'DescribeUserPool'))).toEqual([2, 2, 2, 2, 2]);
    expect(w.writesSince(first)).toEqual([]);

    // The dashboard's drift line gives the counts' age. Its last picture (the one left on screen; ink
    // writes only that one when it runs under CI) is the refresh at +100 s: counts checked at +75 s.
    const frames = unstyled(io.err()).replace(/\s+/g, ' ');
    const ages = [...frames.matchAll(/quick check, (\d+) s ago;/g)].map((m) => Number(m[1]));
    expect(ages.at(-1)).toBe(25);
    expect(ages.every((age) => [0, 25, 50].includes(age))).toBe(true);
    expect(frames).toContain('drift 14 errors, 2 warnings, 1 info (quick check, 25 s ago; `mrrctl drift` lists them)');
  });
});
