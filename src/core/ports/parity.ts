/**
 * The read port for the Regional resources a user pool points at — Lambda functions, SES identities,
 * WAFv2 web ACLs, CloudWatch Logs groups and Firehose streams — in plain data (no SDK types).
 * `drift` uses it to ask "does the counterpart exist in the secondary Region, and is it the same?".
 * "Not found" is `undefined`, not an error. Adapters never return secrets (no environment values).
 */
import type { JsonObject } from '../plan/types.js';

/** The parts of GetFunction's Configuration that decide whether two trigger functions are the same. */
export interface LambdaFunctionInfo {
  FunctionArn: string;
  FunctionName: string;
  Runtime?: string;
  Handler?: string;
  CodeSha256?: string;
  State?: string;
}

/** A resource-based policy document, parsed (GetPolicy returns it as a JSON string). */
export type PolicyDocument = JsonObject & { Statement?: JsonObject[] | JsonObject };

export interface EmailIdentityInfo {
  IdentityName: string;
  IdentityType?: string;
  VerificationStatus?: string;
  VerifiedForSendingStatus?: boolean;
}

/** GetWebACL's WebACL (the fields drift compares). */
export type WebAcl = JsonObject & {
  Name: string;
  Id?: string;
  ARN: string;
  DefaultAction?: JsonObject;
  Rules?: JsonObject[];
};

export interface WebAclSummary {
  Name: string;
  Id?: string;
  ARN: string;
}

export interface LogGroupInfo {
  logGroupName: string;
  arn?: string;
}

export interface DeliveryStreamInfo {
  DeliveryStreamName: string;
  DeliveryStreamARN?: string;
  DeliveryStreamStatus?: string;
}

export interface ParityReader {
  /** By function name or ARN; the Region of the call decides where it is looked for. */
  getFunction(region: string, functionName: string): Promise<LambdaFunctionInfo | undefined>;
  /** The function's resource-based policy; undefined when it has none (or the function is missing). */
  getFunctionPolicy(region: string, functionName: string): Promise<PolicyDocument | undefined>;
  getEmailIdentity(region: string, identity: string): Promise<EmailIdentityInfo | undefined>;
  /** The web ACL associated with a resource (REGIONAL scope); undefined when none is. */
  getWebAclForResource(region: string, resourceArn: string): Promise<WebAcl | undefined>;
  listWebAcls(region: string): Promise<WebAclSummary[]>;
  getWebAcl(region: string, arn: string): Promise<WebAcl | undefined>;
  getLogGroup(region: string, logGroupName: string): Promise<LogGroupInfo | undefined>;
  getDeliveryStream(region: string, streamName: string): Promise<DeliveryStreamInfo | undefined>;
}
