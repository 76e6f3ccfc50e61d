/** `preflight`: every prerequisite for MRR and a safe failover, as a checklist. */
import { z } from 'zod';
import { obj } from './common.js';
import { checklistItem } from './keys.js';

export const preflightData = obj({ checks: z.array(checklistItem) });
