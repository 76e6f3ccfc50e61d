/**
 * The read port for Amazon Cognito user pools, in plain data (the AWS wire shapes, no SDK types).
 * Adapters in src/aws/ implement it; planners receive only readers, so a dry-run cannot write.
 * Pagination is flattened by the adapter. "Not found" is `undefined`, not an error.
 */
import type { JsonObject } from '../plan/types.js';

/** DescribeUserPool's UserPool, as AWS returns it. */
export type UserPool = JsonObject & {
  Id?: string;
  Name?: string;
  Arn?: string;
  UserPoolTier?: 'LITE' | 'ESSENTIALS' | 'PLUS';
  KeyConfiguration?: { KeyType?: 'AWS_OWNED_KEY' | 'CUSTOMER_MANAGED_KEY'; KmsKeyArn?: string };
  IssuerConfiguration?: { Type?: 'ORIGINAL' | 'UPDATED' };
  DeletionProtection?: 'ACTIVE' | 'INACTIVE';
  MfaConfiguration?: 'OFF' | 'ON' | 'OPTIONAL';
  Domain?: string;
  CustomDomain?: string;
};

export interface ReplicaInfo {
  RegionName: string;
  Status: 'CREATING' | 'INACTIVE' | 'ACTIVE' | 'DELETING' | string;
  Role: 'PRIMARY' | 'SECONDARY' | string;
  UserPoolArn?: string;
}

export interface AppClientSummary {
  ClientId: string;
  ClientName?: string;
}

/** DescribeUserPoolClient's UserPoolClient, with the ClientSecret removed by the adapter. */
export type AppClient = JsonObject & {
  ClientId?: string;
  ClientName?: string;
  AllowedOAuthFlows?: string[];
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  AllowedOAuthScopes?: string[];
  ExplicitAuthFlows?: string[];
  /** True when the client has a secret (the secret itself never leaves the adapter). */
  HasSecret?: boolean;
};

/** For a paginated list: awaited before each page after the first (the caller's request pacing). */
export interface ListOptions {
  beforeNextPage?: () => Promise<void>;
}

export interface CognitoReader {
  describeUserPool(region: string, userPoolId: string): Promise<UserPool | undefined>;
  listReplicas(region: string, userPoolId: string, opts?: ListOptions): Promise<ReplicaInfo[]>;
  listAppClients(region: string, userPoolId: string, opts?: ListOptions): Promise<AppClientSummary[]>;
  describeAppClient(region: string, userPoolId: string, clientId: string): Promise<AppClient | undefined>;
  listResourceServers(region: string, userPoolId: string, opts?: ListOptions): Promise<JsonObject[]>;
  listIdentityProviders(region: string, userPoolId: string, opts?: ListOptions): Promise<JsonObject[]>;
  listGroups(region: string, userPoolId: string, opts?: ListOptions): Promise<JsonObject[]>;
  describeDomain(region: string, domain: string): Promise<JsonObject | undefined>;
  getLogDelivery(region: string, userPoolId: string): Promise<JsonObject | undefined>;
  describeRiskConfiguration(region: string, userPoolId: string): Promise<JsonObject | undefined>;
  getMfaConfig(region: string, userPoolId: string): Promise<JsonObject | undefined>;
}
