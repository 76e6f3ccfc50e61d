/**
 * The World: every service model of one account, plus the settings, clock, faults, call log and
 * quotas they share. It is the unit that is snapshotted to the state file, restored, reset and
 * summarised. The HTTP server is a thin layer on top; in-process callers (seeds, the CLI's rehearse)
 * use `invokeJson` / `invokeRest`, which reach the models exactly as a decoded SDK call does.
 */
import { CallLog, isWriteOperation } from './call-log.js';
import { FaultBook, type FaultBookSnapshot, type FaultInput } from './faults.js';
import { QuotaLimiter } from './quotas/quota-limiter.js';
import { applySettingsPatch, defaultSettings, isPlainObject, parseSettingsPatch, type SettingsPatch } from './settings.js';
import {
  SandboxError,
  type CallContext,
  type Clock,
  type Fault,
  type JsonObject,
  type JsonService,
  type JsonValue,
  type Persistent,
  type RestRequest,
  type RestResponse,
  type RestService,
  type SandboxSettings,
  type Seedable,
  type ServiceModel,
} from './types.js';

/** Serves the HTTPS URLs of the pools (issuer, discovery, JWKS, token) reached through `/_https/`. */
export interface OidcHandler {
  /** null = not found. */
  handle(host: string, req: RestRequest, ctx: CallContext): Promise<RestResponse | null>;
  /**
   * Optional: the Region serving a host whose name carries none (custom domains, UPDATED issuer),
   * judged with `ctx` (health, outages) when given.
   */
  regionOf?(host: string, ctx?: CallContext): string | undefined;
}

export interface WorldOptions {
  services: ServiceModel[];
  oidc?: OidcHandler;
  settings?: SettingsPatch;
  clock?: Clock;
  /** Decides fault ratios; defaults to Math.random. */
  random?: () => number;
}

export interface WorldSnapshot {
  format: 'mrrctl-sandbox-state';
  version: 1;
  savedAt: string;
  settings: SandboxSettings;
  regions: string[];
  faults: FaultBookSnapshot;
  services: Record<string, JsonValue>;
}

export const systemClock: Clock = { now: () => Date.now() };

const COGNITO_TARGET = 'AWSCognitoIdentityProviderService';
/** SDK package names, SigV4 signing names and console names all end up here. */
const SERVICE_ALIASES: Record<string, string[]> = {
  sesv2: ['ses'],
  ses: ['sesv2'],
  'cognito-idp': ['cognito'],
  cognito: ['cognito-idp'],
  'route-53': ['route53'],
  'cloudwatch-logs': ['logs'],
  monitoring: ['cloudwatch'],
  cloudwatch: ['monitoring'],
  'kinesis-firehose': ['firehose'],
  waf: ['wafv2'],
};

export class World {
  readonly settings: SandboxSettings;
  readonly clock: Clock;
  readonly faults: FaultBook;
  readonly callLog: CallLog;
  readonly quotas = new QuotaLimiter();
  readonly random: () => number;
  readonly oidc?: OidcHandler;
  private readonly models: ServiceModel[];
  private readonly emptyState = new Map<string, JsonValue>();
  private readonly regions = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(options: WorldOptions) {
    this.models = [...options.services];
    const names = this.models.map((m) => m.service);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new Error(`two service models are named "${duplicate}"`);
    this.oidc = options.oidc;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.settings = applySettingsPatch(defaultSettings(), options.settings ?? {});
    const now = () => this.clock.now();
    this.faults = new FaultBook(now, () => this.jsonService(COGNITO_TARGET)?.service);
    this.callLog = new CallLog(now);
    // Models start empty; remembering that state is what makes reset() possible without a
    // reset method on every model.
    for (const model of this.models) {
      if (isPersistent(model)) this.emptyState.set(model.service, clone(model.snapshot()));
    }
  }

  get services(): readonly ServiceModel[] {
    return this.models;
  }

  /** Names usable in faults and the admin API; "oidc" stands for the HTTPS hosts. */
  serviceNames(): string[] {
    return [...this.models.map((m) => m.service), ...(this.oidc ? ['oidc'] : [])];
  }

  /** A model by its short name, or by a common alias ("sesv2" for "ses", "cognito-idp" for "cognito"). */
  service(name: string): ServiceModel | undefined {
    const canonical = this.canonicalServiceName(name);
    return canonical === undefined ? undefined : this.models.find((m) => m.service === canonical);
  }

  /** The name a model goes by, accepting the aliases operators are likely to type. */
  canonicalServiceName(name: string): string | undefined {
    const names = this.serviceNames();
    if (names.includes(name)) return name;
    return (SERVICE_ALIASES[name] ?? []).find((alias) => names.includes(alias));
  }

  jsonService(targetPrefix: string): JsonService | undefined {
    return this.models.find((m): m is JsonService => m.kind === 'json' && m.targetPrefix === targetPrefix);
  }

  /** The REST service that claims this request, and the operation it names. */
  routeRest(req: RestRequest): { service: RestService; operation: string } | undefined {
    for (const model of this.models) {
      if (model.kind !== 'rest') continue;
      const operation = model.operationFor(req);
      if (operation) return { service: model, operation };
    }
    return undefined;
  }

