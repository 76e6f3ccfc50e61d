/**
 * The sandbox's side of the HTTPS URL map. The mapping itself is in core (src/core/sandbox-urls.ts)
 * because the CLI's probes need it too, and src/aws must not import the sandbox.
 */
export { fromSandboxPath, HTTPS_PATH_PREFIX, toSandboxUrl } from '../core/sandbox-urls.js';
