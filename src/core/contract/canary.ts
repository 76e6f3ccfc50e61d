/** `canary` and `canary stop` (mutations): the plan, and the weights, lock and history they started from. */
import * as z from 'zod';
import { mutationData } from './mutation.js';
import { obj } from './common.js';
import { heldLock, historyEvent } from './traffic.js';

export const canaryReport = obj({
  weights: z.record(z.string(), z.number()).nullable(),
  lock: heldLock.nullable(),
  history: z.array(historyEvent),
});

export const canaryData = mutationData(canaryReport);
