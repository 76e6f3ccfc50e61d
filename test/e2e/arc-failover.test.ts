/**
 * `failover` with the arc-routing-control strategy against the sandbox's ARC cluster, through the real
 * cluster client: the whole primary Region down (its Cognito, OIDC, KMS, Route 53's control plane and
 * CloudWatch — all signed for us-east-1 — and its cluster endpoint) plus a second endpoint Region;
 * the failover applies through an endpoint that is up, with no Route 53 lock or history (the journal
 * records the move as history-pending); failback after recovery writes both moves into the zone's history.
 */
import { GetRoutingControlStateCommand, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { CreateSafetyRuleCommand } from '@aws-sdk/client-route53-recovery-control-config';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildArcWorld, endpointClient, type ArcWorld } from '../sandbox/arc-fixtures.js';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { sandboxAdmin } from '../helpers/sandbox.js';
import { AwsClients } from '../../src/aws/clients.js';
import { readArcServing } from '../../src/app/traffic/arc-serving.js';
import { allowedActions } from '../../src/core/iam/policy.js';
import { iamActionFor } from '../../src/core/iam/signing-names.js';

const P = 'us-east-1';
const S = 'eu-west-1';
let world: FailoverWorld;
let arc: ArcWorld;

async function state(arn: string, region = 'us-west-2'): Promise<string | undefined> {
  const endpoint = arc.endpoints.find((e) => e.Region === region);
  if (!endpoint) throw new Error(`no endpoint in ${region}`);
  return (await endpointClient(endpoint).send(new GetRoutingControlStateCommand({ RoutingControlArn: arn }))).RoutingControlState;
}

beforeAll(async () => {
  world = await failoverWorld({ guards: { minUnhealthySeconds: 0, cooldownSeconds: 0, requireDriftClean: false } });
  arc = await buildArcWorld(world.w.sb);
  const first = arc.endpoints.find((e) => e.Region === 'us-west-2');
  if (!first) throw new Error('no us-west-2 endpoint');
  await endpointClient(first).send(
    new UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: [{ RoutingControlArn: arc.east, RoutingControlState: 'On' }, { RoutingControlArn: arc.west, RoutingControlState: 'Off' }] }),
  );
  const file = join(world.w.dir, 'mrrctl.yaml');
  const config = parse(readFileSync(file, 'utf8'));
  config.dns = {
    strategy: 'arc-routing-control',
    hostedZoneId: config.dns.hostedZoneId,
    recordName: config.dns.recordName,
    arc: {
      clusterArn: arc.clusterArn,
      endpoints: arc.endpoints.map((e) => ({ region: e.Region, url: e.Endpoint })),
      routingControls: { [P]: arc.east, [S]: arc.west },
      safetyRules: ['at-least-one-on'],
    },
  };
  writeFileSync(file, stringify(config));
});
afterAll(async () => {
  await world?.stop();
});

const run = (argv: string[], opts: { tty?: boolean; stdin?: string } = {}) => world.w.run(argv, { env: world.env, ...opts });

