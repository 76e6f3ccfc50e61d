/**
 * `replica list` and `issuer status` read from the secondary when the primary does not answer
 * (issue 16): they say which Region answered and that the view may be stale, list each failed read
 * as "unreadable: … re-run after recovery", and exit 3; a fault elsewhere does not touch them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpKeyAndIssuer, setUpReplica } from '../helpers/mrr-setup.js';
import { injectFault } from '../helpers/sandbox.js';
import { seededWorld, type SeededWorld } from '../helpers/seeded.js';

const P = 'us-east-1';
const S = 'eu-west-1';
let w: SeededWorld;

const inject = (fault: Record<string, unknown>) => injectFault(w.sb, fault);

beforeEach(async () => {
  w = await seededWorld();
  await setUpKeyAndIssuer(w);
  await setUpReplica(w, { activate: true });
});
afterEach(async () => {
  await w.stop();
});

describe('replica list when a read fails', () => {
  it('us-east-1 down: the replicas as eu-west-1 reports them, marked stale, exit 3', async () => {
    await inject({ region: P, kind: 'outage' });
    const r = await w.run(['replica', 'list', '--output', 'json']);
    expect(r.code).toBe(3);
    const body = r.json();
    expect(body.ok).toBe(false);
    expect(body.data).toMatchObject({ answeredBy: S, stale: true, notHostedIn: [] });
    expect(body.data.replicas.map((x: { region: string; role: string; status: string }) => `${x.region} ${x.role} ${x.status}`)).toEqual([`${P} PRIMARY ACTIVE`, `${S} SECONDARY ACTIVE`]);
    expect(body.data.unreadable.map((u: { message: string }) => u.message)).toEqual([expect.stringMatching(/^unreadable: cognito-idp ListUserPoolReplicas in us-east-1: \S+.*, re-run after recovery$/)]);
    expect(body.diagnostics.map((d: { code: string }) => d.code)).toEqual(['MRR_UNREADABLE_E001', 'MRR_UNREADABLE_W002']);
  });

  it('a throttling storm on ListUserPoolReplicas in us-east-1: text says who answered and lists the table', async () => {
    await inject({ region: P, service: 'cognito-idp', operation: 'ListUserPoolReplicas', kind: 'throttle' });
    const r = await w.run(['replica', 'list']);
    expect(r.code).toBe(3);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^unreadable: cognito-idp ListUserPoolReplicas in us-east-1: TooManyRequestsException: .*, re-run after recovery$/);
    expect(lines[1]).toBe('answered by eu-west-1 (us-east-1 did not answer): the view may be stale');
    expect(lines[2]).toMatch(/^REGION\s+ROLE\s+STATUS\s+ARN$/);
    expect(lines.slice(3).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual([`${P} PRIMARY ACTIVE`, `${S} SECONDARY ACTIVE`]);
  });

  it('Lambda down in eu-west-1 does not concern it: exit 0 from us-east-1', async () => {
    await inject({ region: S, service: 'lambda', kind: 'outage' });
    const r = await w.run(['replica', 'list', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().data).toMatchObject({ answeredBy: P, stale: false, unreadable: [] });
  });

  it('Cognito down in both Regions: no table, both reads unreadable', async () => {
    await inject({ service: 'cognito-idp', kind: 'error', status: 500 });
    const r = await w.run(['replica', 'list', '--output', 'json']);
    expect(r.code).toBe(3);
    expect(r.json().data).toMatchObject({ replicas: null, answeredBy: null });
    expect(r.json().data.unreadable.map((u: { region: string }) => u.region)).toEqual([P, S]);
  });
});

describe('issuer status when a read fails', () => {
  it('us-east-1 down: the issuer as eu-west-1 reports it, unreadable lines, the secondary still probed, exit 3', async () => {
    await inject({ region: P, kind: 'outage' });
    const r = await w.run(['issuer', 'status', '--output', 'json']);
    expect(r.code).toBe(3);
    const data = r.json().data;
    expect(data).toMatchObject({ type: 'UPDATED', answeredBy: S, stale: true, ok: false });
    expect(data.unreadable.map((u: { operation: string; region: string }) => `${u.operation} ${u.region}`)).toEqual([`DescribeUserPool ${P}`]);
    expect(data.regions.map((x: { region: string; hosted: boolean; replicaStatus: string }) => `${x.region} ${x.hosted} ${x.replicaStatus}`)).toEqual([`${P} true ACTIVE`, `${S} true ACTIVE`]);
  });

  it('a throttling storm on DescribeUserPool in us-east-1: text names the unreadable read and who answered', async () => {
    await inject({ region: P, service: 'cognito-idp', operation: 'DescribeUserPool', kind: 'throttle' });
    const r = await w.run(['issuer', 'status']);
    expect(r.code).toBe(3);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^unreadable: cognito-idp DescribeUserPool in us-east-1: TooManyRequestsException: .*, re-run after recovery$/);
    expect(lines[1]).toBe('answered by eu-west-1 (the primary did not answer): the view may be stale');
    expect(lines[2]).toBe(`Issuer of ${w.summary.userPoolId}: UPDATED`);
    expect(r.stdout).toContain(`${S} (secondary, replica ACTIVE)`);
  });

  it('Lambda down in eu-west-1 does not concern it: exit 0, nothing unreadable', async () => {
    await inject({ region: S, service: 'lambda', kind: 'outage' });
    const r = await w.run(['issuer', 'status', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().data).toMatchObject({ answeredBy: P, stale: false, unreadable: [], ok: true });
  });
});
