/**
 * Executes plan steps against AWS. A step names its service and API operation, so the executor sends
 * `<Operation>Command` from that service's SDK package with the step's input — a plan is replayable
 * data, which is what makes `--plan-out` + `mrrctl apply FILE` possible. Pseudo-operations (waits)
 * are handled by the wait handlers passed in.
 *
 * Inputs may refer to an earlier step's output ("known after apply", e.g. the new key's ARN):
 * `{ "$ref": "kms.create-key", "path": "KeyMetadata.Arn" }`.
 */
import type { JsonObject, JsonValue, Step, StepExecutor, StepOutcome } from '../core/plan/types.js';
import { confirmAliasTarget } from './already-done.js';
import type { AwsClients } from './clients.js';
import { plain } from './plain.js';

type SdkModule = Record<string, unknown>;
interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

const SERVICES: Record<string, { load: () => Promise<SdkModule>; client: (c: AwsClients, region: string) => Promise<SdkClient> }> = {
  kms: { load: () => import('@aws-sdk/client-kms'), client: (c, r) => c.kms(r) },
  'cognito-idp': { load: () => import('@aws-sdk/client-cognito-identity-provider'), client: (c, r) => c.cognito(r) },
  route53: { load: () => import('@aws-sdk/client-route-53'), client: (c) => c.route53() },
  lambda: { load: () => import('@aws-sdk/client-lambda'), client: (c, r) => c.lambda(r) },
  wafv2: { load: () => import('@aws-sdk/client-wafv2'), client: (c, r) => c.wafv2(r) },
  logs: { load: () => import('@aws-sdk/client-cloudwatch-logs'), client: (c, r) => c.logs(r) },
};

/**
 * Errors that mean "this effect is already in place" for a re-run after an interrupted apply:
 * the step is reported as skipped instead of failing (CreateAlias only after checking the alias
 * names the step's key: see already-done.ts).
 */
const ALREADY_DONE: Record<string, string[]> = {
  CreateAlias: ['AlreadyExistsException'],
  ReplicateKey: ['AlreadyExistsException'],
};

export type WaitHandler = (step: Step, signal?: AbortSignal) => Promise<StepOutcome>;

export interface AwsExecutor {
  execute: StepExecutor;
  /** Outputs of the steps run so far, by step id. */
  outputs: Map<string, unknown>;
}

function lookup(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

export function resolveRefs(input: JsonValue, outputs: Map<string, unknown>): unknown {
  if (Array.isArray(input)) return input.map((v) => resolveRefs(v, outputs));
  if (input && typeof input === 'object') {
    if (typeof input.$ref === 'string') {
      const source = outputs.get(input.$ref);
      const value = lookup(source, String(input.path ?? ''));
      if (value === undefined) {
        throw new Error(`step input refers to ${input.$ref}#${input.path}, which no earlier step produced`);
      }
      return value;
    }
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, resolveRefs(v, outputs)]));
  }
  return input;
}

export function createAwsExecutor(clients: AwsClients, waits: Record<string, WaitHandler> = {}): AwsExecutor {
  const outputs = new Map<string, unknown>();
  const execute: StepExecutor = async (step, signal) => {
    const wait = waits[step.operation];
    if (wait) {
      const outcome = await wait({ ...step, input: resolveRefs(step.input, outputs) as JsonValue }, signal);
      outputs.set(step.id, outcome.output);
      return outcome;
    }
    const service = SERVICES[step.service];
    if (!service) throw new Error(`no AWS client for service ${step.service} (step ${step.id})`);
    const sdk = await service.load();
    const Command = sdk[`${step.operation}Command`] as (new (input: unknown) => unknown) | undefined;
    if (!Command) throw new Error(`${step.service} has no operation ${step.operation} (step ${step.id})`);
    const client = await service.client(clients, step.region);
    const input = resolveRefs(step.input, outputs) as JsonObject;
    try {
      const output = plain(await client.send(new Command(input), { abortSignal: signal }));
      outputs.set(step.id, output);
      return { status: 'applied', output };
    } catch (err) {
      if (ALREADY_DONE[step.operation]?.includes((err as { name?: string }).name ?? '')) {
        // An alias that exists is "done" only if it names this step's key (a concurrent run may own it).
        if (step.service === 'kms' && step.operation === 'CreateAlias') await confirmAliasTarget(step, input, client, sdk, outputs, signal);
        return { status: 'skipped', output: { reason: (err as Error).name } };
      }
      throw err;
    }
  };
  return { execute, outputs };
}
