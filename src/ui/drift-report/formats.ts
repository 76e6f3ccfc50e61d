/**
 * The drift report formats, alone: `mrrctl drift --help` lists them (commander's choices) without
 * loading the renderers in ./index.ts.
 */
export const DRIFT_FORMATS = ['text', 'json', 'markdown', 'junit', 'sarif'] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];
