/** `completion`: the shell completion script. */
import * as z from 'zod';
import { obj } from './common.js';

export const completionData = obj({ shell: z.enum(['bash', 'zsh', 'fish']), script: z.string() });
