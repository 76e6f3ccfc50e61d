/** Preflight check groups (the hook the ARC checks use): their checks follow; a failed read never ends preflight. */
import { describe, expect, it } from 'vitest';
import { check, runCheckGroups, unreadableCheck, type PreflightCheckGroup } from '../../../src/core/preflight/check.js';
import { ReadLog } from '../../../src/core/unreadable.js';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {}, $mrrctlOrigin: { service: 'route53-recovery-cluster', operation: 'GetRoutingControlState', region: 'us-west-2' } });

describe('runCheckGroups', () => {
  it('returns each group’s checks in order, and turns one failed read inside a group into one unreadable check', async () => {
    const reads = new ReadLog();
    const groups: PreflightCheckGroup[] = [
      { name: 'one', run: async () => [check('one.ok', 'pass', 'fine')] },
      {
        name: 'arc',
        run: async (r) => {
          const a = await r.attempt({ service: 'route53-recovery-cluster', operation: 'GetRoutingControlState', region: 'us-west-2' }, () => Promise.reject(throttled()));
          return [a.ok ? check('arc.state', 'pass', 'read') : unreadableCheck('arc.state', a.unreadable), check('arc.config', 'warn', 'no safety rule', 'add one')];
        },
      },
    ];
    const checks = await runCheckGroups(groups, reads);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['one.ok', 'pass'],
      ['arc.state', 'unreadable'],
      ['arc.config', 'warn'],
    ]);
    expect(checks[1].evidence).toBe('unreadable: route53-recovery-cluster GetRoutingControlState in us-west-2: ThrottlingException: Rate exceeded, re-run after recovery');
    expect(reads.items).toHaveLength(1);
  });

  it('a failed AWS read that escapes a group becomes `<name>.read`; a bug still throws', async () => {
    const reads = new ReadLog();
    const checks = await runCheckGroups([{ name: 'arc', run: () => Promise.reject(throttled()) }], reads);
    expect(checks).toEqual([expect.objectContaining({ id: 'arc.read', status: 'unreadable', remedy: expect.stringContaining('re-run after recovery') })]);
    await expect(runCheckGroups([{ name: 'bad', run: () => Promise.reject(new TypeError('oops')) }], reads)).rejects.toThrow('oops');
  });
});
