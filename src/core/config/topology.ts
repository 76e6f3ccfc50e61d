/**
 * The loaded configuration, and the topology (pool + two Regions) that most commands need.
 */
import { ConfigError, ConfigErrorCode, type ConfigIssue } from './config-error.js';
import type { MrrConfig } from './schema.js';
import { partitionIssues, semanticIssues, type Origin, type Sourced } from './semantic-checks.js';

export type TopologyKey = 'userPoolId' | 'primaryRegion' | 'secondaryRegion';

export interface Topology {
  userPoolId: string;
  primaryRegion: string;
  secondaryRegion: string;
}

export interface LoadedConfig {
  /** Absolute path of the config file that was read; undefined when none was found. */
  file?: string;
  /** The file as messages name it: as given to --config / MRRCTL_CONFIG, or the default name. */
  fileLabel?: string;
  /** File values, flag overrides applied, defaults filled in. */
  config: MrrConfig;
  /** Where each topology value came from (a flag or a file key), so errors can name it. */
  origins: Partial<Record<TopologyKey, Origin>>;
}

const TOPOLOGY: ReadonlyArray<{ key: TopologyKey; flag: string }> = [
  { key: 'userPoolId', flag: '--pool <id>' },
  { key: 'primaryRegion', flag: '--primary <region>' },
  { key: 'secondaryRegion', flag: '--secondary <region>' },
];

/**
 * A key ARN given on the command line (--key-arn) against the topology's partition: exit 2 before
 * anything is read or written.
 */
export function requireKeyArnPartition(topology: Topology, flag: string, arn: string): void {
  const issues = partitionIssues({
    primaryRegion: { value: topology.primaryRegion, origin: { field: 'primaryRegion' } },
    keyArn: { value: arn, origin: { field: flag } },
  });
  if (issues.length > 0) throw new ConfigError(ConfigErrorCode.partition, issues);
}

/**
 * The pool and both Regions, or a ConfigError (exit 2) naming everything missing, or — after flags
 * overrode the file — what contradicts: primary = secondary, a pool created in another Region than the
 * primary, or a weighted DNS section without a record for one of the Regions.
 */
export function requireTopology(loaded: LoadedConfig): Topology {
  const { config } = loaded;
  const missing: ConfigIssue[] = TOPOLOGY.filter(({ key }) => config[key] === undefined).map(({ key, flag }) => ({
    field: key,
    value: undefined,
    expected:
      `${flag} or ${key} in ${loaded.fileLabel ?? 'mrrctl.yaml'}` +
      (loaded.file ? '' : ' (no config file was found: --config, MRRCTL_CONFIG, ./mrrctl.yaml, ./mrrctl.yml, ./mrrctl.json)'),
  }));
  if (missing.length > 0) throw new ConfigError(ConfigErrorCode.missingTopology, missing);

  const sourced = (key: TopologyKey): Sourced => ({
    value: config[key],
    origin: loaded.origins[key] ?? { source: loaded.fileLabel, field: key },
  });
  const conflicts = semanticIssues({
    userPoolId: sourced('userPoolId'),
    primaryRegion: sourced('primaryRegion'),
    secondaryRegion: sourced('secondaryRegion'),
    dns: config.dns,
    dnsSource: loaded.fileLabel,
  });
  // The partition first: a GovCloud secondary is the real problem, not its missing DNS record.
  const partitions = partitionIssues({
    primaryRegion: sourced('primaryRegion'),
    secondaryRegion: sourced('secondaryRegion'),
    ...(config.key?.arn !== undefined && { keyArn: { value: config.key.arn, origin: { source: loaded.fileLabel, field: 'key.arn' } } }),
  });
  if (partitions.length > 0) throw new ConfigError(ConfigErrorCode.partition, partitions);
  if (conflicts.length > 0) throw new ConfigError(ConfigErrorCode.inconsistentTopology, conflicts);

  return {
    userPoolId: config.userPoolId as string,
    primaryRegion: config.primaryRegion as string,
    secondaryRegion: config.secondaryRegion as string,
  };
}
