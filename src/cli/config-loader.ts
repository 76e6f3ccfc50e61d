/**
 * Finds, reads and validates the config file, then lays the topology flags over it.
 * Lookup: --config, else MRRCTL_CONFIG, else ./mrrctl.yaml, ./mrrctl.yml, ./mrrctl.json, else none
 * (an empty config: commands that need a pool say which flag or key is missing).
 */
import { basename, resolve } from 'node:path';
import { UnreadableFileError, readRegularFile } from '../app/files/safe-read.js';
import { CONFIG_LIMITS } from '../core/config/limits.js';
import { ConfigError, ConfigErrorCode, type ConfigIssue } from '../core/config/config-error.js';
import { configFormatOf, parseConfigText } from '../core/config/parse-text.js';
import { regionExpectation } from '../core/config/regions.js';
import { isRegionName, isUserPoolId, userPoolIdExpectation, type MrrConfig } from '../core/config/schema.js';
import type { Origin } from '../core/config/semantic-checks.js';
import type { LoadedConfig, TopologyKey } from '../core/config/topology.js';
import { validateConfig } from '../core/config/validate.js';
import type { GlobalFlags } from '../core/global-flags.js';

export { requireTopology, type LoadedConfig, type Topology } from '../core/config/topology.js';

export const CONFIG_ENV = 'MRRCTL_CONFIG';
export const DEFAULT_CONFIG_FILES = ['mrrctl.yaml', 'mrrctl.yml', 'mrrctl.json'] as const;

export interface LoadConfigOptions {
  flags: Pick<GlobalFlags, 'config' | 'pool' | 'primary' | 'secondary'>;
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * Reads a file as UTF-8; must reject with code ENOENT when it does not exist. The default refuses
   * anything but a regular file of at most CONFIG_LIMITS.maxBytes (a FIFO, a device, a 50 MB file).
   */
  readFile?: (path: string) => Promise<string>;
}

const TOPOLOGY_FLAGS: ReadonlyArray<{
  key: TopologyKey;
  flag: 'pool' | 'primary' | 'secondary';
  valid: (value: string) => boolean;
  expected: (value: string) => string;
}> = [
  { key: 'userPoolId', flag: 'pool', valid: isUserPoolId, expected: userPoolIdExpectation },
  { key: 'primaryRegion', flag: 'primary', valid: isRegionName, expected: regionExpectation },
  { key: 'secondaryRegion', flag: 'secondary', valid: isRegionName, expected: regionExpectation },
];

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const read = options.readFile ?? ((path: string) => readRegularFile(path, CONFIG_LIMITS.maxBytes));
  const flagIssues = topologyFlagIssues(options.flags);
  const found = await findConfigFile(options, read);

  let config: MrrConfig;
  try {
    config = found
      ? validateFile(found.text, found.label)
      : validateConfig({}, { source: 'defaults' });
  } catch (error) {
    // Report bad flags together with the file's problems: one run shows everything to fix.
    if (error instanceof ConfigError && error.code === ConfigErrorCode.invalid && flagIssues.length > 0) {
      throw new ConfigError(ConfigErrorCode.invalid, [...flagIssues, ...error.issues]);
    }
    throw error;
  }
  if (flagIssues.length > 0) throw new ConfigError(ConfigErrorCode.badFlag, flagIssues);

  const origins: Partial<Record<TopologyKey, Origin>> = {};
  for (const { key, flag } of TOPOLOGY_FLAGS) {
    const override = options.flags[flag];
    if (override !== undefined) {
      config = { ...config, [key]: override };
      origins[key] = { field: `--${flag}` };
    } else if (config[key] !== undefined && found) {
      origins[key] = { source: found.label, field: key };
    }
  }
  return { file: found?.path, fileLabel: found?.label, config, origins };
}

function validateFile(text: string, label: string): MrrConfig {
  const { data, locate } = parseConfigText(text, { source: label, format: configFormatOf(label) });
  return validateConfig(data, { source: label, locate });
}

function topologyFlagIssues(flags: LoadConfigOptions['flags']): ConfigIssue[] {
  return TOPOLOGY_FLAGS.flatMap(({ flag, valid, expected }) => {
    const value = flags[flag];
    return value === undefined || valid(value) ? [] : [{ field: `--${flag}`, value, expected: expected(value) }];
  });
}

interface FoundFile {
  path: string;
  label: string;
  text: string;
}

async function findConfigFile(
  options: LoadConfigOptions,
  read: (path: string) => Promise<string>,
): Promise<FoundFile | undefined> {
  const envValue = options.env[CONFIG_ENV];
  const named =
    options.flags.config !== undefined
      ? { field: '--config', value: options.flags.config }
      : envValue
        ? { field: CONFIG_ENV, value: envValue }
        : undefined;
  if (named) {
    const path = resolve(options.cwd, named.value);
    try {
      return { path, label: named.value, text: await read(path) };
    } catch (error) {
      throw new ConfigError(codeOf(error), [
        { field: named.field, value: named.value, expected: `${expectedFile(error)} (${readFailure(error, path)})` },
      ]);
    }
  }
  for (const name of DEFAULT_CONFIG_FILES) {
    const path = resolve(options.cwd, name);
    try {
      return { path, label: basename(path), text: await read(path) };
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw new ConfigError(codeOf(error), [
        { source: name, field: 'file', value: path, expected: `${expectedFile(error)} (${readFailure(error, path)})` },
      ]);
    }
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof UnreadableFileError) return error.code === 'not-found' ? 'ENOENT' : error.code;
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function codeOf(error: unknown) {
  return error instanceof UnreadableFileError && error.code === 'too-large' ? ConfigErrorCode.tooLarge : ConfigErrorCode.unreadable;
}

function expectedFile(error: unknown): string {
  return error instanceof UnreadableFileError && error.code === 'too-large'
    ? `a config file of at most ${CONFIG_LIMITS.maxBytes} bytes`
    : 'a readable config file';
}

function readFailure(error: unknown, path: string): string {
  if (error instanceof UnreadableFileError) return error.message;
  switch (errorCode(error)) {
    case 'ENOENT':
      return `${path} does not exist`;
    case 'EISDIR':
      return `${path} is a directory`;
    case 'EACCES':
    case 'EPERM':
      return `${path} is not readable: permission denied`;
    default:
      return `${path} could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
