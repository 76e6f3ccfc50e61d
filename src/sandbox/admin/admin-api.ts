/**
 * The admin API under `/_sandbox/` (JSON in, JSON out), used by `mrrctl sandbox …` and by tests.
 * It is not an AWS API: no SigV4, no faults, not in the call log. Bad input answers 400 with a
 * message that names the field.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultInput } from '../fault-input.js';
import { refuseIfSeeded } from '../seed/already-seeded.js';
import { DEMO_DNS_STRATEGIES, demoProbeSecret, renderDemoConfig, seedDemo, type DemoDnsStrategy } from '../seed/demo.js';
import { SettingsInputError, isPlainObject, parseSettingsPatch } from '../settings.js';
import { summarizeWorld } from '../state-summary.js';
import { SandboxError } from '../types.js';
import { sendJson } from '../wire/http-io.js';
import type { World } from '../world.js';

export const ADMIN_PREFIX = '/_sandbox/';
export const SEED_SCENARIOS = ['demo'] as const;

type Handler = (world: World, input: AdminInput) => Promise<{ status?: number; body: unknown }>;

interface AdminInput {
  params: string[];
  query: URLSearchParams;
  body: string;
  /** The sandbox's URL as the caller reached it (for URLs the world hands out, e.g. ARC endpoints). */
  baseUrl: string;
}

/** Routes by "METHOD path-pattern"; `*` matches one path segment. */
const ROUTES: Array<[string, string, Handler]> = [
  ['GET', 'health', async () => ({ body: { ok: true } })],
  ['GET', 'state', async (world) => ({ body: await summarizeWorld(world) })],
  ['GET', 'calls', async (world, { query }) => ({ body: { calls: world.callLog.list(parseSince(query)), lastSeq: world.callLog.latestSeq } })],
  ['DELETE', 'calls', async (world) => ({ body: { cleared: world.callLog.clear() } })],
  ['GET', 'faults', async (world) => ({ body: { faults: world.faults.list() } })],
  [
    'POST',
    'faults',
    async (world, { body }) => ({ status: 201, body: world.addFault(parseFaultInput(parseJson(body), (n) => world.canonicalServiceName(n), world.serviceNames())) }),
  ],
  ['DELETE', 'faults', async (world) => ({ body: { cleared: world.clearFaults() } })],
  [
    'DELETE',
    'faults/*',
    async (world, { params }) =>
      world.removeFault(params[0])
        ? { body: { deleted: params[0] } }
        : { status: 404, body: { message: `no fault with id ${JSON.stringify(params[0])}`, field: 'id' } },
  ],
  [
    'POST',
    'reset',
    async (world) => {
      world.reset();
      return { body: { ok: true } };
    },
  ],
  ['GET', 'settings', async (world) => ({ body: world.settings })],
  ['PUT', 'settings', async (world, { body }) => ({ body: world.updateSettings(parseSettingsPatch(parseJson(body))) })],
  ['POST', 'resources/*', async (world, { params, body }) => ({ status: 201, body: putResource(world, params[0], parseJson(body)) })],
  ['POST', 'seed', async (world, { body, baseUrl }) => ({ status: 201, body: await seed(world, body, baseUrl) })],
];

export async function serveAdmin(world: World, req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
  const path = url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, '');
  const segments = path.split('/').map((s) => decodeURIComponent(s));
  const matching = ROUTES.filter(([, pattern]) => matchPattern(pattern, segments) !== undefined);
  if (matching.length === 0) return sendJson(res, 404, { message: `no admin endpoint /_sandbox/${path}` });
  const route = matching.find(([method]) => method === req.method);
  if (!route) {
    return sendJson(res, 405, { message: `${req.method} not allowed on /_sandbox/${path}; use ${matching.map(([m]) => m).join(', ')}` });
  }
  try {
    const params = matchPattern(route[1], segments) ?? [];
    const host = Array.isArray(req.headers.host) ? req.headers.host[0] : req.headers.host;
    const result = await route[2](world, { params, query: url.searchParams, body, baseUrl: `http://${host ?? '127.0.0.1'}` });
    sendJson(res, result.status ?? 200, result.body);
  } catch (err) {
    if (err instanceof SettingsInputError) return sendJson(res, 400, { message: err.message, field: err.field });
    if (err instanceof SandboxError) {
      const status = err.status >= 500 ? 500 : err.status === 409 ? 409 : 400;
      return sendJson(res, status, { message: err.message, code: err.code });
    }
    sendJson(res, 500, { message: (err as Error).message ?? String(err) });
  }
}

function matchPattern(pattern: string, segments: string[]): string[] | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '*') params.push(segments[i]);
    else if (parts[i] !== segments[i]) return undefined;
  }
  return params;
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new SettingsInputError('body', 'not valid JSON');
  }
}

function parseSince(query: URLSearchParams): number | undefined {
  const since = query.get('since');
  if (since === null) return undefined;
  if (!/^\d+$/.test(since)) throw new SettingsInputError('since', `expected a sequence number, got ${JSON.stringify(since)}`);
  return Number(since);
}

function putResource(world: World, service: string, input: unknown) {
  if (!world.service(service)) {
    throw new SettingsInputError('service', `unknown service ${JSON.stringify(service)}; expected one of ${world.serviceNames().join(', ')}`);
  }
  if (!isPlainObject(input)) throw new SettingsInputError('body', 'expected a JSON object {region, ...resource}');
  const { region, ...resource } = input;
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new SettingsInputError('region', `expected a Region name like us-east-1, got ${JSON.stringify(region)}`);
  }
  return world.put(service, region, resource);
}

async function seed(world: World, body: string, baseUrl: string) {
  const input = parseJson(body);
  if (!isPlainObject(input)) throw new SettingsInputError('body', 'expected a JSON object {scenario, dnsStrategy}');
  const scenario = input.scenario ?? 'demo';
  if (!SEED_SCENARIOS.includes(scenario as (typeof SEED_SCENARIOS)[number])) {
    throw new SettingsInputError('scenario', `expected one of ${SEED_SCENARIOS.join(', ')}, got ${JSON.stringify(scenario)}`);
  }
  const dnsStrategy = input.dnsStrategy ?? 'weighted';
  if (!DEMO_DNS_STRATEGIES.includes(dnsStrategy as DemoDnsStrategy)) {
    throw new SettingsInputError('dnsStrategy', `expected one of ${DEMO_DNS_STRATEGIES.join(', ')}, got ${JSON.stringify(dnsStrategy)}`);
  }
  // Reads only, before the first write: a second seed changes nothing.
  await refuseIfSeeded(world, 'us-east-1');
  const summary = await seedDemo(world, { dnsStrategy: dnsStrategy as DemoDnsStrategy, baseUrl });
  return {
    scenario,
    dnsStrategy,
    summary,
    config: renderDemoConfig(summary),
    // The sandbox's own throwaway secret, kept apart from the summary and the config (both shared).
    probeSecret: { env: 'MRRCTL_PROBE_CLIENT_SECRET', clientId: summary.m2mClientId, value: await demoProbeSecret(world, summary) },
  };
}
