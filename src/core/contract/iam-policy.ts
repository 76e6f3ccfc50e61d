/** `iam-policy`: the least-privilege policy for the commands; the document keeps IAM's own names. */
import * as z from 'zod';
import { aws, obj } from './common.js';

export const iamPolicyData = obj({
  commands: z.array(z.string()),
  account: z.string().nullable().meta({ description: 'the account id ARNs are scoped to ("*" when unknown); null when no call is made' }),
  policy: aws('the IAM policy document (IAM’s own Version/Statement names)').nullable(),
  calls: z.array(z.string()),
  implied: z.array(obj({ action: z.string(), because: z.string(), source: z.enum(['doc', 'inf']) })),
  omitted: z.array(obj({ action: z.string(), reason: z.string() })),
  notes: z.array(z.string()),
});
