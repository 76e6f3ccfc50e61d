/**
 * Lambda triggers: each primary trigger must be set in the secondary to the same function in the
 * secondary's own Region (ARNs equal modulo Region), and that function must exist there with the same
 * code, runtime and handler, and let Cognito invoke it for the secondary's pool.
 */
import type { JsonObject } from '../plan/types.js';
import { arnInRegion, regionOfArn, resourceName, sameModuloRegion } from './arn.js';
import { show, type FindingCollector } from './collector.js';
import { functionAt, functionRegion, triggersOf } from './counterparts.js';
import type { PolicyDocument } from '../ports/parity.js';
import { unreadResource, type DriftObservation } from './types.js';

const COGNITO_PRINCIPAL = 'cognito-idp.amazonaws.com';
const CUSTOM_SENDERS = ['CustomSMSSender.LambdaArn', 'CustomEmailSender.LambdaArn'];

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

/** Does the policy let Cognito invoke the function on behalf of `poolArn`? */
export function allowsCognito(policy: PolicyDocument | undefined, poolArn: string | undefined): boolean {
  return list(policy?.Statement).some((raw) => {
    const st = raw as JsonObject;
    if (st.Effect !== 'Allow') return false;
    const principal = st.Principal as JsonObject | string | undefined;
    const principalOk = principal === '*' || list((principal as JsonObject | undefined)?.Service).includes(COGNITO_PRINCIPAL);
    const actionOk = list(st.Action).some((a) => a === 'lambda:InvokeFunction' || a === 'lambda:*' || a === '*');
    if (!principalOk || !actionOk) return false;
    // A SourceArn condition (any operator, any key case) must admit this Region's pool ARN.
    for (const operator of Object.values((st.Condition ?? {}) as JsonObject)) {
      for (const [key, expected] of Object.entries((operator ?? {}) as JsonObject)) {
        if (key.toLowerCase() !== 'aws:sourcearn') continue;
        if (!poolArn || !list(expected).some((p) => typeof p === 'string' && glob(p, poolArn))) return false;
      }
    }
    return true;
  });
}

function checkTriggerSettings(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const primary = triggersOf(o.primary.pool?.LambdaConfig);
  const secondary = triggersOf(o.secondary.pool?.LambdaConfig);
  for (const [trigger, parn] of Object.entries(primary)) {
    const c = out.check(`lambda.${trigger}`, 'lambda', `Lambda trigger ${trigger}`);
    const counterpart = arnInRegion(parn, S);
    const ready = functionAt(o, S, counterpart) !== undefined;
    const name = resourceName(parn);
    const path = `secondary.LambdaConfig.${trigger}`;
    const fix = ready ? `run \`mrrctl drift fix\` to set it to ${counterpart}` : `deploy ${name} to ${S}, then run \`mrrctl drift fix\``;
    const sarn = secondary[trigger];
    if (!sarn) {
      c.add('MRR_DRIFT_E101', { region: S, path, primary: parn, secondary: null, fixable: ready, remedy: fix, message: `${trigger} invokes ${name} in ${P} but is not set in ${S}` });
    } else if (functionRegion(sarn, S) !== S) {
      c.add('MRR_DRIFT_E102', { region: S, path, primary: parn, secondary: sarn, fixable: ready, remedy: fix, message: `${trigger} in ${S} invokes a function in ${regionOfArn(sarn)}` });
    } else if (!sameModuloRegion(sarn, parn)) {
      c.add('MRR_DRIFT_W103', { region: S, path, primary: parn, secondary: sarn, fixable: ready, remedy: `${fix}, or allow the difference in drift.allow`, message: `${trigger} invokes ${resourceName(sarn)} in ${S} but ${name} in ${P}` });
    }
  }
  for (const [trigger, sarn] of Object.entries(secondary)) {
    if (primary[trigger]) continue;
    out.check(`lambda.${trigger}`, 'lambda', `Lambda trigger ${trigger}`).add('MRR_DRIFT_W104', {
      region: S,
      path: `secondary.LambdaConfig.${trigger}`,
      primary: null,
      secondary: sarn,
      remedy: `set the trigger in ${P} too, remove it from ${S}, or allow it in drift.allow`,
      message: `${trigger} invokes ${resourceName(sarn)} in ${S} only`,
    });
  }
  const pconfig = (o.primary.pool?.LambdaConfig ?? {}) as JsonObject;
  const sconfig = (o.secondary.pool?.LambdaConfig ?? {}) as JsonObject;
  if (CUSTOM_SENDERS.some((t) => primary[t]) && typeof pconfig.KMSKeyID === 'string') {
    const c = out.check('lambda.KMSKeyID', 'lambda', 'Custom sender KMS key');
    const skey = sconfig.KMSKeyID;
    if (typeof skey !== 'string' || !sameModuloRegion(skey, pconfig.KMSKeyID) || (regionOfArn(skey) ?? S) !== S) {
      c.add('MRR_DRIFT_E109', {
        region: S,
        path: 'secondary.LambdaConfig.KMSKeyID',
        primary: pconfig.KMSKeyID,
        secondary: skey ?? null,
        fixable: true,
        remedy: `run \`mrrctl drift fix\` to set it to ${arnInRegion(pconfig.KMSKeyID, S)} (the multi-Region key's replica)`,
        message: `custom sender triggers need KMSKeyID in ${S}: ${show(skey)} instead of the key's ${S} replica`,
      });
    }
  }
}

