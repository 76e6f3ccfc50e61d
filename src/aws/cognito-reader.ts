/**
 * The SDK v3 adapter for the Cognito read port: pagination flattened, not-found as undefined,
 * client secrets stripped before anything leaves this module.
 */
import {
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListUserPoolClientsCommand,
  ListUserPoolReplicasCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient, AppClientSummary, CognitoReader, ListOptions, ReplicaInfo, UserPool } from '../core/ports/cognito.js';
import type { JsonObject } from '../core/plan/types.js';
import type { AwsClients } from './clients.js';
import { plain, notFoundAsUndefined } from './plain.js';

/** Pages through a NextToken-style list until the service says it is done; each further page is paced by the caller. */
async function collect<T>(opts: ListOptions | undefined, fetch: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    if (token !== undefined) await opts?.beforeNextPage?.();
    const page = await fetch(token);
    all.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return all;
}

export class SdkCognitoReader implements CognitoReader {
  constructor(private readonly clients: AwsClients) {}

  async describeUserPool(region: string, userPoolId: string): Promise<UserPool | undefined> {
    const client = await this.clients.cognito(region);
    return notFoundAsUndefined(async () => plain((await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool) as UserPool);
  }

  async listReplicas(region: string, userPoolId: string, opts?: ListOptions): Promise<ReplicaInfo[]> {
    const client = await this.clients.cognito(region);
    return collect(opts, async (NextToken) => {
      const r = await client.send(new ListUserPoolReplicasCommand({ UserPoolId: userPoolId, NextToken }));
      return { items: plain(r.UserPoolReplicas ?? []) as ReplicaInfo[], next: r.NextToken };
    });
  }

  async listAppClients(region: string, userPoolId: string, opts?: ListOptions): Promise<AppClientSummary[]> {
    const client = await this.clients.cognito(region);
    return collect(opts, async (NextToken) => {
      const r = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken }));
      return { items: (r.UserPoolClients ?? []).map((c) => ({ ClientId: c.ClientId ?? '', ClientName: c.ClientName })), next: r.NextToken };
    });
  }

  async describeAppClient(region: string, userPoolId: string, clientId: string): Promise<AppClient | undefined> {
    const client = await this.clients.cognito(region);
    return notFoundAsUndefined(async () => {
      const r = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
      const { ClientSecret, ...rest } = r.UserPoolClient ?? {};
      return { ...(plain(rest) as AppClient), HasSecret: Boolean(ClientSecret) };
    });
  }

  async listResourceServers(region: string, userPoolId: string, opts?: ListOptions): Promise<JsonObject[]> {
    const client = await this.clients.cognito(region);
    return collect(opts, async (NextToken) => {
      const r = await client.send(new ListResourceServersCommand({ UserPoolId: userPoolId, MaxResults: 50, NextToken }));
      return { items: plain(r.ResourceServers ?? []) as JsonObject[], next: r.NextToken };
    });
  }

  async listIdentityProviders(region: string, userPoolId: string, opts?: ListOptions): Promise<JsonObject[]> {
    const client = await this.clients.cognito(region);
    return collect(opts, async (NextToken) => {
      const r = await client.send(new ListIdentityProvidersCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken }));
      return { items: plain(r.Providers ?? []) as JsonObject[], next: r.NextToken };
    });
  }

  async listGroups(region: string, userPoolId: string, opts?: ListOptions): Promise<JsonObject[]> {
    const client = await this.clients.cognito(region);
    return collect(opts, async (NextToken) => {
      const r = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60, NextToken }));
      return { items: plain(r.Groups ?? []) as JsonObject[], next: r.NextToken };
    });
  }

  async describeDomain(region: string, domain: string): Promise<JsonObject | undefined> {
    const client = await this.clients.cognito(region);
    return notFoundAsUndefined(async () => {
      const r = await client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
      // AWS answers an unknown domain with an empty DomainDescription rather than an error.
      return r.DomainDescription?.UserPoolId ? (plain(r.DomainDescription) as JsonObject) : undefined;
    });
  }

  async getLogDelivery(region: string, userPoolId: string): Promise<JsonObject | undefined> {
    const client = await this.clients.cognito(region);
    return notFoundAsUndefined(async () =>
      plain((await client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: userPoolId }))).LogDeliveryConfiguration) as JsonObject,
    );
  }

  async describeRiskConfiguration(region: string, userPoolId: string): Promise<JsonObject | undefined> {
    const client = await this.clients.cognito(region);
    return notFoundAsUndefined(async () =>
      plain((await client.send(new DescribeRiskConfigurationCommand({ UserPoolId: userPoolId }))).RiskConfiguration) as JsonObject,
    );
  }

  async getMfaConfig(region: string, userPoolId: string): Promise<JsonObject | undefined> {
    const client = await this.clients.cognito(region);
    return notFoundAsUndefined(async () => {
      const { $metadata: _m, ...rest } = await client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }));
      return plain(rest) as JsonObject;
    });
  }
}
