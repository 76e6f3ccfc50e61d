/**
 * Every command path run with `--output json` against a sandbox world that has MRR set up: the runs
 * the JSON-contract tests judge (schema, camelCase keys, empty stderr). One world, one virtual clock,
 * in an order where each run finds the world it needs (the failover after an outage and the window,
 * the saved plan applied after it was made).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failoverWorld, type FailoverWorld } from '../helpers/failover-world.js';
import { sandboxAdmin } from '../helpers/sandbox.js';
import * as z from 'zod';
import { COMMAND_DATA } from '../../src/core/contract/index.js';
import { envelope, errorData } from '../../src/core/contract/envelope.js';
import { nonCamelKeys } from '../helpers/contract-keys.js';
import type { CliRun } from '../helpers/run-cli.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

export interface ContractRun {
  /** The command path the envelope must name. */
  path: string;
  argv: string[];
  run: CliRun;
}

/** What is wrong with one run's document, as readable lines (empty when it keeps the contract). */
export function violations(path: string, r: CliRun): string[] {
  const problems: string[] = [];
  if (r.stderr !== '') problems.push(`stderr is not empty: ${JSON.stringify(r.stderr.slice(0, 300))}`);
  let doc: any;
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    return [...problems, `stdout is not one JSON document: ${JSON.stringify(r.stdout.slice(0, 300))}`];
  }
  const env = envelope.safeParse(doc);
  if (!env.success) problems.push(`envelope: ${z.prettifyError(env.error)}`);
  if (doc.command !== path) problems.push(`command is ${JSON.stringify(doc.command)}, expected ${JSON.stringify(path)}`);
  const failedRun = doc.ok === false && doc.data && typeof doc.data === 'object' && 'error' in doc.data;
  const schema = failedRun ? errorData : COMMAND_DATA[path];
  if (!schema) return [...problems, `no schema for ${path}`];
  const data = schema.safeParse(doc.data);
  if (!data.success) problems.push(`data (${failedRun ? 'error' : path}): ${z.prettifyError(data.error)}`);
  const bad = nonCamelKeys(doc.data, z.toJSONSchema(schema, { io: 'output' }));
  if (bad.length > 0) problems.push(`non-camelCase keys: ${bad.join(', ')}`);
  return problems;
}

export async function contractRuns(): Promise<{ runs: ContractRun[]; stop(): Promise<void> }> {
  const clock = new VirtualClock();
  const world: FailoverWorld = await failoverWorld({ activate: true, guards: { minUnhealthySeconds: 2, cooldownSeconds: 4 }, clock });
  const runs: ContractRun[] = [];
  const run = async (path: string, argv: string[]) => {
    const r = await world.w.run([...argv, '--output', 'json'], { env: world.env });
    runs.push({ path, argv, run: r });
    return r;
  };
  const { primary, secondary } = world;

  await run('status', ['status']);
  await run('preflight', ['preflight']);
  await run('keys verify', ['keys', 'verify']);
  await run('keys setup', ['keys', 'setup', '--dry-run']);
  await run('issuer status', ['issuer', 'status']);
  await run('issuer switch', ['issuer', 'switch', '--to', 'ORIGINAL', '--dry-run']);
  await run('replica list', ['replica', 'list']);
  await run('replica create', ['replica', 'create', '--dry-run']);
  await run('replica activate', ['replica', 'activate', '--dry-run']);
  await run('replica deactivate', ['replica', 'deactivate', '--dry-run']);
  await run('replica delete', ['replica', 'delete', '--dry-run']);
  await run('drift', ['drift']);
  await run('drift fix', ['drift', 'fix', '--dry-run']);
  await run('health', ['health']);
  await run('failover', ['failover', '--to', secondary, '--dry-run']);
  await run('canary', ['canary', '--to', secondary, '--percent', '10', '--dry-run']);
  await run('canary stop', ['canary', 'stop', '--dry-run']);
  await run('iam-policy', ['iam-policy']);
  await run('cost', ['cost', '--mau', '1000']);
  await run('completion', ['completion', 'bash']);
  await run('sandbox status', ['sandbox', 'status']);
  await run('sandbox fault', ['sandbox', 'fault', '--region', primary, '--service', 'cognito-idp', '--kind', 'outage']);
  await run('sandbox fault', ['sandbox', 'fault', '--clear']);

  // A real failover (waits included: their progress must stay off stderr in JSON mode).
  await world.primaryOutage();
  clock.advance(3200);
  // The read-only reports while the primary is down: their unreadable reads and fallbacks.
  await run('replica list', ['replica', 'list']);
  await run('issuer status', ['issuer', 'status']);
  await run('keys verify', ['keys', 'verify']);
  await run('preflight', ['preflight']);
  await run('drift', ['drift']);
  await run('failover', ['failover', '--to', secondary, '--yes', '--reason', 'us-east-1 outage']);
  await world.clearFaults();
  // Failback through a saved plan, once the primary has been healthy for the window and the cooldown passed.
  clock.advance(10_000);
  const planFile = join(world.w.dir, 'failback.plan');
  await run('failover', ['failover', '--to', primary, '--planned', '--reason', 'recovered', '--plan-out', planFile]);
  await run('apply', ['apply', planFile, '--yes', '--planned', '--reason', 'recovered']);
  await run('status', ['status']);

  await run('sandbox seed', ['sandbox', 'seed']);
  await run('sandbox reset', ['sandbox', 'reset']);
  return { runs, stop: () => world.stop() };
}

/** Writes every run's stdout under dir, for looking at the real output while writing a schema. */
export function dumpRuns(runs: ContractRun[], dir: string): void {
  runs.forEach((r, i) => writeFileSync(join(dir, `${String(i).padStart(2, '0')}-${r.path.replace(/ /g, '-')}.json`), `${r.run.code}\n${r.run.stdout}\n--- stderr\n${r.run.stderr}`));
}
export { sandboxAdmin };
