/**
 * The "large pool" of the drift benchmark: the demo pool grown to exactly N app clients, resource
 * servers, identity providers and groups, created in-process BEFORE the replica exists (so the
 * replica starts from one copy of it, as a real replica of a big pool does).
 */

export const SCALE = { appClients: 1000, resourceServers: 100, identityProviders: 50, groups: 300 };

async function count(w, operation, field, sizeField, tokenField, size = 60) {
  let n = 0;
  let token;
  do {
    const page = await w.cognito(operation, { UserPoolId: w.summary.userPoolId, [sizeField]: size, ...(token ? { [tokenField]: token } : {}) });
    n += (page[field] ?? []).length;
    token = page.NextToken;
  } while (token);
  return n;
}

const pad = (i) => String(i).padStart(4, '0');

export async function growPool(w, scale = SCALE) {
  const UserPoolId = w.summary.userPoolId;
  const clients = await count(w, 'ListUserPoolClients', 'UserPoolClients', 'MaxResults', 'NextToken');
  for (let i = clients; i < scale.appClients; i++) {
    await w.cognito('CreateUserPoolClient', {
      UserPoolId,
      ClientName: `bench-app-${pad(i)}`,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [`https://app-${pad(i)}.example.com/callback`],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  }
  const servers = await count(w, 'ListResourceServers', 'ResourceServers', 'MaxResults', 'NextToken', 50);
  for (let i = servers; i < scale.resourceServers; i++) {
    await w.cognito('CreateResourceServer', {
      UserPoolId,
      Identifier: `https://api-${pad(i)}.example.com`,
      Name: `bench api ${pad(i)}`,
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'read access' },
        { ScopeName: 'write', ScopeDescription: 'write access' },
      ],
    });
  }
  const providers = await count(w, 'ListIdentityProviders', 'Providers', 'MaxResults', 'NextToken');
  for (let i = providers; i < scale.identityProviders; i++) {
    await w.cognito('CreateIdentityProvider', {
      UserPoolId,
      ProviderName: `oidc-${pad(i)}`,
      ProviderType: 'OIDC',
      ProviderDetails: {
        client_id: `bench-client-${pad(i)}`,
        authorize_scopes: 'openid email',
        oidc_issuer: `https://idp-${pad(i)}.example.com`,
        attributes_request_method: 'GET',
      },
      AttributeMapping: { email: 'email' },
    });
  }
  const groups = await count(w, 'ListGroups', 'Groups', 'Limit', 'NextToken');
  for (let i = groups; i < scale.groups; i++) {
    await w.cognito('CreateGroup', { UserPoolId, GroupName: `bench-group-${pad(i)}`, Description: `benchmark group ${i}` });
  }
  return {
    appClients: await count(w, 'ListUserPoolClients', 'UserPoolClients', 'MaxResults', 'NextToken'),
    resourceServers: await count(w, 'ListResourceServers', 'ResourceServers', 'MaxResults', 'NextToken', 50),
    identityProviders: await count(w, 'ListIdentityProviders', 'Providers', 'MaxResults', 'NextToken'),
    groups: await count(w, 'ListGroups', 'Groups', 'Limit', 'NextToken'),
  };
}
