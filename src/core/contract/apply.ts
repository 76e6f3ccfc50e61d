/** `apply FILE`: a saved plan replayed through its command's own flow — that command's data. */
import * as z from 'zod';
import { canaryData } from './canary.js';
import { driftFixData } from './drift.js';
import { failoverData } from './failover.js';
import { issuerSwitchData } from './issuer.js';
import { keysSetupData } from './keys.js';
import { replicaMutationData } from './replica.js';

/** The data of the plan's command (plan.command says which). */
export const applyData = z.union([failoverData, canaryData, issuerSwitchData, driftFixData, keysSetupData, replicaMutationData]);
