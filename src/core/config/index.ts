/** The configuration: schema, validation, parsing and the topology commands need. */
export {
  mrrConfigSchema,
  isUserPoolId,
  isRegionName,
  isDnsName,
  userPoolRegion,
  GUARD_DEFAULTS,
  PROBE_SECRET_ENV,
  DNS_RECORD_TYPES,
  DNS_STRATEGIES,
  type MrrConfig,
  type MrrConfigInput,
  type DnsConfig,
  type DnsRecordConfig,
  type ArcConfig,
  type ArcEndpointConfig,
  type DriftAllowance,
  type GuardsConfig,
} from './schema.js';
export { KNOWN_REGIONS, REGION_NAME_PATTERN, regionExpectation } from './regions.js';
export { ConfigError, ConfigErrorCode, formatIssue, formatIssues, type ConfigIssue } from './config-error.js';
export { validateConfig, type ValidateOptions } from './validate.js';
export { parseConfigText, configFormatOf, type ConfigFormat, type Locate, type Position } from './parse-text.js';
export { requireTopology, type LoadedConfig, type Topology, type TopologyKey } from './topology.js';
export type { Origin } from './semantic-checks.js';
