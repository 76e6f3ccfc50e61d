/**
 * The least-privilege IAM policy for a set of commands: their actions (commands.ts), grouped into one
 * statement per set of resources the actions are authorised against (actions.ts), each scoped to the
 * configuration (resources.ts). Pure and deterministic: the same input prints the same document.
 */
import { ACTIONS, type ResourceKind } from './actions.js';
import { actionsOf, type ImpliedPermission } from './commands.js';
import { SID_OF, scopeResource, type Condition } from './resources.js';
import type { PolicyScope } from './scope.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Condition;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface IamPolicy {
  commands: string[];
  /** Undefined when the commands make no AWS call. */
  document?: PolicyDocument;
  /** The API calls granted, and the permissions granted because AWS checks them alongside a call. */
  calls: string[];
  implied: ImpliedPermission[];
  /** Actions left out because the config lacks what scopes them (mrrctl then does not call them). */
  omitted: Array<{ action: string; reason: string }>;
  notes: string[];
}

/** Customer managed policies may hold 6,144 characters, whitespace not counted. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

function sidFor(kinds: readonly ResourceKind[]): string {
  return kinds.map((k) => SID_OF[k]).join('And');
}

export function buildIamPolicy(commands: string[], scope: PolicyScope): IamPolicy {
  const { calls, implied } = mergeActions(commands, scope.dnsStrategy);
  const notes = new Set<string>();
  const omitted: IamPolicy['omitted'] = [];
  const statements = new Map<string, PolicyStatement>();

  for (const action of [...calls, ...implied.map((i) => i.action)]) {
    const spec = ACTIONS[action];
    if (!spec) throw new TypeError(`iam: ${action} is not in the action catalogue (src/core/iam/actions.ts)`);
    const scoped = spec.resources.map((kind) => scopeResource(kind, scope));
    const missing = scoped.find((r) => 'unavailable' in r);
    if (missing && 'unavailable' in missing) {
      omitted.push({ action, reason: missing.unavailable });
      continue;
    }
    const sid = sidFor(spec.resources);
    const existing = statements.get(sid);
    if (existing) {
      existing.Action.push(action);
      continue;
    }
    const resources: string[] = [];
    let condition: Condition | undefined;
    for (const r of scoped) {
      if ('unavailable' in r) continue;
      resources.push(...r.resources);
      if (r.condition) condition = { ...condition, ...r.condition };
      if (r.note) notes.add(r.note);
    }
    const unique = [...new Set(resources)];
    statements.set(sid, {
      Sid: sid,
      Effect: 'Allow',
      Action: [action],
      Resource: unique.length === 1 ? unique[0] : unique,
      ...(condition ? { Condition: condition } : {}),
    });
  }

  if (scope.account === '*' && statements.size > 0) {
    notes.add('the account is unknown without calling AWS: ARNs use * for the account; pass --account <12 digits> to pin it');
  }
  const list = [...statements.values()].sort((a, b) => a.Sid.localeCompare(b.Sid));
  for (const s of list) s.Action.sort();
  return {
    commands,
    ...(list.length > 0 ? { document: { Version: '2012-10-17', Statement: list } } : {}),
    calls,
    implied,
    omitted,
    notes: [...notes],
  };
}

function mergeActions(commands: string[], dnsStrategy: string | undefined): { calls: string[]; implied: ImpliedPermission[] } {
  const calls = new Set<string>();
  const implied = new Map<string, ImpliedPermission>();
  for (const command of commands) {
    const a = actionsOf(command, dnsStrategy);
    a.calls.forEach((c) => calls.add(c));
    for (const i of a.implied) if (!implied.has(i.action)) implied.set(i.action, i);
  }
  return {
    calls: [...calls].sort(),
    implied: [...implied.values()].filter((i) => !calls.has(i.action)).sort((a, b) => a.action.localeCompare(b.action)),
  };
}

/** Every action a policy document allows (mrrctl's policies name actions exactly, without wildcards). */
export function allowedActions(document: PolicyDocument | undefined): Set<string> {
  return new Set((document?.Statement ?? []).flatMap((s) => s.Action));
}

/** The size IAM counts against the managed-policy limit. */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).replace(/\s/g, '').length;
}