describe.sequential('failover through ARC routing controls', () => {
  it('dry-run: the plan sets the target On and the source Off in one call, nothing is written', async () => {
    const seq = world.w.lastSeq();
    const r = await run(['failover', '--to', S, '--dry-run', '--planned', '--reason', 'drill', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const steps = r.json().data.plan.steps as Array<{ id: string; operation: string }>;
    expect(steps.map((s) => s.id)).toEqual(['route53.take-lock', 'arc.move-traffic', 'route53.verify', 'oidc.post-checks', 'route53.record-history', 'route53.release-lock']);
    expect(world.w.writesSince(seq)).toEqual([]);
    expect(await state(arc.east)).toBe('On');
  });

  it('a break-glass override naming no rule of the control panel is refused (exit 3), nothing written', async () => {
    const seq = world.w.lastSeq();
    const r = await run(['failover', '--to', S, '--yes', '--override-safety-rule', 'no-such-rule', '--reason', 'drill', '--output', 'json']);
    expect(r.code, r.stderr).toBe(3);
    const guard = (r.json().data.plan.guards as Array<{ id: string; ok: boolean; evidence: string }>).find((g) => g.id === 'arc-safety-override');
    expect(guard?.ok).toBe(false);
    expect(guard?.evidence).toContain('no-such-rule: no safety rule of that name or ARN');
    expect(guard?.evidence).toContain('(its rules: at-least-one-on, batch-needs-gate)');
    expect(world.w.writesSince(seq)).toEqual([]);
  });

  describe.sequential('a gating rule the move breaks (west-needs-gate: eu-west-1 changes only while the gate is On)', () => {
    let ruleArn = '';
    beforeAll(async () => {
      const out = await arc.config.send(
        new CreateSafetyRuleCommand({
          GatingRule: { Name: 'west-needs-gate', ControlPanelArn: arc.panelArn, GatingControls: [arc.gate], TargetControls: [arc.west], RuleConfig: { Type: 'OR', Threshold: 1, Inverted: false }, WaitPeriodMs: 0 },
        }),
      );
      ruleArn = out.GatingRule!.SafetyRuleArn!;
    });
    afterAll(async () => {
      // Back to the suite's start: us-east-1 On, eu-west-1 Off, and the gate On so the rule no longer blocks.
      const first = arc.endpoints.find((e) => e.Region === 'us-west-2')!;
      await endpointClient(first).send(
        new UpdateRoutingControlStatesCommand({
          UpdateRoutingControlStateEntries: [
            { RoutingControlArn: arc.east, RoutingControlState: 'On' },
            { RoutingControlArn: arc.west, RoutingControlState: 'Off' },
            { RoutingControlArn: arc.gate, RoutingControlState: 'On' },
          ],
          SafetyRulesToOverride: [ruleArn],
        }),
      );
    });

    it('the cluster refuses: exit 3 (MRR_FAILOVER_E011) naming the rule and its ARN; nothing moved, the lock is released', async () => {
      const r = await run(['failover', '--to', S, '--yes', '--planned', '--reason', 'drill', '--output', 'json']);
      expect(r.code, r.stderr).toBe(3);
      const diagnostics = r.json().diagnostics as Array<{ code: string; message: string }>;
      expect(diagnostics.map((d) => d.code), JSON.stringify(r.json().data.plan.guards.filter((g: { ok: boolean }) => !g.ok))).toEqual(['MRR_FAILOVER_E011']);
      expect(diagnostics[0]!.message).toContain(`ARC safety rule west-needs-gate (${ruleArn}) refused the routing control change; nothing was changed`);
      expect(diagnostics[0]!.message).toContain('Break-glass: --override-safety-rule west-needs-gate --reason');
      expect(await state(arc.east)).toBe('On');
      expect(await state(arc.west)).toBe('Off');
      expect(await world.txt('_mrrctl-lock')).toEqual([]);
    });

    it('interactively the break-glass prompt wants the rule name: typing the Region is not a confirmation (exit 5, no ARC write)', async () => {
      const seq = world.w.lastSeq();
      const r = await run(['failover', '--to', S, '--planned', '--override-safety-rule', 'west-needs-gate', '--reason', 'gate stuck'], { tty: true, stdin: `${S}\n` });
      expect(r.code, r.stderr).toBe(5);
      const plain = r.stderr.replace(/\x1b\[[0-9;]*m/g, '');
      expect(plain).toContain('Type the safety rule name "west-needs-gate" to confirm');
      expect(plain).toContain('not confirmed: expected "west-needs-gate", got "eu-west-1"');
      expect(plain).toContain(`BREAK-GLASS: overriding ARC safety rule(s) west-needs-gate (${ruleArn}) (reason: gate stuck)`);
      expect(world.w.sb.calls().filter((c) => c.seq > seq && c.operation === 'UpdateRoutingControlStates')).toEqual([]);
    });

    it('--override-safety-rule west-needs-gate (the name) --reason --yes: applies, SafetyRulesToOverride carries the ARN, the history names the override', async () => {
      const r = await run(['failover', '--to', S, '--yes', '--planned', '--override-safety-rule', 'west-needs-gate', '--reason', 'gate stuck', '--output', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const move = (r.json().data.plan.steps as Array<{ id: string; input: Record<string, unknown> }>).find((s) => s.id === 'arc.move-traffic');
      expect(move?.input.SafetyRulesToOverride).toEqual([ruleArn]);
      expect(await state(arc.west)).toBe('On');
      expect(await state(arc.east)).toBe('Off');
      expect((await world.txt('_mrrctl-history')).join(' ')).toContain(`safety rule(s) overridden: west-needs-gate (${ruleArn})`);
    });
  });

  it('--override-safety-rule without --reason: exit 2, nothing called', async () => {
    const seq = world.w.lastSeq();
    const r = await run(['failover', '--to', S, '--yes', '--override-safety-rule', arc.atLeastOneOn]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a non-empty reason with --override-safety-rule');
    expect(world.w.sb.calls().filter((c) => c.seq > seq)).toEqual([]);
  });

  it('primary Region and ap-southeast-2 down: the failover applies through an endpoint that is up, within a minute', async () => {
    const historyBefore = await world.txt('_mrrctl-history');
    for (const region of [P, 'ap-southeast-2']) {
      const f = await sandboxAdmin(world.w.sb, 'POST', 'faults', { region, kind: 'outage' });
      expect(f.status).toBe(201);
    }
    const seq = world.w.lastSeq();
    const started = Date.now();
    const r = await run(['failover', '--to', S, '--yes', '--reason', 'us-east-1 down', '--output', 'json']);
    expect(r.code, JSON.stringify([r.json().diagnostics, r.json().data.plan?.guards?.filter((g: { ok: boolean }) => !g.ok)])).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const calls = world.w.sb.calls().filter((c) => c.seq > seq);
    const okWrites = calls.filter((c) => c.write && c.status >= 200 && c.status < 300);
    expect(okWrites.map((c) => `${c.region} ${c.operation}`)).toEqual([expect.stringMatching(/^(eu-west-1|us-west-2|ap-northeast-1) UpdateRoutingControlStates$/)]);
    // Nothing succeeded in the failed Region.
    expect(calls.filter((c) => c.region === P && c.status >= 200 && c.status < 300)).toEqual([]);
    const results = r.json().data.result.results as Array<{ stepId: string; status: string }>;
    expect(results.map((x) => x.stepId)).toEqual(['arc.move-traffic', 'route53.verify', 'oidc.post-checks']);
    // status, still during the outage, reads where users are from the routing controls.
    const st = await run(['status', '--output', 'json']);
    expect(st.json().data.dns).toMatchObject({ strategy: 'arc-routing-control', serving: S, servingUnknown: null, shares: { [P]: 0, [S]: 100 } });
    await sandboxAdmin(world.w.sb, 'DELETE', 'faults');
    expect(await state(arc.west)).toBe('On');
    expect(await state(arc.east)).toBe('Off');
    const journal = readFileSync(world.w.journal, 'utf8');
    expect(journal).toContain('"HistoryPending":true');
    expect(await world.txt('_mrrctl-history')).toEqual(historyBefore);
  });

  it('failback after recovery: through the lock, and the zone history gets both moves', async () => {
    const r = await run(['failover', '--to', P, '--yes', '--reason', 'recovered', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(await state(arc.east)).toBe('On');
    expect(await state(arc.west)).toBe('Off');
    const history = (await world.txt('_mrrctl-history')).join(' ');
    expect(history).toContain('failback');
    expect(history).toContain('failover');
    expect(await world.txt('_mrrctl-lock')).toEqual([]);
    const st = await run(['status', '--output', 'json']);
    expect(st.json().data.dns).toMatchObject({ strategy: 'arc-routing-control', serving: P, servingUnknown: null });
    expect(st.json().data.lastFailover).toMatchObject({ kind: 'failback', from: S, to: P, reason: 'recovered' });
  });

  it('readArcServing (status/health): the Region whose control is On, from an endpoint that answers', async () => {
    const file = join(world.w.dir, 'mrrctl.yaml');
    const dns = parse(readFileSync(file, 'utf8')).dns;
    const clients = new AwsClients({ target: { sandbox: true, endpoint: world.w.sb.url } as never });
    try {
      const f = await sandboxAdmin(world.w.sb, 'POST', 'faults', { region: P, kind: 'outage' });
      expect(f.status).toBe(201);
      const r = await readArcServing(clients, dns, { primary: P, secondary: S });
      expect(r?.serving).toEqual([P]);
      expect(r?.evidence).toContain(`routing controls ${P} On, ${S} Off`);
    } finally {
      await sandboxAdmin(world.w.sb, 'DELETE', 'faults');
      clients.destroy();
    }
  });

  it('iam-policy for this ARC config allows every ARC call preflight and a failover made (sandbox call log)', async () => {
    const made: Record<string, Set<string>> = {};
    const exercise = async (command: string, argv: string[], codes = [0]) => {
      const seq = world.w.lastSeq();
      const r = await run(argv);
      expect(codes, `${argv.join(' ')}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
      const set = (made[command] ??= new Set());
      for (const c of world.w.sb.calls().filter((x) => x.seq > seq)) {
        const action = iamActionFor(c.service, c.operation);
        if (action?.startsWith('route53-recovery-')) set.add(action);
      }
    };
    await exercise('preflight', ['preflight'], [0, 3]);
    await exercise('failover', ['failover', '--to', S, '--dry-run', '--planned', '--reason', 'iam drill']);
    await exercise('failover', ['failover', '--to', S, '--yes', '--planned', '--reason', 'iam drill']);
    // Naming a safety rule to override makes failover resolve it through ListSafetyRules.
    await exercise('failover', ['failover', '--to', P, '--yes', '--planned', '--override-safety-rule', 'at-least-one-on', '--reason', 'iam drill']);
    expect([...made.failover!].sort()).toEqual([
      'route53-recovery-cluster:GetRoutingControlState',
      'route53-recovery-cluster:UpdateRoutingControlStates',
      'route53-recovery-control-config:ListSafetyRules',
    ]);
    expect([...made.preflight!].sort()).toEqual(['route53-recovery-cluster:GetRoutingControlState', 'route53-recovery-control-config:ListSafetyRules']);
    for (const [command, actions] of Object.entries(made)) {
      const r = await run(['iam-policy', '--command', command, '--account', '123456789012', '--output', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const allowed = allowedActions(r.json().data.policy);
      expect([...actions].filter((a) => !allowed.has(a)), command).toEqual([]);
    }
  });

  it('canary with ARC: exit 2 explaining routing controls are on/off, pointing to weighted; no AWS call', async () => {
    const seq = world.w.lastSeq();
    const r = await run(['canary', '--to', S, '--percent', '10', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ARC routing controls are on/off switches');
    expect(r.stderr).toContain('dns.strategy: weighted');
    expect(world.w.sb.calls().filter((c) => c.seq > seq)).toEqual([]);
  });
});
