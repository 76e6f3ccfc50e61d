/**
 * A mutating command as ONE self-describing definition: its name, how its flags become options,
 * how a saved plan's options are read back, how it observes and plans (prepare), the waits its
 * steps need, and how it verifies the result. The command file wires the flags to commander and
 * calls the definition; `mrrctl apply FILE` finds the same definition by the plan's command name
 * (./registry.ts) through a type-erased handle — no casts: the handle decodes the saved options
 * with the definition's own decoder before it binds them.
 */
import type { WaitHandler } from '../../aws/step-executor.js';
import type { MrrConfig } from '../../core/config/schema.js';
import type { Topology } from '../../core/config/topology.js';
import type { PlanDraft } from '../../core/plan/create-plan.js';
import type { ApplyResult, JsonObject, Plan, Step } from '../../core/plan/types.js';
import type { Diagnostic } from '../../ui/output.js';
import type { ConfirmRequest } from '../../ui/confirm.js';
import type { ProgressLog } from '../../ui/wait-progress.js';
import type { AwsAccess, CommandContext, ReadPorts } from '../context.js';
import { onlyKeys } from './saved-options.js';

/**
 * The context a definition sees. While applying, `log` also takes the waits' typed progress
 * (see ui/wait-progress.ts): give a wait `emit: emitTo(env.ctx.log)` (ui/events.ts) so the live
 * view gets both the line and the event.
 */
export interface MutationContext extends CommandContext {
  log: ProgressLog;
}

/** Everything a definition may use to observe, wait and verify. */
export interface MutationEnv {
  ctx: MutationContext;
  aws: AwsAccess;
  /** The context's read ports (tests may have swapped them). */
  ports: ReadPorts;
  topology: Topology;
  config: MrrConfig;
}

export interface Prepared {
  draft: PlanDraft;
  /** Shown before the plan (e.g. the issuer impact report); part of the JSON data. */
  report?: { text: string[]; data: unknown };
  confirm: ConfirmRequest;
  /** A guard refuses: dry-run exits 3, apply refuses with 3. */
  refused?: boolean;
}

export interface Verification {
  ok: boolean;
  lines: string[];
  data?: unknown;
}

export interface MutationFlags {
  dryRun?: boolean;
  planOut?: string;
}

/**
 * What the shared flow calls around an apply that stopped (a failed step, a timeout, Ctrl-C, or an
 * error thrown mid-apply), for every way of running the mutation — its own command and `mrrctl apply
 * FILE` alike. Traffic moves use them to release their lock, record the history and turn a lost race
 * into exit 4 (src/app/traffic/stop-hooks.ts).
 */
export interface StopHooks {
  /**
   * After the apply stopped early: finish what must not be left half done. `done` = ids of the steps
   * applied or skipped (empty when unknown). Returns lines for the result; must not throw.
   */
  afterStop(env: MutationEnv, steps: Step[], done: string[]): Promise<string[]>;
  /** A conflict (another run got there first) → the exit-4 diagnostic naming the other run's outcome; else undefined. */
  conflict(env: MutationEnv, plan: Plan, result: ApplyResult | undefined): Promise<Diagnostic | undefined>;
}

/** The definition a command file writes; O is its options (what a saved plan records), F its flags. */
export interface MutationDefinition<O extends JsonObject, F = never> {
  command: string;
  /**
   * The options that waive a guard, by option key → the flag that sets it (e.g. `force: '--force'`).
   * A saved plan made with a waiver applies only when `mrrctl apply` is given the same waiver (and the
   * same --reason) again; see ./waivers.ts.
   */
  waivers?: Readonly<Record<string, string>>;
  hooks?: StopHooks;
  /** The command line's flags → options; input errors (exit 2) are thrown here, before any AWS call. */
  fromFlags(flags: F, ctx: CommandContext): O;
  /**
   * A saved plan's options → options, each field decoded and checked (the checksum proves nothing
   * about who wrote them). Any saved key absent from the result is refused by the handle (exit 2).
   */
  fromSaved(saved: JsonObject): O;
  prepare(env: MutationEnv, options: O): Promise<Prepared>;
  waits?(env: MutationEnv): Record<string, WaitHandler>;
  verify?(env: MutationEnv, options: O, result: ApplyResult): Promise<Verification>;
}

/** A definition with its options bound: what the mutation flow runs. Not generic, so any can be run. */
export interface BoundMutation {
  command: string;
  options: JsonObject;
  waivers?: Readonly<Record<string, string>>;
  hooks?: StopHooks;
  prepare(env: MutationEnv): Promise<Prepared>;
  waits?(env: MutationEnv): Record<string, WaitHandler>;
  verify?(env: MutationEnv, result: ApplyResult): Promise<Verification>;
}

export function bindMutation<O extends JsonObject, F>(definition: MutationDefinition<O, F>, options: O): BoundMutation {
  const { verify, waits, waivers, hooks } = definition;
  return {
    command: definition.command,
    options,
    ...(waivers ? { waivers } : {}),
    ...(hooks ? { hooks } : {}),
    prepare: (env) => definition.prepare(env, options),
    ...(waits ? { waits: (env: MutationEnv) => waits(env) } : {}),
    ...(verify ? { verify: (env: MutationEnv, result: ApplyResult) => verify(env, options, result) } : {}),
  };
}

/** The type-erased handle the registry holds: enough to replay a saved plan. */
export interface MutationHandle {
  command: string;
  waivers: Readonly<Record<string, string>>;
  fromSaved(saved: JsonObject): BoundMutation;
}

export function defineMutation<O extends JsonObject, F>(definition: MutationDefinition<O, F>): MutationDefinition<O, F> & { handle: MutationHandle } {
  return {
    ...definition,
    handle: {
      command: definition.command,
      waivers: definition.waivers ?? {},
      fromSaved: (saved) => {
        const options = definition.fromSaved(saved);
        // A key the decoder did not read is one this command does not have: refuse it (exit 2).
        onlyKeys(saved, Object.keys(options));
        return bindMutation(definition, options);
      },
    },
  };
}