function checkFunctions(o: DriftObservation, out: FindingCollector): void {
  const P = o.primaryRegion;
  const S = o.secondaryRegion;
  const poolArn = { [P]: o.primary.pool?.Arn, [S]: o.secondary.pool?.Arn ?? o.replica?.UserPoolArn };
  const seen = new Set<string>();
  const triggers = Object.values(triggersOf(o.primary.pool?.LambdaConfig));
  const secondaryOwn = Object.values(triggersOf(o.secondary.pool?.LambdaConfig)).filter((a) => functionRegion(a, S) === S);
  const targets = [
    ...triggers.flatMap((arn) => [
      { region: functionRegion(arn, P), arn, reference: undefined as string | undefined },
      { region: S, arn: arnInRegion(arn, S), reference: arn },
    ]),
    ...secondaryOwn.map((arn) => ({ region: S, arn, reference: triggers.find((t) => sameModuloRegion(t, arn)) })),
  ];
  for (const { region, arn, reference } of targets) {
    if (seen.has(`${region} ${arn}`)) continue;
    seen.add(`${region} ${arn}`);
    const name = resourceName(arn);
    const side = region === P ? 'primary' : 'secondary';
    const c = out.check(`resource.lambda:${name}`, 'lambda', `Lambda function ${name}`);
    const path = `${side}.resources.lambda:${name}`;
    // A function whose read failed is unknown: neither "missing" nor "in sync".
    const unread = unreadResource(o, 'function', region, arn);
    if (unread) {
      c.unreadable(unread);
      continue;
    }
    const fn = functionAt(o, region, arn);
    if (!fn) {
      c.add('MRR_DRIFT_E105', { region, path, primary: reference ?? arn, secondary: null, remedy: `deploy ${name} to ${region} (drift fix cannot deploy functions)`, message: `function ${name} does not exist in ${region}` });
      continue;
    }
    if (!allowsCognito(fn.policy, poolArn[region])) {
      c.add('MRR_DRIFT_E106', {
        region,
        path: `${path}.policy`,
        primary: null,
        secondary: arn,
        fixable: region === S,
        remedy: region === S ? 'run `mrrctl drift fix` (it adds the permission)' : `aws lambda add-permission --function-name ${arn} --principal ${COGNITO_PRINCIPAL} --action lambda:InvokeFunction --source-arn ${poolArn[region] ?? '<pool ARN>'} --statement-id cognito`,
        message: `${name} in ${region} does not let ${COGNITO_PRINCIPAL} invoke it for the pool`,
      });
    }
    if (region === P) continue;
    const referenceUnread = reference ? unreadResource(o, 'function', functionRegion(reference, P), reference) : undefined;
    if (referenceUnread) {
      c.unreadable(referenceUnread);
      continue;
    }
    const original = reference ? functionAt(o, functionRegion(reference, P), reference) : undefined;
    if (!original) continue;
    if (original.info.CodeSha256 !== fn.info.CodeSha256) {
      c.add('MRR_DRIFT_W107', { region, path: `${path}.CodeSha256`, primary: original.info.CodeSha256, secondary: fn.info.CodeSha256, remedy: `deploy the same code to ${name} in both Regions`, message: `${name} runs different code in ${P} and ${S}` });
    }
    const shape = (f: typeof fn) => ({ Runtime: f.info.Runtime ?? null, Handler: f.info.Handler ?? null });
    if (JSON.stringify(shape(original)) !== JSON.stringify(shape(fn))) {
      c.add('MRR_DRIFT_W108', { region, path: `${path}.Configuration`, primary: shape(original), secondary: shape(fn), remedy: `deploy ${name} with the same runtime and handler in both Regions`, message: `${name} has a different runtime or handler in ${S}` });
    }
  }
}

export function checkLambda(o: DriftObservation, out: FindingCollector): void {
  checkTriggerSettings(o, out);
  checkFunctions(o, out);
}
