import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/server.js';
import { sandboxAdmin, sandboxClient, startTestSandbox } from '../helpers/sandbox.js';
import { testWorld } from './server-fakes.js';

const handles: SandboxHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(options: { stateFile?: string; settings?: Record<string, unknown> } = {}) {
  const sb = await startTestSandbox(options.settings as never, { world: testWorld(), stateFile: options.stateFile });
  handles.push(sb);
  return sb;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mrrctl-sandbox-'));
  dirs.push(dir);
  return dir;
}

async function createKey(sb: SandboxHandle, region = 'us-east-1'): Promise<string> {
  const client = sandboxClient(KMSClient, sb, region);
  const created = await client.send(new CreateKeyCommand({ Description: 'admin test' }));
  client.destroy();
  return created.KeyMetadata!.KeyId!;
}

async function listKeys(sb: SandboxHandle, region = 'us-east-1'): Promise<string[]> {
  const client = sandboxClient(KMSClient, sb, region);
  const listed = await client.send(new ListKeysCommand({}));
  client.destroy();
  return (listed.Keys ?? []).map((k) => k.KeyId!);
}

describe('health, calls and faults', () => {
  it('reports healthy', async () => {
    const sb = await start();
    expect(await sandboxAdmin(sb, 'GET', 'health')).toEqual({ status: 200, body: { ok: true } });
  });

  it('lists calls since a sequence number and clears them without reusing numbers', async () => {
    const sb = await start();
    await createKey(sb);
    await listKeys(sb);
    const all = await sandboxAdmin(sb, 'GET', 'calls');
    expect(all.body.calls.map((c: { operation: string }) => c.operation)).toEqual(['CreateKey', 'ListKeys']);
    const since = await sandboxAdmin(sb, 'GET', 'calls?since=1');
    expect(since.body.calls.map((c: { seq: number }) => c.seq)).toEqual([2]);
    expect((await sandboxAdmin(sb, 'DELETE', 'calls')).body).toEqual({ cleared: 2 });
    await listKeys(sb);
    expect((await sandboxAdmin(sb, 'GET', 'calls')).body.calls.map((c: { seq: number }) => c.seq)).toEqual([3]);
    expect((await sandboxAdmin(sb, 'GET', 'calls?since=x')).status).toBe(400);
  });

  it('adds, lists and removes faults', async () => {
    const sb = await start();
    const added = await sandboxAdmin(sb, 'POST', 'faults', { region: 'eu-west-1', service: 'kms', kind: 'latency', ms: 5 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ region: 'eu-west-1', service: 'kms', kind: 'latency', ms: 5, ratio: 1 });
    expect(added.body.id).toMatch(/^fault-\d+$/);
    expect(Date.parse(added.body.since)).not.toBeNaN();
    await sandboxAdmin(sb, 'POST', 'faults', { kind: 'outage', region: 'us-east-1' });
    expect((await sandboxAdmin(sb, 'GET', 'faults')).body.faults).toHaveLength(2);
    expect((await sandboxAdmin(sb, 'DELETE', `faults/${added.body.id}`)).status).toBe(200);
    expect((await sandboxAdmin(sb, 'DELETE', `faults/${added.body.id}`)).status).toBe(404);
    expect((await sandboxAdmin(sb, 'DELETE', 'faults')).body).toEqual({ cleared: 1 });
    expect((await sandboxAdmin(sb, 'GET', 'faults')).body.faults).toEqual([]);
  });

  it('accepts service aliases in faults', async () => {
    const sb = await start();
    const added = await sandboxAdmin(sb, 'POST', 'faults', { kind: 'throttle', service: 'cognito-idp' });
    expect(added.body.service).toBe('cognito');
  });
});

