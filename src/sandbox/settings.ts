/**
 * Sandbox settings: defaults, and validation of a partial change (from `startSandbox`, the admin API
 * `PUT /_sandbox/settings`, or a state file). Validation names the offending field so the admin API
 * can answer 400 with a message a human can act on.
 */
import type { SandboxSettings } from './types.js';

/**
 * Defaults are short enough to rehearse a runbook interactively and long enough that every state
 * (CREATING, PENDING, Creating) is observable at least once. [INF] AWS takes minutes, not seconds.
 */
export const DEFAULT_SETTINGS: SandboxSettings = {
  accountId: '123456789012',
  replicaDelayMs: 10_000,
  dnsDelayMs: 5_000,
  syncDelayMs: 2_000,
  latencyMs: 0,
  quotas: { enabled: false, scale: 1 },
};

/** A bad admin or option input, bound to the field at fault. */
export class SettingsInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SettingsInputError';
  }
}

export type SettingsPatch = Partial<Omit<SandboxSettings, 'quotas'>> & {
  quotas?: Partial<SandboxSettings['quotas']>;
};

const DELAY_FIELDS = ['replicaDelayMs', 'dnsDelayMs', 'syncDelayMs', 'latencyMs'] as const;

/** Checks an untrusted patch and returns it typed; throws SettingsInputError naming the field. */
export function parseSettingsPatch(input: unknown): SettingsPatch {
  if (!isPlainObject(input)) throw new SettingsInputError('settings', 'expected a JSON object');
  const patch: SettingsPatch = {};
  for (const [key, value] of Object.entries(input)) {
    if ((DELAY_FIELDS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new SettingsInputError(key, `expected a number of milliseconds >= 0, got ${JSON.stringify(value)}`);
      }
      patch[key as (typeof DELAY_FIELDS)[number]] = value;
    } else if (key === 'accountId') {
      if (typeof value !== 'string' || !/^\d{12}$/.test(value)) {
        throw new SettingsInputError(key, `expected 12 digits, got ${JSON.stringify(value)}`);
      }
      patch.accountId = value;
    } else if (key === 'quotas') {
      patch.quotas = parseQuotasPatch(value);
    } else {
      throw new SettingsInputError(key, 'unknown setting');
    }
  }
  return patch;
}

function parseQuotasPatch(value: unknown): Partial<SandboxSettings['quotas']> {
  if (!isPlainObject(value)) throw new SettingsInputError('quotas', 'expected an object {enabled, scale}');
  const quotas: Partial<SandboxSettings['quotas']> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'enabled') {
      if (typeof v !== 'boolean') throw new SettingsInputError('quotas.enabled', 'expected true or false');
      quotas.enabled = v;
    } else if (key === 'scale') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        throw new SettingsInputError('quotas.scale', `expected a number > 0, got ${JSON.stringify(v)}`);
      }
      quotas.scale = v;
    } else {
      throw new SettingsInputError(`quotas.${key}`, 'unknown setting');
    }
  }
  return quotas;
}

/** Applies a patch IN PLACE, so models holding `ctx.settings` see runtime changes. */
export function applySettingsPatch(target: SandboxSettings, patch: SettingsPatch): SandboxSettings {
  const { quotas, ...rest } = patch;
  Object.assign(target, rest);
  if (quotas) target.quotas = { ...target.quotas, ...quotas };
  return target;
}

export function defaultSettings(): SandboxSettings {
  return { ...DEFAULT_SETTINGS, quotas: { ...DEFAULT_SETTINGS.quotas } };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
