/** `preflight`: every prerequisite for MRR and a safe failover, as a checklist. */
import * as z from 'zod';
import { obj, unreadableFinding } from './common.js';
import { checklistItem } from './keys.js';

export const preflightData = obj({
  checks: z.array(checklistItem).meta({ description: 'with the arc-routing-control strategy, the arc.* checks too (cluster endpoints, records, safety rules)' }),
  unreadable: z.array(unreadableFinding).meta({ description: 'every read that failed (empty when all could be read)' }),
});
