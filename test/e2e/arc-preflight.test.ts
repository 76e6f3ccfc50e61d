/**
 * `mrrctl preflight` on the ARC demo world (`sandbox seed --dns-strategy arc-routing-control`), through
 * main() against the sandbox: the cluster endpoints, the RECOVERY_CONTROL records and the safety rules;
 * one endpoint down is a warning, three down a fail; a config without endpoints gets them from
 * DescribeCluster in the remedy; a safety rule name that does not exist fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { runCli } from '../helpers/run-cli.js';
import { sandboxAdmin, startTestSandbox } from '../helpers/sandbox.js';

let sb: SandboxHandle;
let dir: string;
const run = (argv: string[]) => runCli(['--sandbox', sb.url, ...argv], { cwd: dir, env: { HOME: dir } });
type Check = { id: string; status: string; evidence: string; remedy?: string };
const arcChecks = async (argv: string[] = []) => {
  const r = await run(['preflight', '--output', 'json', ...argv]);
  return { r, checks: (r.json().data.checks as Check[]).filter((c) => c.id.startsWith('arc.')) };
};

beforeAll(async () => {
  sb = await startTestSandbox();
  dir = mkdtempSync(join(tmpdir(), 'mrrctl-arc-preflight-'));
  const seeded = await run(['sandbox', 'seed', '--dns-strategy', 'arc-routing-control', '--write-config', 'mrrctl.yaml']);
  expect(seeded.code, seeded.stderr).toBe(0);
});
afterAll(async () => {
  await sb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.sequential('preflight with dns.strategy arc-routing-control', () => {
  it('all five endpoints answer, each Region\'s record carries a RECOVERY_CONTROL check of its control, the safety rules exist', async () => {
    const seq = sb.calls().at(-1)?.seq ?? 0;
    const { checks } = await arcChecks();
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['arc.endpoints', 'pass'],
      ['arc.records', 'pass'],
      ['arc.safety-rules', 'pass'],
    ]);
    expect(checks[0]!.evidence).toContain('all 5 cluster endpoints answer');
    expect(checks[1]!.evidence).toContain('RECOVERY_CONTROL health checks follow the routing controls: us-east-1 →');
    expect(sb.calls().filter((c) => c.seq > seq && c.write)).toEqual([]);
    // The control-config reads are signed for us-west-2.
    expect(sb.calls().filter((c) => c.seq > seq && c.operation === 'ListSafetyRules').map((c) => c.region)).toEqual(['us-west-2']);
  });

  it('one endpoint Region down: a warning naming it (3 of 5 still answer); three down: a fail', async () => {
    expect((await sandboxAdmin(sb, 'POST', 'faults', { region: 'ap-southeast-2', kind: 'outage' })).status).toBe(201);
    let { checks } = await arcChecks();
    expect(checks[0]!.status).toBe('warn');
    expect(checks[0]!.evidence).toContain('4 of 5 cluster endpoints answer; not: ap-southeast-2 (unreadable: route53-recovery-cluster GetRoutingControlState in ap-southeast-2:');
    for (const region of ['ap-northeast-1', 'eu-west-1']) expect((await sandboxAdmin(sb, 'POST', 'faults', { region, kind: 'outage' })).status).toBe(201);
    ({ checks } = await arcChecks());
    expect(checks[0]!.status).toBe('fail');
    expect(checks[0]!.evidence).toContain('only 2 of 5 cluster endpoints answer');
    await sandboxAdmin(sb, 'DELETE', 'faults');
  });

  it('dns.arc.endpoints absent: DescribeCluster fills the remedy line; an unknown safety rule name fails', async () => {
    const file = join(dir, 'mrrctl.yaml');
    const original = readFileSync(file, 'utf8');
    const config = parse(original);
    const endpoints = config.dns.arc.endpoints as Array<{ region: string; url: string }>;
    delete config.dns.arc.endpoints;
    config.dns.arc.safetyRules = [...config.dns.arc.safetyRules, 'no-such-rule'];
    writeFileSync(file, stringify(config));
    try {
      const { r, checks } = await arcChecks();
      expect(r.code).toBe(3);
      expect(checks[0]!.status).toBe('fail');
      expect(checks[0]!.evidence).toContain('dns.arc.endpoints lists no endpoint; DescribeCluster lists 5');
      expect(checks[0]!.remedy).toContain(`{ region: ${endpoints[0]!.region}, url: ${endpoints[0]!.url} }`);
      expect(checks[2]!.status).toBe('fail');
      expect(checks[2]!.evidence).toContain('no safety rule named no-such-rule');
    } finally {
      writeFileSync(file, original);
    }
  });
});

describe('cost with dns.strategy arc-routing-control', () => {
  it('adds the cluster\'s hourly price (marked [INF]) and says one cluster can be shared across accounts (AWS RAM)', async () => {
    const r = await run(['cost', '--mau', '1000']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Route 53 ARC cluster (dns.strategy arc-routing-control): $2.50 per hour, $1825.00 per month [INF: check the ARC pricing page]');
    expect(r.stdout).toContain('one cluster can be shared with other accounts through AWS RAM');
    const json = (await run(['cost', '--mau', '1000', '--output', 'json'])).json();
    expect(json.data.arc.clusterUsdPerHour).toBe(2.5);
    expect(json.data.total).toBe(4.5);
  });
});
