/**
 * `health` with dns.strategy arc-routing-control (the sandbox's ARC demo world): the records' health
 * checks follow the routing controls, so instead of "HEALTH CHECK not configured" each Region shows its
 * routing control state, read from the cluster through the reader status uses; in JSON
 * `data.routingControls`. `status` reads the states once for its DNS answer and its health probes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { violations } from './json-contract-runs.js';

let w: SeededWorld;
beforeEach(async () => {
  w = await seededWorld(undefined, undefined, { clock: new VirtualClock(Date.parse('2030-01-02T03:04:05.000Z')), dnsStrategy: 'arc-routing-control' });
});
afterEach(async () => {
  await w.stop();
});

const arcCalls = (since: number) => w.sb.calls().filter((c) => c.seq > since && c.service.startsWith('route53-recovery'));

describe('health with arc-routing-control', () => {
  it('shows each Region\'s routing control state and where it was read, in text and JSON; nothing written', async () => {
    const since = w.lastSeq();
    const json = await w.run(['health', '--output', 'json']);
    expect(json.code).toBe(0);
    // The strict schema (docs/schemas/health.json) knows every key.
    expect(violations('health', json)).toEqual([]);
    // The cluster's endpoints are asked in rotation: whichever answered is named.
    const endpoints = w.summary.arc.endpoints.map((e: { region: string }) => e.region);
    expect(endpoints).toHaveLength(5);
    const arc = json.json().data.routingControls;
    expect(endpoints).toContain(arc.endpoint);
    expect(arc).toEqual({
      states: { 'us-east-1': 'On', 'eu-west-1': 'Off' },
      endpoint: arc.endpoint,
      unanswered: [],
      error: null,
      evidence: `routing controls us-east-1 On, eu-west-1 Off (read from the ${arc.endpoint} endpoint)`,
    });
    const text = await w.run(['health']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^REGION +ROLE +REPLICA +ROUTING CONTROL +DISCOVERY +JWKS +TOKEN +STATUS$/m);
    expect(text.stdout).toMatch(/^us-east-1 +primary +ACTIVE +On +200 /m);
    expect(text.stdout).toMatch(/^eu-west-1 +secondary +none +Off +/m);
    expect(text.stdout).toMatch(/\nrouting controls us-east-1 On, eu-west-1 Off \(read from the [a-z0-9-]+ endpoint\)\n/);
    expect(text.stdout).not.toContain('not configured');
    expect(w.writesSince(since)).toEqual([]);
  });

  it('status reads the routing control states once, for its DNS answer and its health probes alike', async () => {
    const since = w.lastSeq();
    const r = await w.run(['status', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().data.dns).toMatchObject({ strategy: 'arc-routing-control', serving: 'us-east-1' });
    expect(arcCalls(since).map((c) => c.operation)).toEqual(['GetRoutingControlState', 'GetRoutingControlState']);
  });
});
