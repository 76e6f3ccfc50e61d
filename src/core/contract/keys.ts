/** `keys setup` (a mutation) and `keys verify` (a checklist of the multi-Region key). */
import { z } from 'zod';
import { obj } from './common.js';
import { mutationData, noReport } from './mutation.js';

export const checkStatus = z.enum(['pass', 'warn', 'fail']);

/** One line of a checklist (keys verify, preflight). */
export const checklistItem = obj({
  id: z.string(),
  status: checkStatus,
  evidence: z.string(),
  remedy: z.string().optional().meta({ description: 'what to do; present when the check does not pass' }),
});

export const keysSetupData = mutationData(noReport);

export const keysVerifyData = obj({
  userPoolId: z.string(),
  keyArn: z.string().nullable().meta({ description: "the pool's key; null when the pool uses no customer managed key" }),
  checks: z.array(checklistItem),
});
