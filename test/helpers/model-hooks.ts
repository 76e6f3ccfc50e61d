/**
 * Hooks on the in-process sandbox's service models, for tests that must act at an exact point of a
 * CLI run: the moment a call reaches a model (hold it while the test edits the world, arm a fault for
 * the calls after it), or the moment a write has been applied but not yet answered (kill the CLI).
 * Event-driven, so no timing window can be missed on a loaded machine. The hook wraps the model's own
 * `handle`, which still does all the work; production code has no hook for any of this.
 */
import type { SandboxHandle } from '../../src/sandbox/server.js';
import type { FaultInput } from '../../src/sandbox/faults.js';
import type { CallContext, RestResponse, ServiceModel } from '../../src/sandbox/types.js';

export interface CallMatch {
  service: string;
  operation: string;
  region?: string;
}

export interface ModelCallHooks {
  /**
   * Before the model sees the call (faults and latency have already been drawn for it); awaited.
   * `input` is the decoded JSON input, or the RestRequest for a REST service.
   */
  before?(call: Required<CallMatch>, input: unknown): void | Promise<void>;
  /** After the model applied the call successfully, before the sandbox answers it. */
  after?(call: Required<CallMatch>): void;
}

/** Installs the hooks for every call matching `match`; returns the function that removes them. */
export function hookModelCalls(sb: SandboxHandle, match: CallMatch, hooks: ModelCallHooks): () => void {
  const model = sb.world.service(match.service);
  if (!model) throw new Error(`the sandbox has no service "${match.service}"`);
  const original = model.handle;
  const wrapped = async (operation: string, input: never, ctx: CallContext) => {
    const call = { service: model.service, operation, region: ctx.region };
    const hit = operation === match.operation && (!match.region || match.region === ctx.region);
    if (hit) await hooks.before?.(call, input);
    const result = await (original as (op: string, input: never, ctx: CallContext) => Promise<unknown>).call(model, operation, input, ctx);
    const failed = model.kind === 'rest' && (result as RestResponse).status >= 400;
    if (hit && !failed) hooks.after?.(call);
    return result;
  };
  (model as { handle: ServiceModel['handle'] }).handle = wrapped as ServiceModel['handle'];
  return () => {
    (model as { handle: ServiceModel['handle'] }).handle = original;
  };
}

/** A gate the matching call waits at: `reached` settles when it arrives, `release()` lets it (and later ones) through. */
export function holdModelCall(sb: SandboxHandle, match: CallMatch): { reached: Promise<void>; release(): void; restore(): void } {
  let arrived!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (open = resolve));
  const restore = hookModelCalls(sb, match, {
    before: async () => {
      arrived();
      await released;
    },
  });
  return { reached, release: open, restore: () => (open(), restore()) };
}

/**
 * Holds every call matching one of `matches` (any Region unless a match names one) until release();
 * `arrived` lists them as "service operation region" in the order they reached the sandbox.
 */
export function holdModelCalls(sb: SandboxHandle, matches: CallMatch[]): { arrived: string[]; release(): void; restore(): void } {
  const arrived: string[] = [];
  let open!: () => void;
  const released = new Promise<void>((resolve) => (open = resolve));
  const unhooks = matches.map((m) =>
    hookModelCalls(sb, m, {
      before: async (call) => {
        arrived.push(`${call.service} ${call.operation} ${call.region}`);
        await released;
      },
    }),
  );
  return {
    arrived,
    release: open,
    restore: () => {
      open();
      for (const unhook of unhooks.reverse()) unhook();
    },
  };
}

/**
 * A fault "that starts after step N" without any hook in mrrctl: `faults` go in the moment the first
 * call matching `trigger` reaches its model. That call's own faults were already drawn, so it
 * succeeds; every call after it meets the new faults.
 */
export function faultsAfter(sb: SandboxHandle, trigger: CallMatch, faults: FaultInput[]): { fired(): boolean; restore(): void } {
  let fired = false;
  const restore = hookModelCalls(sb, trigger, {
    before: () => {
      if (fired) return;
      fired = true;
      for (const f of faults) sb.world.addFault(f);
    },
  });
  return { fired: () => fired, restore };
}
