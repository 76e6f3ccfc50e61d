/**
 * The SDK v3 adapter for the parity read port: Lambda, SESv2, WAFv2, CloudWatch Logs and Firehose.
 * Pagination flattened, not-found as undefined, and nothing secret leaves (a function's environment
 * variables are never read out of GetFunction's answer).
 */
import type {
  DeliveryStreamInfo,
  EmailIdentityInfo,
  LambdaFunctionInfo,
  LogGroupInfo,
  ParityReader,
  PolicyDocument,
  WebAcl,
  WebAclSummary,
} from '../core/ports/parity.js';
import type { AwsClients } from './clients.js';
import { isNotFound, plain } from './plain.js';

/** WAF names "not found" its own way. */
const WAF_NOT_FOUND = 'WAFNonexistentItemException';

async function orUndefined<T>(fn: () => Promise<T>, extraNotFound: string[] = []): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isNotFound(err) || extraNotFound.includes((err as { name?: string })?.name ?? '')) return undefined;
    throw err;
  }
}

export class SdkParityReader implements ParityReader {
  constructor(private readonly clients: AwsClients) {}

  async getFunction(region: string, functionName: string): Promise<LambdaFunctionInfo | undefined> {
    const { GetFunctionCommand } = await import('@aws-sdk/client-lambda');
    const client = await this.clients.lambda(region);
    return orUndefined(async () => {
      const c = (await client.send(new GetFunctionCommand({ FunctionName: functionName }))).Configuration ?? {};
      return {
        FunctionArn: c.FunctionArn ?? functionName,
        FunctionName: c.FunctionName ?? functionName,
        Runtime: c.Runtime,
        Handler: c.Handler,
        CodeSha256: c.CodeSha256,
        State: c.State,
      };
    });
  }

  async getFunctionPolicy(region: string, functionName: string): Promise<PolicyDocument | undefined> {
    const { GetPolicyCommand } = await import('@aws-sdk/client-lambda');
    const client = await this.clients.lambda(region);
    return orUndefined(async () => {
      const text = (await client.send(new GetPolicyCommand({ FunctionName: functionName }))).Policy;
      return text ? (JSON.parse(text) as PolicyDocument) : undefined;
    });
  }

  async getEmailIdentity(region: string, identity: string): Promise<EmailIdentityInfo | undefined> {
    const { GetEmailIdentityCommand } = await import('@aws-sdk/client-sesv2');
    const client = await this.clients.sesv2(region);
    return orUndefined(async () => {
      const r = await client.send(new GetEmailIdentityCommand({ EmailIdentity: identity }));
      return {
        IdentityName: identity,
        IdentityType: r.IdentityType,
        VerificationStatus: r.VerificationStatus,
        VerifiedForSendingStatus: r.VerifiedForSendingStatus,
      };
    });
  }

  async getWebAclForResource(region: string, resourceArn: string): Promise<WebAcl | undefined> {
    const { GetWebACLForResourceCommand } = await import('@aws-sdk/client-wafv2');
    const client = await this.clients.wafv2(region);
    return orUndefined(async () => {
      const r = await client.send(new GetWebACLForResourceCommand({ ResourceArn: resourceArn }));
      return r.WebACL ? (plain(r.WebACL) as WebAcl) : undefined;
    }, [WAF_NOT_FOUND]);
  }

  async listWebAcls(region: string): Promise<WebAclSummary[]> {
    const { ListWebACLsCommand } = await import('@aws-sdk/client-wafv2');
    const client = await this.clients.wafv2(region);
    const all: WebAclSummary[] = [];
    let marker: string | undefined;
    do {
      const r = await client.send(new ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 100, NextMarker: marker }));
      for (const acl of r.WebACLs ?? []) {
        if (acl.Name && acl.ARN) all.push({ Name: acl.Name, Id: acl.Id, ARN: acl.ARN });
      }
      // WAF keeps answering a marker on the last page in some cases; an empty page ends the walk.
      marker = (r.WebACLs ?? []).length > 0 ? r.NextMarker : undefined;
    } while (marker);
    return all;
  }

  async getWebAcl(region: string, arn: string): Promise<WebAcl | undefined> {
    const { GetWebACLCommand } = await import('@aws-sdk/client-wafv2');
    const client = await this.clients.wafv2(region);
    return orUndefined(async () => {
      const r = await client.send(new GetWebACLCommand({ ARN: arn }));
      return r.WebACL ? (plain(r.WebACL) as WebAcl) : undefined;
    }, [WAF_NOT_FOUND]);
  }

  async getLogGroup(region: string, logGroupName: string): Promise<LogGroupInfo | undefined> {
    const { DescribeLogGroupsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
    const client = await this.clients.logs(region);
    let nextToken: string | undefined;
    // A prefix search can return siblings (`/a/b` and `/a/bc`): page until the exact name shows up.
    do {
      const r = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName, nextToken }));
      const found = (r.logGroups ?? []).find((g) => g.logGroupName === logGroupName);
      if (found) return { logGroupName, arn: found.arn };
      nextToken = r.nextToken;
    } while (nextToken);
    return undefined;
  }

  async getDeliveryStream(region: string, streamName: string): Promise<DeliveryStreamInfo | undefined> {
    const { DescribeDeliveryStreamCommand } = await import('@aws-sdk/client-firehose');
    const client = await this.clients.firehose(region);
    return orUndefined(async () => {
      const d = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: streamName }))).DeliveryStreamDescription;
      return {
        DeliveryStreamName: d?.DeliveryStreamName ?? streamName,
        DeliveryStreamARN: d?.DeliveryStreamARN,
        DeliveryStreamStatus: d?.DeliveryStreamStatus,
      };
    });
  }
}
