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
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { AwsClients } from './clients.js';

type WafSdk = typeof import('@aws-sdk/client-wafv2');
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

/**
 * One read in one Region: the SDK module is loaded on first use (start-up stays fast), then the
 * Region's client; a resource that does not exist answers undefined.
 */
async function readOrUndefined<Sdk, Client, T>(
  sdk: Promise<Sdk>,
  client: () => Promise<Client>,
  read: (sdk: Sdk, client: Client) => Promise<T>,
  extraNotFound: string[] = [],
): Promise<T | undefined> {
  const loaded = await sdk;
  const regional = await client();
  return orUndefined(() => read(loaded, regional), extraNotFound);
}

/**
 * preloadParitySdks once the Route 53 and Cognito packages have loaded: the reads that decide the
 * source's verdict and the first Cognito reads go out first, and the parity packages load while they
 * are in flight (loading them all at once delayed the verdict's first call by the parity packages' load).
 */
export function preloadParitySdksAfterFirstReads(): void {
  void Promise.allSettled([import('@aws-sdk/client-route-53'), import('@aws-sdk/client-cognito-identity-provider')]).then(() => preloadParitySdks());
}

/**
 * Loads the SDK packages this reader loads on first use, all at once (not awaited): for a caller that
 * knows it will need them (failover's drift guard), so they load while its first calls are in flight
 * instead of one after another between its calls. A failed load is left for the read to report.
 */
export function preloadParitySdks(): void {
  for (const load of [
    () => import('@aws-sdk/client-lambda'),
    () => import('@aws-sdk/client-wafv2'),
    () => import('@aws-sdk/client-sesv2'),
    () => import('@aws-sdk/client-cloudwatch-logs'),
    () => import('@aws-sdk/client-firehose'),
  ]) {
    load().catch(() => undefined);
  }
}

export class SdkParityReader implements ParityReader {
  constructor(private readonly clients: AwsClients) {}

  getFunction(region: string, functionName: string): Promise<LambdaFunctionInfo | undefined> {
    return readOrUndefined(import('@aws-sdk/client-lambda'), () => this.clients.lambda(region), async ({ GetFunctionCommand }, client) => {
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

  getFunctionPolicy(region: string, functionName: string): Promise<PolicyDocument | undefined> {
    return readOrUndefined(import('@aws-sdk/client-lambda'), () => this.clients.lambda(region), async ({ GetPolicyCommand }, client) => {
      const text = (await client.send(new GetPolicyCommand({ FunctionName: functionName }))).Policy;
      return text ? (JSON.parse(text) as PolicyDocument) : undefined;
    });
  }

  getEmailIdentity(region: string, identity: string): Promise<EmailIdentityInfo | undefined> {
    return readOrUndefined(import('@aws-sdk/client-sesv2'), () => this.clients.sesv2(region), async ({ GetEmailIdentityCommand }, client) => {
      const r = await client.send(new GetEmailIdentityCommand({ EmailIdentity: identity }));
      return {
        IdentityName: identity,
        IdentityType: r.IdentityType,
        VerificationStatus: r.VerificationStatus,
        VerifiedForSendingStatus: r.VerifiedForSendingStatus,
      };
    });
  }

  getWebAclForResource(region: string, resourceArn: string): Promise<WebAcl | undefined> {
    return this.readWebAcl(region, ({ GetWebACLForResourceCommand }, client) =>
      client.send(new GetWebACLForResourceCommand({ ResourceArn: resourceArn })),
    );
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

  getWebAcl(region: string, arn: string): Promise<WebAcl | undefined> {
    return this.readWebAcl(region, ({ GetWebACLCommand }, client) => client.send(new GetWebACLCommand({ ARN: arn })));
  }

  /** WAF answers "no web ACL" either as an empty answer or as its own not-found error. */
  private async readWebAcl(region: string, read: (sdk: WafSdk, client: WAFV2Client) => Promise<{ WebACL?: object }>): Promise<WebAcl | undefined> {
    const answer = await readOrUndefined(import('@aws-sdk/client-wafv2'), () => this.clients.wafv2(region), read, [WAF_NOT_FOUND]);
    return answer?.WebACL ? (plain(answer.WebACL) as WebAcl) : undefined;
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

  getDeliveryStream(region: string, streamName: string): Promise<DeliveryStreamInfo | undefined> {
    return readOrUndefined(import('@aws-sdk/client-firehose'), () => this.clients.firehose(region), async ({ DescribeDeliveryStreamCommand }, client) => {
      const d = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: streamName }))).DeliveryStreamDescription;
      return {
        DeliveryStreamName: d?.DeliveryStreamName ?? streamName,
        DeliveryStreamARN: d?.DeliveryStreamARN,
        DeliveryStreamStatus: d?.DeliveryStreamStatus,
      };
    });
  }
}
