/** `replica create|activate|deactivate|delete` (mutations) and `replica list`. */
import * as z from 'zod';
import { obj, region, unreadableFinding } from './common.js';
import { mutationData, noReport } from './mutation.js';

export const replicaMutationData = mutationData(noReport);

export const replicaListData = obj({
  userPoolId: z.string(),
  replicas: z.array(
    obj({
      region,
      role: z.string().meta({ description: 'PRIMARY or SECONDARY (ListUserPoolReplicas Role)' }),
      status: z.string().meta({ description: 'CREATING, INACTIVE, ACTIVE, DELETING (ListUserPoolReplicas Status)' }),
      userPoolArn: z.string().nullable(),
    }),
  )
    .nullable()
    .meta({ description: 'null when neither Region could answer for the pool' }),
  answeredBy: region.nullable().meta({ description: 'the Region that listed the replicas; null when none did' }),
  stale: z.boolean().meta({ description: 'the primary did not answer and the secondary listed them: the view may lag' }),
  notHostedIn: z.array(region).meta({ description: 'Regions asked that do not host the pool, so cannot answer for it' }),
  unreadable: z.array(unreadableFinding).meta({ description: 'every read that failed (empty when all could be read)' }),
});
