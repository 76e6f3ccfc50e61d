/** `cost`: the monthly add-on cost of the replica Region. */
import * as z from 'zod';
import { obj } from './common.js';

export const costData = obj({
  tier: z.enum(['essentials', 'plus']),
  mau: z.number(),
  m2mTokens: z.number(),
  userAuthAddOn: z.number(),
  m2mAddOn: z.number(),
  total: z.number(),
  currency: z.string(),
  priceSource: z.string(),
  priceAsOf: z.string(),
  arc: obj({
    clusterUsdPerHour: z.number(),
    clusterUsdPerMonth: z.number(),
    inferred: z.boolean().meta({ description: 'the price is inferred, not documented: check the current pricing page' }),
    priceSource: z.string(),
    sharedAcrossAccounts: z.string(),
  })
    .nullable()
    .meta({ description: "the ARC cluster's price (dns.strategy arc-routing-control); null otherwise" }),
});
