/** `health` for a pool that does not exist: exit 3 saying so (as `status` does), not "absent" with exit 0. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

let w: SeededWorld;
beforeAll(async () => {
  w = await seededWorld();
});
afterAll(async () => {
  await w.stop();
});

describe('a pool that does not exist', () => {
  it('health: exit 3, MRR_HEALTH_E003, naming the Regions that answered ResourceNotFoundException; nothing written', async () => {
    const since = w.lastSeq();
    const r = await w.run(['health', '--pool', 'us-east-1_Nope12345']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: user pool us-east-1_Nope12345 was not found: us-east-1 and eu-west-1 answered ResourceNotFoundException. ' +
        'Check --pool (or userPoolId in the config) and that the credentials are for the account that owns the pool. [MRR_HEALTH_E003]\n',
    );
    const json = await w.run(['health', '--pool', 'us-east-1_Nope12345', '--output', 'json']);
    expect(json.code).toBe(3);
    expect(json.json()).toMatchObject({ ok: false, diagnostics: [{ severity: 'error', code: 'MRR_HEALTH_E003' }] });
    expect(w.writesSince(since)).toEqual([]);
  });
});
