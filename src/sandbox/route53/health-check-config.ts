/**
 * Health check configuration: reading it from CreateHealthCheck and UpdateHealthCheck, the defaults
 * Route 53 fills in, the checks it makes (InvalidInput), and the XML it answers.
 */
import { SandboxError, type JsonObject } from '../types.js';
import { bool, integer, listOf, text, xmlList } from './xml.js';

export interface HealthCheckConfig {
  Type: string;
  IPAddress?: string;
  Port?: number;
  ResourcePath?: string;
  FullyQualifiedDomainName?: string;
  SearchString?: string;
  RequestInterval?: number;
  FailureThreshold?: number;
  MeasureLatency?: boolean;
  Inverted: boolean;
  Disabled: boolean;
  HealthThreshold?: number;
  ChildHealthChecks?: string[];
  EnableSNI?: boolean;
  Regions?: string[];
  AlarmIdentifier?: { Region: string; Name: string };
  InsufficientDataHealthStatus?: string;
  RoutingControlArn?: string;
}

export const HEALTH_CHECK_TYPES = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP', 'CALCULATED', 'CLOUDWATCH_METRIC', 'RECOVERY_CONTROL'];
/** The Regions Route 53 health checkers run in (the default set for a check). */
export const CHECKER_REGIONS = ['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'];
const ENDPOINT_TYPES = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'];

function invalid(message: string): SandboxError {
  return new SandboxError('InvalidInput', `Invalid request: ${message}`);
}

/** The fields UpdateHealthCheck may change, read from either request (undefined = not sent). */
export function readConfigFields(x: JsonObject): Partial<HealthCheckConfig> {
  const alarm = x.AlarmIdentifier as JsonObject | undefined;
  const fields: Partial<HealthCheckConfig> = {
    IPAddress: text(x.IPAddress),
    Port: integer(x.Port, 'Port'),
    ResourcePath: text(x.ResourcePath),
    FullyQualifiedDomainName: text(x.FullyQualifiedDomainName),
    SearchString: text(x.SearchString),
    FailureThreshold: integer(x.FailureThreshold, 'FailureThreshold'),
    Inverted: bool(x.Inverted, 'Inverted'),
    Disabled: bool(x.Disabled, 'Disabled'),
    HealthThreshold: integer(x.HealthThreshold, 'HealthThreshold'),
    ChildHealthChecks: x.ChildHealthChecks === undefined ? undefined : listOf(x.ChildHealthChecks, 'ChildHealthCheck').map(String),
    EnableSNI: bool(x.EnableSNI, 'EnableSNI'),
    Regions: x.Regions === undefined ? undefined : listOf(x.Regions, 'Region').map(String),
    AlarmIdentifier: alarm ? { Region: text(alarm.Region) ?? '', Name: text(alarm.Name) ?? '' } : undefined,
    InsufficientDataHealthStatus: text(x.InsufficientDataHealthStatus),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A CreateHealthCheck <HealthCheckConfig> with Route 53's defaults filled in. */
export function readNewConfig(x: JsonObject | undefined): HealthCheckConfig {
  if (!x || typeof x !== 'object') throw invalid("Missing field 'HealthCheckConfig'.");
  const type = text(x.Type);
  if (!type || !HEALTH_CHECK_TYPES.includes(type)) throw invalid(`Invalid value '${type ?? ''}' for field 'Type'.`);
  const fields = readConfigFields(x);
  const config: HealthCheckConfig = { Type: type, ...fields, Inverted: fields.Inverted ?? false, Disabled: fields.Disabled ?? false };
  if (x.RoutingControlArn !== undefined) config.RoutingControlArn = text(x.RoutingControlArn);
  if (ENDPOINT_TYPES.includes(type)) {
    config.Port ??= type.startsWith('HTTPS') ? 443 : type === 'TCP' ? undefined : 80;
    config.RequestInterval = integer(x.RequestInterval, 'RequestInterval') ?? 30;
    config.FailureThreshold ??= 3;
    config.MeasureLatency = bool(x.MeasureLatency, 'MeasureLatency') ?? false;
    if (type.startsWith('HTTPS')) config.EnableSNI ??= true;
  }
  return config;
}

/** Checks that hold for a configuration however it was reached (create or update). */
export function validateConfig(config: HealthCheckConfig, healthCheckExists: (id: string) => boolean): void {
  const { Type } = config;
  if (ENDPOINT_TYPES.includes(Type)) {
    if (!config.IPAddress && !config.FullyQualifiedDomainName) {
      throw invalid(`A health check of type ${Type} needs an IPAddress or a FullyQualifiedDomainName.`);
    }
    if (Type === 'TCP' && config.Port === undefined) throw invalid('A TCP health check needs a Port.');
    if (Type.endsWith('_STR_MATCH') && !config.SearchString) throw invalid(`A ${Type} health check needs a SearchString.`);
    if (config.RequestInterval !== 10 && config.RequestInterval !== 30) throw invalid('RequestInterval must be 10 or 30.');
  }
  if (config.FailureThreshold !== undefined && (config.FailureThreshold < 1 || config.FailureThreshold > 10)) {
    throw invalid('FailureThreshold must be between 1 and 10.');
  }
  if (config.Port !== undefined && (config.Port < 1 || config.Port > 65535)) throw invalid('Port must be between 1 and 65535.');
  if (config.Regions !== undefined) {
    const unknown = config.Regions.filter((region) => !CHECKER_REGIONS.includes(region));
    if (unknown.length) throw invalid(`Invalid value '${unknown[0]}' for field 'Regions'.`);
    if (config.Regions.length < 3) throw invalid('Regions must name at least 3 health checker Regions.');
  }
  if (Type === 'CALCULATED') {
    for (const child of config.ChildHealthChecks ?? []) {
      if (!healthCheckExists(child)) throw invalid(`Child health check ${child} does not exist.`);
    }
    if (config.HealthThreshold !== undefined && (config.HealthThreshold < 0 || config.HealthThreshold > 256)) {
      throw invalid('HealthThreshold must be between 0 and 256.');
    }
  }
  if (Type === 'RECOVERY_CONTROL' && !config.RoutingControlArn) throw invalid('A RECOVERY_CONTROL health check needs a RoutingControlArn.');
  if (Type === 'CLOUDWATCH_METRIC' && !config.AlarmIdentifier) throw invalid('A CLOUDWATCH_METRIC health check needs an AlarmIdentifier.');
}

/** <HealthCheckConfig> as Route 53 writes it. */
export function configXml(config: HealthCheckConfig): JsonObject {
  return {
    IPAddress: config.IPAddress,
    Port: config.Port,
    Type: config.Type,
    ResourcePath: config.ResourcePath,
    FullyQualifiedDomainName: config.FullyQualifiedDomainName,
    SearchString: config.SearchString,
    RequestInterval: config.RequestInterval,
    FailureThreshold: config.FailureThreshold,
    MeasureLatency: config.MeasureLatency,
    Inverted: config.Inverted,
    Disabled: config.Disabled,
    HealthThreshold: config.HealthThreshold,
    ChildHealthChecks: config.ChildHealthChecks ? xmlList('ChildHealthCheck', config.ChildHealthChecks) : undefined,
    EnableSNI: config.EnableSNI,
    Regions: config.Regions ? xmlList('Region', config.Regions) : undefined,
    AlarmIdentifier: config.AlarmIdentifier,
    InsufficientDataHealthStatus: config.InsufficientDataHealthStatus,
    RoutingControlArn: config.RoutingControlArn,
  };
}
