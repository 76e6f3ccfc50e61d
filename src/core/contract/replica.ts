/** `replica create|activate|deactivate|delete` (mutations) and `replica list`. */
import { z } from 'zod';
import { obj, region } from './common.js';
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
  ),
});
