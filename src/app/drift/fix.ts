/** `drift fix`: align the secondary's Regional settings with the primary's where the counterparts exist. */
import { fixFingerprint, planDriftFix } from '../../core/drift/fix-plan.js';
import { observeDrift } from '../../core/drift/observe.js';
import type { JsonObject } from '../../core/plan/types.js';
import { defineMutation, type MutationEnv, type Verification } from '../mutation/definition.js';
import { driftReaders } from './check.js';

/** `drift fix` takes no options of its own; the plan records an empty object. */
export type DriftFixOptions = JsonObject;

async function observeForFix(env: MutationEnv) {
  const observation = await observeDrift(driftReaders(env), env.topology, { deep: false, clock: env.ctx.clock, signal: env.ctx.signal });
  return planDriftFix(observation);
}

function cannotLines(cannot: string[], region: string): string[] {
  if (cannot.length === 0) return [];
  return [`drift fix cannot do these for you in ${region}:`, ...cannot.map((c) => `  - ${c}`)];
}

export const driftFix = defineMutation<DriftFixOptions, object>({
  command: 'drift fix',
  fromFlags: () => ({}),
  fromSaved: () => ({}),
  async prepare(env) {
    const fix = await observeForFix(env);
    const { topology } = env;
    return {
      draft: {
        command: 'drift fix',
        ...topology,
        observed: fixFingerprint(fix),
        steps: fix.steps,
        notes: [...fix.notes, ...fix.cannot.map((c) => `drift fix cannot do this for you: ${c}`)],
      },
      // The plan's notes carry the list for humans (dry-run, confirmation); JSON gets it here too.
      report: { text: [], data: { cannot: fix.cannot, notes: fix.notes } },
      confirm: { question: `align the Regional settings of ${topology.userPoolId} in ${topology.secondaryRegion} with ${topology.primaryRegion}` },
    };
  },
  async verify(env): Promise<Verification> {
    const again = await observeForFix(env);
    const lines =
      again.steps.length === 0
        ? [`Verified: the Regional settings in ${env.topology.secondaryRegion} match ${env.topology.primaryRegion} wherever the counterpart exists.`]
        : [`Not yet aligned: ${again.steps.map((s) => s.summary).join('; ')}`];
    return { ok: again.steps.length === 0, lines: [...lines, ...cannotLines(again.cannot, env.topology.secondaryRegion)], data: { remaining: again.steps.map((s) => s.id), cannot: again.cannot } };
  },
});