  /** `track: false` for in-process reads that must not make a Region look "served" (summaries, checks). */
  context(region: string, track = true): CallContext {
    if (track && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) this.regions.add(region);
    return {
      region,
      accountId: this.settings.accountId,
      now: this.clock.now(),
      settings: this.settings,
      isRegionDown: (r, service) => this.faults.isRegionDown(r, service),
      outageHistory: (r, service) => this.faults.outageHistory(r, service),
    };
  }

  /**
   * Calls a JSON service's operation in-process, as a decoded SDK call would: no faults, no call
   * log, but a write is saved to the state file like any other.
   */
  async invokeJson(targetPrefix: string, operation: string, input: JsonObject, region: string): Promise<JsonObject> {
    const model = this.jsonService(targetPrefix);
    if (!model) throw new SandboxError('UnknownOperationException', `no service answers ${targetPrefix}.${operation}`);
    const output = await model.handle(operation, input, this.context(region));
    if (isWriteOperation(model.service, operation)) this.changed();
    return output;
  }

  /** Calls whichever REST service claims the request, in-process. */
  async invokeRest(req: RestRequest, region: string, options: { trackRegion?: boolean } = {}): Promise<{ operation: string; response: RestResponse }> {
    const route = this.routeRest(req);
    if (!route) throw new SandboxError('UnknownOperationException', `no service answers ${req.method} ${req.path}`, 404);
    const response = await route.service.handle(route.operation, req, this.context(region, options.trackRegion ?? true));
    if (response.status < 400 && isWriteOperation(route.service.service, route.operation)) this.changed();
    return { operation: route.operation, response };
  }

  /** Seeds a read-only resource (Lambda function, SES identity, web ACL, log group, stream). */
  put(serviceName: string, region: string, resource: JsonObject): JsonObject {
    const model = this.service(serviceName);
    if (!model || !isSeedable(model)) {
      throw new SandboxError('InvalidParameterException', `service "${serviceName}" does not take seeded resources`);
    }
    const result = model.put(region, resource, this.context(region));
    this.changed();
    return result;
  }

  addFault(input: FaultInput): Fault {
    const service = input.service && (this.canonicalServiceName(input.service) ?? input.service);
    const fault = this.faults.add({ ...input, service });
    this.changed();
    return fault;
  }

  removeFault(id: string): boolean {
    const removed = this.faults.remove(id);
    if (removed) this.changed();
    return removed;
  }

  clearFaults(): number {
    const n = this.faults.clear();
    this.changed();
    return n;
  }

  updateSettings(patch: SettingsPatch): SandboxSettings {
    applySettingsPatch(this.settings, patch);
    this.changed();
    return { ...this.settings, quotas: { ...this.settings.quotas } };
  }

  /** Regions the world has served or been seeded in, sorted. */
  knownRegions(): string[] {
    return [...this.regions].sort();
  }

  snapshot(): WorldSnapshot {
    const services: Record<string, JsonValue> = {};
    for (const model of this.models) {
      if (isPersistent(model)) services[model.service] = model.snapshot();
    }
    return {
      format: 'mrrctl-sandbox-state',
      version: 1,
      savedAt: new Date(this.clock.now()).toISOString(),
      settings: { ...this.settings, quotas: { ...this.settings.quotas } },
      regions: this.knownRegions(),
      faults: this.faults.snapshot(),
      services,
    };
  }

  /** Replaces the whole world with a snapshot; services missing from it start empty. */
  restore(snapshot: unknown): void {
    if (!isPlainObject(snapshot) || snapshot.format !== 'mrrctl-sandbox-state' || snapshot.version !== 1) {
      throw new Error('not a sandbox state snapshot (expected format "mrrctl-sandbox-state", version 1)');
    }
    const services = isPlainObject(snapshot.services) ? snapshot.services : {};
    for (const model of this.models) {
      if (!isPersistent(model)) continue;
      const state = clone((services[model.service] ?? this.emptyState.get(model.service)) as JsonValue);
      try {
        model.restore(state);
      } catch (err) {
        throw new Error(`cannot restore the ${model.service} model: ${(err as Error).message}`);
      }
    }
    if (snapshot.settings !== undefined) {
      // Validated like an admin change: a hand-edited file must not smuggle in odd types.
      applySettingsPatch(this.settings, parseSettingsPatch(snapshot.settings));
    }
    this.faults.restore(snapshot.faults);
    this.regions.clear();
    for (const r of Array.isArray(snapshot.regions) ? snapshot.regions : []) if (typeof r === 'string') this.regions.add(r);
    this.quotas.reset();
  }

  /** Back to an empty world: models, faults, outage history, call log, quotas. Settings are kept. */
  reset(): void {
    for (const model of this.models) {
      if (isPersistent(model)) model.restore(clone(this.emptyState.get(model.service) as JsonValue));
    }
    this.faults.reset();
    this.callLog.clear();
    this.quotas.reset();
    this.regions.clear();
    this.changed();
  }

  /** Subscribe to "state changed" (used for the state file). Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }
}

export function isPersistent(model: object): model is Persistent {
  const m = model as Partial<Persistent>;
  return typeof m.snapshot === 'function' && typeof m.restore === 'function';
}

export function isSeedable(model: object): model is Seedable {
  return typeof (model as Partial<Seedable>).put === 'function';
}

/** Models may hand out or keep references to live state; copies keep the empty state pristine. */
function clone<T extends JsonValue | undefined>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
