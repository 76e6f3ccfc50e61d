/** The global flags' type lives in core (adapters need it too); re-exported for the cli's imports. */
export type { GlobalFlags } from '../core/global-flags.js';
