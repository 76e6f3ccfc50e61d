/**
 * The mutation registry (what `mrrctl apply FILE` replays) and the IAM command table must name the
 * same mutating commands, and a saved plan's options are decoded, not trusted.
 */
import { describe, expect, it } from 'vitest';
import { MUTATIONS } from '../../src/app/mutation/registry.js';
import { COMMAND_PERMISSIONS } from '../../src/core/iam/commands.js';
import { MrrError } from '../../src/core/errors.js';

const MUTATING_COMMANDS = [
  'canary',
  'canary stop',
  'drift fix',
  'failover',
  'issuer switch',
  'keys setup',
  'replica activate',
  'replica create',
  'replica deactivate',
  'replica delete',
];

describe('mutation registry', () => {
  it('registers exactly the mutating commands', () => {
    expect(Object.keys(MUTATIONS).sort()).toEqual(MUTATING_COMMANDS);
  });

  it('has an IAM entry marked mutating for every registered mutation, and no other mutating entry', () => {
    const mutatingInIam = Object.entries(COMMAND_PERMISSIONS)
      .filter(([, p]) => p.mutating)
      .map(([name]) => name)
      .sort();
    expect(mutatingInIam).toEqual(MUTATING_COMMANDS);
  });

  it.each(MUTATING_COMMANDS)('loads the definition of %s under its own name', async (name) => {
    const handle = await MUTATIONS[name]();
    expect(handle.command).toBe(name);
  });

  it('binds the options of a saved failover plan', async () => {
    const handle = await MUTATIONS.failover();
    const saved = { to: 'eu-west-1', planned: true, force: false, forceUnhealthyTarget: false, breakLock: false, reason: 'drill', timeoutSeconds: 600, identity: { actor: 'a@h', lockId: 'l-1', plannedAt: '2025-01-01T00:00:00.000Z' } };
    // A plan saved before --override-safety-rule existed binds with no override; one saved before the
    // lock rode in the DNS change's batch re-plans to its two steps (take the lock, then change DNS).
    expect(handle.fromSaved(saved).options).toEqual({ ...saved, overrideSafetyRules: [], lockInMoveBatch: false });
    expect(handle.fromSaved({ ...saved, lockInMoveBatch: true }).options).toMatchObject({ lockInMoveBatch: true });
  });

  it('refuses a saved option of the wrong type with exit 2, naming the field', async () => {
    const handle = await MUTATIONS['replica create']();
    let caught: unknown;
    try {
      handle.fromSaved({ wait: 'yes', timeoutSeconds: 600, allowDrift: false });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MrrError);
    expect(caught).toMatchObject({ code: 'MRR_PLAN_E002', exitCode: 2 });
    expect((caught as Error).message).toContain('plan.options.wait');
  });
});
