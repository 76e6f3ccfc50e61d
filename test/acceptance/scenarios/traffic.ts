/**
 * Failover, failback and canary on the weighted records. A drill in a real account cannot take a
 * Region down, so the moves are planned (`--planned --reason`), which is what an operator's game day
 * does; the unplanned failover is shown refused while the source is healthy (the anti-flap guard).
 */
import type { CliResult, Target } from '../lib/target.js';
import { check, cli, type Scenario } from './step.js';

/** `status` names the Region users are routed to now (`data.dns.serving`). */
const serving = (which: 'primaryRegion' | 'secondaryRegion') => (e: any, r: CliResult, t: Target) =>
  check(e.data?.dns?.serving === t.world[which], r, `status says DNS serves ${JSON.stringify(e.data?.dns?.serving)}, expected ${t.world[which]}`);

const reason = (t: { world: { runId: string } }) => ['--planned', '--reason', `acceptance drill ${t.world.runId}`];

export const failover: Scenario = {
  id: 'failover',
  title: 'failover: refused while the primary is healthy, then a planned failover',
  steps: [
    cli('both Regions report healthy', ['health'], 0, undefined, { settle: true }),
    {
      title: 'an unplanned failover is refused: the primary is healthy',
      run: (t) =>
        cli('failover', ['failover', '--to', t.world.secondaryRegion, '--yes'], 3, (e, r) =>
          check(JSON.stringify(e).includes('anti-flap'), r, 'the refusal does not name the anti-flap guard'),
        ).run(t),
    },
    { title: 'planned failover to the secondary', run: (t) => cli('failover', ['failover', '--to', t.world.secondaryRegion, ...reason(t), '--yes'], 0).run(t) },
    cli('status: DNS serves the secondary', ['status'], 0, serving('secondaryRegion')),
  ],
};

export const failback: Scenario = {
  id: 'failback',
  title: 'failback: a planned move back to the primary',
  steps: [
    { title: 'planned failback to the primary', run: (t) => cli('failback', ['failover', '--to', t.world.primaryRegion, ...reason(t), '--yes'], 0).run(t) },
    cli('status: DNS serves the primary', ['status'], 0, serving('primaryRegion')),
  ],
};

export const canary: Scenario = {
  id: 'canary',
  title: 'canary: 5 % to the secondary, then stop',
  steps: [
    { title: 'canary 5 % to the secondary', run: (t) => cli('canary', ['canary', '--to', t.world.secondaryRegion, '--percent', '5', '--yes'], 0).run(t) },
    cli('canary stop', ['canary', 'stop', '--yes'], 0),
    cli('status: DNS serves the primary', ['status'], 0, serving('primaryRegion')),
  ],
};
