/** The sandbox's public surface: start it, drive its world, map HTTPS URLs to it. */
export { startSandbox, DEFAULT_HOST, DEFAULT_PORT, type SandboxHandle, type SandboxOptions } from './server.js';
export { World, systemClock, type OidcHandler, type WorldOptions, type WorldSnapshot } from './world.js';
export { summarizeWorld, type WorldSummary } from './state-summary.js';
export { seedDemo, renderDemoConfig, type DemoSummary } from './seed/demo.js';
export { toSandboxUrl, fromSandboxPath, HTTPS_PATH_PREFIX } from './url-map.js';
export { DEFAULT_SETTINGS, SettingsInputError, parseSettingsPatch, type SettingsPatch } from './settings.js';
export { parseFaultInput } from './fault-input.js';
export type { FaultInput } from './faults.js';
export { readStateFile, writeStateFile, StateFileError } from './state-file.js';
export { UNSIGNED_DEFAULT_REGION } from './aws-call.js';
export * from './types.js';
