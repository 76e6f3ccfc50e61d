/**
 * Waivers are re-stated at apply. A plan made with a waiver (`--force`, `--planned`, …) records it in
 * its options, but a file proves nothing about who wrote it — so `mrrctl apply FILE` applies it only
 * when the same waivers, and the same --reason, are typed again on its own command line (like a saved
 * Terraform plan that still needs an explicit approval). A waiver typed that the plan was not made with
 * is refused too: the plan was computed without it.
 */
import { InputError } from '../../core/errors.js';
import type { JsonObject } from '../../core/plan/types.js';

export interface GivenWaivers {
  /** By flag name, e.g. { '--force': true }. */
  flags: Readonly<Record<string, boolean | undefined>>;
  reason?: string;
}

/** Throws MRR_PLAN_E013 (exit 2) unless `given` re-states exactly the waivers the plan recorded. */
export function checkWaivers(command: string, waivers: Readonly<Record<string, string>>, saved: JsonObject, given: GivenWaivers): void {
  const known = new Set(Object.values(waivers));
  for (const [flag, typed] of Object.entries(given.flags)) {
    if (typed && !known.has(flag)) {
      throw new InputError('MRR_PLAN_E013', 'flags', flag, true, `nothing: a \`${command}\` plan has no ${flag} waiver`);
    }
  }
  const recorded = Object.entries(waivers).filter(([key]) => saved[key] === true).map(([, flag]) => flag);
  const reason = typeof saved.reason === 'string' ? saved.reason : '';
  for (const [key, flag] of Object.entries(waivers)) {
    const made = saved[key] === true;
    const typed = given.flags[flag] === true;
    if (made && !typed) {
      throw new InputError(
        'MRR_PLAN_E013',
        'flags',
        flag,
        undefined,
        `${flag} again: the plan was made with ${recorded.join(' ')}${reason ? ` --reason "${reason}"` : ''}, and a waiver in a file is not a waiver — re-state it: \`mrrctl apply FILE ${recorded.join(' ')}${reason ? ` --reason "${reason}"` : ''}\``,
      );
    }
    if (!made && typed) {
      throw new InputError('MRR_PLAN_E013', 'flags', flag, true, `nothing: the plan was made without ${flag} (its guards were evaluated without that waiver); make a new plan with \`mrrctl ${command} … ${flag} --plan-out FILE\``);
    }
  }
  if (recorded.length > 0 && reason !== '' && (given.reason?.trim() ?? '') !== reason) {
    throw new InputError('MRR_PLAN_E013', 'flags', '--reason', given.reason, `"${reason}", the reason the plan's waivers (${recorded.join(' ')}) were given with`);
  }
}
