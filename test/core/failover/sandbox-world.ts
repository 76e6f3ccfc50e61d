/** Moved to test/helpers/failover-world.ts (an end-to-end helper, not a core test); kept for the files that still import it here. */
export * from '../../helpers/failover-world.js';
