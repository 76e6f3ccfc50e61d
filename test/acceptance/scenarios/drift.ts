/**
 * Drift: clean after the phases; a Regional difference made on purpose (a tag on the primary pool —
 * tags are Regional, never replicated) is found, `drift fix` aligns it, and drift is clean again.
 */
import { act, check, cli, type Scenario } from './step.js';

export const DRIFT_TAG = 'mrrctl:acceptance-drift';

const recheck = (t: { driftRecheckSeconds: number }) => ['--recheck-after', String(t.driftRecheckSeconds)];

export const drift: Scenario = {
  id: 'drift',
  title: 'drift: find a Regional difference, fix it, clean again',
  steps: [
    act('make a Regional difference: tag the primary pool', async (t) => {
      const { TagResourceCommand, DescribeUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      const cognito = await t.clients.cognito(t.world.primaryRegion);
      const arn = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: t.world.userPoolId }))).UserPool?.Arn;
      await cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { [DRIFT_TAG]: t.world.runId } }));
    }),
    {
      title: 'drift finds the tag missing in the secondary',
      run: (t) =>
        cli('drift', ['drift', '--fail-on', 'warning', ...recheck(t)], 3, (e, r) =>
          check(JSON.stringify(e.data).includes(DRIFT_TAG), r, `no finding names the ${DRIFT_TAG} tag`),
        ).run(t),
    },
    cli('drift fix aligns it', ['drift', 'fix', '--yes'], 0),
    { title: 'drift is clean', run: (t) => cli('drift', ['drift', '--fail-on', 'warning', ...recheck(t)], 0).run(t) },
  ],
};
