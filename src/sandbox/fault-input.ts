/**
 * Validation of a fault posted to the admin API (`POST /_sandbox/faults`). Every refusal names the
 * field, so `mrrctl sandbox fault` can show the operator what to fix.
 */
import { FAULT_KINDS, type FaultInput } from './faults.js';
import { SettingsInputError, isPlainObject } from './settings.js';
import type { FaultKind } from './types.js';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ALLOWED_FIELDS = new Set(['region', 'service', 'operation', 'kind', 'ratio', 'ms', 'status', 'count']);

/**
 * @param resolveService maps a service name or alias to the name models go by (undefined = unknown)
 * @param knownServices the names to suggest when the service is unknown
 */
export function parseFaultInput(
  input: unknown,
  resolveService: (name: string) => string | undefined,
  knownServices: readonly string[],
): FaultInput {
  if (!isPlainObject(input)) throw new SettingsInputError('fault', 'expected a JSON object');
  for (const key of Object.keys(input)) {
    if (!ALLOWED_FIELDS.has(key)) throw new SettingsInputError(key, 'unknown fault field');
  }
  const kind = input.kind;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new SettingsInputError('kind', `expected one of ${FAULT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  }
  const fault: FaultInput = { kind: kind as FaultKind };

  if (input.region !== undefined) {
    if (typeof input.region !== 'string' || !REGION_PATTERN.test(input.region)) {
      throw new SettingsInputError('region', `expected a Region name like us-east-1, got ${JSON.stringify(input.region)}`);
    }
    fault.region = input.region;
  }
  if (input.service !== undefined) {
    const service = typeof input.service === 'string' ? resolveService(input.service) : undefined;
    if (!service) {
      throw new SettingsInputError(
        'service',
        `expected one of ${knownServices.join(', ')}, got ${JSON.stringify(input.service)}`,
      );
    }
    fault.service = service;
  }
  if (input.operation !== undefined) {
    if (typeof input.operation !== 'string' || input.operation.length === 0) {
      throw new SettingsInputError('operation', 'expected an operation name such as DescribeUserPool');
    }
    fault.operation = input.operation;
  }
  if (input.ratio !== undefined) {
    if (typeof input.ratio !== 'number' || !(input.ratio >= 0 && input.ratio <= 1)) {
      throw new SettingsInputError('ratio', `expected a number from 0 to 1, got ${JSON.stringify(input.ratio)}`);
    }
    fault.ratio = input.ratio;
  }
  if (input.count !== undefined) {
    if (!Number.isInteger(input.count) || (input.count as number) < 1) {
      throw new SettingsInputError('count', `expected a whole number >= 1, got ${JSON.stringify(input.count)}`);
    }
    fault.count = input.count as number;
  }
  if (kind === 'latency') {
    if (typeof input.ms !== 'number' || !Number.isFinite(input.ms) || input.ms < 0) {
      throw new SettingsInputError('ms', `a latency fault needs ms >= 0, got ${JSON.stringify(input.ms)}`);
    }
    fault.ms = input.ms;
  } else if (input.ms !== undefined) {
    throw new SettingsInputError('ms', 'only a latency fault takes ms');
  }
  if (kind === 'error') {
    const status = input.status ?? 500;
    if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
      throw new SettingsInputError('status', `expected an HTTP error status 400-599, got ${JSON.stringify(status)}`);
    }
    fault.status = status as number;
  } else if (input.status !== undefined) {
    throw new SettingsInputError('status', 'only an error fault takes status');
  }
  return fault;
}
