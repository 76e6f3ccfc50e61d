/** `rehearse`: the runbook as a game day on an ephemeral sandbox, as a timeline. */
import * as z from 'zod';
import { obj } from './common.js';

export const rehearseData = obj({
  ok: z.boolean(),
  scenario: z.enum(['default', 'region-outage']).meta({ description: 'the game day run (--scenario); region-outage uses ARC routing controls' }),
  failedStep: z.string().nullable(),
  timeline: z.array(obj({ id: z.string(), title: z.string(), ok: z.boolean(), durationMs: z.number(), outcome: z.string() })),
});
