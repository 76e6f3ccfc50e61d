/** Every command the CLI has. A command that is not built yet is not listed: none pretends. */
import type { CommandRegistrar } from '../command-kit.js';
import { registerApply } from './apply.js';
import { registerCompletion } from './completion.js';
import { registerCost } from './cost.js';
import { registerIssuer } from './issuer.js';
import { registerKeys } from './keys.js';
import { registerPreflight } from './preflight.js';
import { registerReplica } from './replica.js';
import { registerSandbox } from './sandbox.js';
import { registerStatus } from './status.js';

export const registerCommands: CommandRegistrar[] = [registerStatus, registerPreflight, registerKeys, registerIssuer, registerReplica, registerApply, registerSandbox, registerCost, registerCompletion];
