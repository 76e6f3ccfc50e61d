/** `keys setup` (a mutation) and `keys verify` (a checklist of the multi-Region key). */
import * as z from 'zod';
import { obj, unreadableFinding } from './common.js';
import { mutationData, noReport } from './mutation.js';

export const checkStatus = z.enum(['pass', 'warn', 'fail', 'unreadable']).meta({ description: 'unreadable: the evidence could not be read (exit 3, like fail)' });

/** One line of a checklist (keys verify, preflight). */
export const checklistItem = obj({
  id: z.string(),
  status: checkStatus,
  evidence: z.string(),
  remedy: z.string().optional().meta({ description: 'what to do; present when the check does not pass' }),
  unreadable: unreadableFinding.optional().meta({ description: 'which read failed and why; present when status is unreadable' }),
});

export const keysSetupData = mutationData(noReport);

export const keysVerifyData = obj({
  userPoolId: z.string(),
  keyArn: z.string().nullable().meta({ description: "the pool's key; null when the pool uses no customer managed key" }),
  checks: z.array(checklistItem),
  unreadable: z.array(unreadableFinding).meta({ description: 'every read that failed (empty when all could be read)' }),
});
