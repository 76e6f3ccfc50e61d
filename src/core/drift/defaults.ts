/** Drift's defaults, alone: `mrrctl drift --help` shows them without loading the drift model (./run.ts). */

/** How long to wait before the re-check of the replicated configuration [INF: no replication SLA is published]. */
export const DEFAULT_RECHECK_DELAY_MS = 5_000;
