/**
 * Every command path and the schema of its `data`: the source of docs/schemas/<path>.json (spaces
 * become dashes). test/core/contract.test.ts writes and checks the files; the end-to-end test
 * validates real output against these schemas.
 */
import type { ZodType } from 'zod';
import { canaryData } from './canary.js';
import { completionData } from './completion.js';
import { costData } from './cost.js';
import { driftData, driftFixData } from './drift.js';
import { envelope, errorData } from './envelope.js';
import { failoverData } from './failover.js';
import { healthData } from './health.js';
import { iamPolicyData } from './iam-policy.js';
import { issuerStatusData, issuerSwitchData } from './issuer.js';
import { keysSetupData, keysVerifyData } from './keys.js';
import { applyData } from './apply.js';
import { preflightData } from './preflight.js';
import { rehearseData } from './rehearse.js';
import { replicaListData, replicaMutationData } from './replica.js';
import { sandboxFaultData, sandboxResetData, sandboxSeedData, sandboxStartData, sandboxStatusData, sandboxStopData } from './sandbox.js';
import { statusData } from './status.js';

export const COMMAND_DATA: Readonly<Record<string, ZodType>> = {
  status: statusData,
  preflight: preflightData,
  'keys setup': keysSetupData,
  'keys verify': keysVerifyData,
  'issuer switch': issuerSwitchData,
  'issuer status': issuerStatusData,
  'replica create': replicaMutationData,
  'replica activate': replicaMutationData,
  'replica deactivate': replicaMutationData,
  'replica delete': replicaMutationData,
  'replica list': replicaListData,
  drift: driftData,
  'drift fix': driftFixData,
  health: healthData,
  failover: failoverData,
  canary: canaryData,
  'canary stop': canaryData,
  apply: applyData,
  'iam-policy': iamPolicyData,
  rehearse: rehearseData,
  'sandbox start': sandboxStartData,
  'sandbox stop': sandboxStopData,
  'sandbox status': sandboxStatusData,
  'sandbox seed': sandboxSeedData,
  'sandbox fault': sandboxFaultData,
  'sandbox reset': sandboxResetData,
  cost: costData,
  completion: completionData,
};

/** The documents that are not one command's data. */
export const SHARED_SCHEMAS: Readonly<Record<string, ZodType>> = { envelope, error: errorData };

/** docs/schemas/<name>.json: `replica list` → replica-list.json. */
export function schemaFileName(name: string): string {
  return `${name.replace(/ /g, '-')}.json`;
}
