/** Every command the CLI has. A command that is not built yet is not listed: none pretends. */
import type { CommandRegistrar } from '../command-kit.js';
import { registerCompletion } from './completion.js';
import { registerCost } from './cost.js';

export const registerCommands: CommandRegistrar[] = [registerCost, registerCompletion];
