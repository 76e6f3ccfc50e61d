/** Config constants that light modules need without loading the schema library. */

/** Where the probe client's secret comes from; the file must never hold it. */
export const PROBE_SECRET_ENV = 'MRRCTL_PROBE_CLIENT_SECRET';
