/**
 * The health checks and their history. Every configuration a check has had is kept with the instant
 * it took effect, so its status can be recomputed for any past moment (the CloudWatch
 * HealthCheckStatus metric) from the configuration then and the outages then.
 */
import { randomUUID } from 'node:crypto';
import { SandboxError, type JsonObject, type JsonValue } from '../types.js';
import { configXml, readConfigFields, readNewConfig, validateConfig, type HealthCheckConfig } from './health-check-config.js';
import { integer, listOf, text } from './xml.js';

export interface HealthCheckRecord {
  id: string;
  callerReference: string;
  config: HealthCheckConfig;
  version: number;
  createdAt: number;
  history: Array<{ at: number; config: HealthCheckConfig }>;
}

const RESETTABLE: Record<string, keyof HealthCheckConfig> = {
  FullyQualifiedDomainName: 'FullyQualifiedDomainName',
  Regions: 'Regions',
  ResourcePath: 'ResourcePath',
  ChildHealthChecks: 'ChildHealthChecks',
};

export function noSuchHealthCheck(id: string): SandboxError {
  return new SandboxError('NoSuchHealthCheck', `No health check exists with the specified ID ${id}.`, 404);
}

export function healthCheckXml(record: HealthCheckRecord): JsonObject {
  return {
    Id: record.id,
    CallerReference: record.callerReference,
    HealthCheckConfig: configXml(record.config),
    HealthCheckVersion: record.version,
  };
}

/** Where RECOVERY_CONTROL checks read their routing control (the sandbox's ARC model). */
export interface RoutingControlSource {
  /** 'On' | 'Off' at `time`, or undefined when no such control existed then. */
  stateAt(routingControlArn: string, time: number): 'On' | 'Off' | undefined;
  /** Instants the control changed state. */
  changeTimes(routingControlArn: string): number[];
}

export class HealthCheckStore {
  /** Set by the Route 53 model when the world has an ARC model. */
  routingControls?: RoutingControlSource;
  private checks = new Map<string, HealthCheckRecord>();
  /** Caller references of deleted checks: Route 53 refuses to reuse them. */
  private retiredReferences = new Set<string>();

  has = (id: string): boolean => this.checks.has(id);

  get(id: string): HealthCheckRecord {
    const record = this.checks.get(id);
    if (!record) throw noSuchHealthCheck(id);
    return record;
  }

  find(id: string): HealthCheckRecord | undefined {
    return this.checks.get(id);
  }

  list(): HealthCheckRecord[] {
    return [...this.checks.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /** The configuration in effect at `time`, or undefined before the check existed (or once deleted). */
  configAt(id: string, time: number): HealthCheckConfig | undefined {
    const record = this.checks.get(id);
    if (!record || time < record.createdAt) return undefined;
    let config: HealthCheckConfig | undefined;
    for (const entry of record.history) if (entry.at <= time) config = entry.config;
    return config;
  }

  /** CreateHealthCheck: idempotent on CallerReference with identical settings. */
  create(body: JsonObject, now: number): { record: HealthCheckRecord; created: boolean } {
    const callerReference = text(body.CallerReference);
    if (!callerReference) throw new SandboxError('InvalidInput', "Invalid request: Missing field 'CallerReference'.");
    const config = readNewConfig(body.HealthCheckConfig as JsonObject | undefined);
    validateConfig(config, this.has);
    const existing = [...this.checks.values()].find((record) => record.callerReference === callerReference);
    if (existing && JSON.stringify(existing.config) === JSON.stringify(config)) return { record: existing, created: false };
    if (existing || this.retiredReferences.has(callerReference)) {
      throw new SandboxError(
        'HealthCheckAlreadyExists',
        `A health check with the caller reference ${callerReference} already exists or existed, with different settings.`,
        409,
      );
    }
    const record: HealthCheckRecord = { id: randomUUID(), callerReference, config, version: 1, createdAt: now, history: [{ at: now, config }] };
    this.checks.set(record.id, record);
    return { record, created: true };
  }

  /** UpdateHealthCheck with HealthCheckVersion as an optimistic lock. */
  update(id: string, body: JsonObject, now: number): HealthCheckRecord {
    const record = this.get(id);
    if (record.config.Type === 'RECOVERY_CONTROL') {
      // Observed in a real account (terraform-provider-aws #44247, aws-conformance G1): a routing-control
      // check is not updated; it follows its ARC routing control.
      throw new SandboxError('InvalidInput', 'Invalid parameter : Update is not supported for this health check type.');
    }
    const expected = integer(body.HealthCheckVersion, 'HealthCheckVersion');
    if (expected !== undefined && expected !== record.version) {
      throw new SandboxError(
        'HealthCheckVersionMismatch',
        `The value of HealthCheckVersion in the request (${expected}) doesn't match the current version (${record.version}) of health check ${id}.`,
        409,
      );
    }
    const config: HealthCheckConfig = { ...record.config, ...readConfigFields(body) };
    for (const element of listOf(body.ResetElements, 'ResettableElementName').map(String)) {
      const field = RESETTABLE[element];
      if (!field) throw new SandboxError('InvalidInput', `Invalid request: Invalid value '${element}' for field 'ResetElements'.`);
      delete config[field];
    }
    validateConfig(config, (child) => child !== id && this.has(child));
    record.config = config;
    record.version += 1;
    record.history.push({ at: now, config });
    return record;
  }

  delete(id: string): void {
    const record = this.get(id);
    this.retiredReferences.add(record.callerReference);
    this.checks.delete(id);
  }

  snapshot(): JsonValue {
    return JSON.parse(JSON.stringify({ checks: [...this.checks.values()], retiredReferences: [...this.retiredReferences] })) as JsonValue;
  }

  restore(snapshot: JsonValue | undefined): void {
    const data = (snapshot ?? {}) as { checks?: HealthCheckRecord[]; retiredReferences?: string[] };
    this.checks = new Map((data.checks ?? []).map((record) => [record.id, record]));
    this.retiredReferences = new Set(data.retiredReferences ?? []);
  }
}