describe('bad admin input', () => {
  it.each([
    [{ kind: 'meltdown' }, 'kind'],
    [{ kind: 'outage', region: 'moon-1' }, 'region'],
    [{ kind: 'outage', service: 'dynamodb' }, 'service'],
    [{ kind: 'outage', ratio: 2 }, 'ratio'],
    [{ kind: 'outage', count: 0 }, 'count'],
    [{ kind: 'latency' }, 'ms'],
    [{ kind: 'error', status: 200 }, 'status'],
    [{ kind: 'outage', colour: 'red' }, 'colour'],
    ['{not json', 'body'],
  ])('refuses fault %j naming %s', async (body, field) => {
    const sb = await start();
    const response = await sandboxAdmin(sb, 'POST', 'faults', body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
    expect(response.body.message).toContain(field);
  });

  it('refuses bad settings, resources and scenarios naming the field', async () => {
    const sb = await start();
    const cases: Array<[string, string, unknown, string]> = [
      ['PUT', 'settings', { latencyMs: -1 }, 'latencyMs'],
      ['PUT', 'settings', { quotas: { scale: 0 } }, 'quotas.scale'],
      ['PUT', 'settings', { replicaDelay: 5 }, 'replicaDelay'],
      ['POST', 'resources/lambda', { FunctionName: 'x' }, 'region'],
      ['POST', 'resources/dynamodb', { region: 'us-east-1' }, 'service'],
      ['POST', 'seed', { scenario: 'chaos' }, 'scenario'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await sandboxAdmin(sb, method, path, body);
      expect([path, response.status, response.body.field]).toEqual([path, 400, field]);
    }
  });

  it('passes a model’s refusal of a seeded resource back as 400', async () => {
    const sb = await start();
    const response = await sandboxAdmin(sb, 'POST', 'resources/lambda', { region: 'us-east-1', FunctionName: 'no-runtime' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/Runtime/);
  });

  it('answers 404 for an unknown endpoint and 405 for a wrong method', async () => {
    const sb = await start();
    expect((await sandboxAdmin(sb, 'GET', 'nothing')).status).toBe(404);
    const wrong = await sandboxAdmin(sb, 'POST', 'health');
    expect(wrong.status).toBe(405);
    expect(wrong.body.message).toContain('GET');
  });
});

describe('settings', () => {
  it('changes latency at runtime', async () => {
    const sb = await start();
    const updated = await sandboxAdmin(sb, 'PUT', 'settings', { latencyMs: 150, dnsDelayMs: 42 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ latencyMs: 150, dnsDelayMs: 42, replicaDelayMs: 200 });
    expect((await sandboxAdmin(sb, 'GET', 'settings')).body.latencyMs).toBe(150);
    expect(sb.world.context('us-east-1').settings.dnsDelayMs).toBe(42);
    const t = performance.now();
    await listKeys(sb);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });
});

describe('reset and resources', () => {
  it('reset empties the models, faults and call log but keeps settings', async () => {
    const sb = await start({ settings: { latencyMs: 1 } });
    await createKey(sb);
    await sandboxAdmin(sb, 'POST', 'faults', { kind: 'latency', ms: 1 });
    expect((await sandboxAdmin(sb, 'POST', 'reset')).status).toBe(200);
    expect((await sandboxAdmin(sb, 'GET', 'faults')).body.faults).toEqual([]);
    expect((await sandboxAdmin(sb, 'GET', 'calls')).body.calls).toEqual([]);
    expect(await listKeys(sb)).toEqual([]);
    expect((await sandboxAdmin(sb, 'GET', 'settings')).body.latencyMs).toBe(1);
  });

  it('state summarises what the models hold', async () => {
    const sb = await start();
    const keyId = await createKey(sb, 'eu-west-1');
    await sandboxAdmin(sb, 'POST', 'faults', { kind: 'outage', region: 'us-east-1' });
    const state = await sandboxAdmin(sb, 'GET', 'state');
    expect(state.status).toBe(200);
    expect(state.body.regions).toContain('eu-west-1');
    expect(state.body.keys).toEqual([expect.objectContaining({ region: 'eu-west-1', keyId, state: 'Enabled', multiRegion: false })]);
    expect(state.body.faults).toHaveLength(1);
    expect(state.body.calls).toMatchObject({ total: 1, writes: 1, errors: 0 });
  });
});

describe('persistence', () => {
  it('keeps the world across a restart with a state file', async () => {
    const stateFile = join(tempDir(), 'state.json');
    const first = await start({ stateFile });
    const keyId = await createKey(first);
    const fault = (await sandboxAdmin(first, 'POST', 'faults', { kind: 'latency', ms: 1, region: 'ap-south-1' })).body;
    // Saved before the write was acknowledged, not only at stop().
    expect(readFileSync(stateFile, 'utf8')).toContain(keyId);
    await first.stop();

    const second = await start({ stateFile });
    expect(await listKeys(second)).toEqual([keyId]);
    expect((await sandboxAdmin(second, 'GET', 'faults')).body.faults).toEqual([fault]);
    // Atomic write-then-rename leaves no temporary files behind.
    expect(readdirSync(join(stateFile, '..'))).toEqual(['state.json']);
  });

  it('lets explicit settings override the saved ones', async () => {
    const stateFile = join(tempDir(), 'state.json');
    const first = await start({ stateFile, settings: { latencyMs: 7, syncDelayMs: 9 } });
    await first.stop();
    const second = await start({ stateFile, settings: { latencyMs: 3 } });
    expect(second.world.settings).toMatchObject({ latencyMs: 3, syncDelayMs: 50 });
  });

  it('refuses to start over a corrupt state file instead of overwriting it', async () => {
    const stateFile = join(tempDir(), 'state.json');
    writeFileSync(stateFile, '{"half": ');
    await expect(start({ stateFile })).rejects.toThrow(/not valid JSON/);
    expect(readFileSync(stateFile, 'utf8')).toBe('{"half": ');
  });
});
