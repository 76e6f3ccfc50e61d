/**
 * The game day's "deploy what the secondary lacks": copies the Regional resources the pool points at
 * (Lambda functions with their resource policies, SES identities, WAF web ACLs, log groups, delivery
 * streams) from one Region of the sandbox to the other — what an operator's IaC pipeline would do.
 * Reads go through the real SDK clients; creation uses the sandbox's seeding (AWS has no "copy").
 */
import type { AwsClients } from '../../aws/clients.js';
import type { World } from '../../sandbox/world.js';

export interface Deployed {
  service: string;
  name: string;
}

const inRegion = (text: string, from: string, to: string) => text.split(`:${from}:`).join(`:${to}:`);

export async function deployMissing(clients: AwsClients, world: World, from: string, to: string): Promise<Deployed[]> {
  const deployed: Deployed[] = [];
  const { ListFunctionsCommand, GetFunctionCommand, GetPolicyCommand } = await import('@aws-sdk/client-lambda');
  const lambda = await clients.lambda(from);
  for (const fn of (await lambda.send(new ListFunctionsCommand({}))).Functions ?? []) {
    const full = await lambda.send(new GetFunctionCommand({ FunctionName: fn.FunctionName }));
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: fn.FunctionName })).catch(() => undefined);
    const c = full.Configuration ?? {};
    world.put('lambda', to, {
      FunctionName: c.FunctionName,
      Runtime: c.Runtime,
      Handler: c.Handler,
      CodeSha256: c.CodeSha256,
      ...(c.Environment?.Variables ? { Environment: { Variables: c.Environment.Variables } } : {}),
      ...(policy?.Policy ? { Policy: inRegion(policy.Policy, from, to) } : {}),
    });
    deployed.push({ service: 'lambda', name: c.FunctionName ?? '?' });
  }
  const { ListEmailIdentitiesCommand } = await import('@aws-sdk/client-sesv2');
  for (const id of (await (await clients.sesv2(from)).send(new ListEmailIdentitiesCommand({}))).EmailIdentities ?? []) {
    world.put('ses', to, { EmailIdentity: id.IdentityName, VerificationStatus: 'SUCCESS' });
    deployed.push({ service: 'ses', name: id.IdentityName ?? '?' });
  }
  const { ListWebACLsCommand, GetWebACLCommand } = await import('@aws-sdk/client-wafv2');
  const waf = await clients.wafv2(from);
  for (const acl of (await waf.send(new ListWebACLsCommand({ Scope: 'REGIONAL' }))).WebACLs ?? []) {
    const full = (await waf.send(new GetWebACLCommand({ Name: acl.Name, Id: acl.Id, Scope: 'REGIONAL' }))).WebACL;
    world.put('wafv2', to, { Name: full?.Name, Rules: JSON.parse(JSON.stringify(full?.Rules ?? [])), DefaultAction: JSON.parse(JSON.stringify(full?.DefaultAction ?? { Allow: {} })) });
    deployed.push({ service: 'wafv2', name: acl.Name ?? '?' });
  }
  const { DescribeLogGroupsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  for (const group of (await (await clients.logs(from)).send(new DescribeLogGroupsCommand({}))).logGroups ?? []) {
    world.put('logs', to, { logGroupName: group.logGroupName });
    deployed.push({ service: 'logs', name: group.logGroupName ?? '?' });
  }
  const { ListDeliveryStreamsCommand } = await import('@aws-sdk/client-firehose');
  for (const name of (await (await clients.firehose(from)).send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames ?? []) {
    world.put('firehose', to, { DeliveryStreamName: name });
    deployed.push({ service: 'firehose', name });
  }
  return deployed;
}
