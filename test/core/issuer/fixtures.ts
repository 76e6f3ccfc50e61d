/** App clients of every kind the issuer impact report distinguishes: web, mobile, M2M, direct SDK. */
import type { AppClient } from '../../../src/core/ports/cognito.js';

export const pool = { userPoolId: 'us-east-1_Ab12Cd34', primaryRegion: 'us-east-1' };

export const web: AppClient = {
  ClientId: 'web111',
  ClientName: 'web-portal',
  AllowedOAuthFlows: ['code'],
  CallbackURLs: ['https://app.example.com/callback', 'https://app.example.com/other', 'http://localhost:3000/cb'],
  LogoutURLs: ['https://app.example.com/bye'],
  HasSecret: false,
};
export const mobile: AppClient = {
  ClientId: 'mob222',
  ClientName: 'ios|app',
  AllowedOAuthFlows: ['code'],
  CallbackURLs: ['myapp://callback', 'com.example.app:/oauth'],
  LogoutURLs: ['myapp://signout'],
};
export const m2m: AppClient = { ClientId: 'm2m333', ClientName: 'billing-job', AllowedOAuthFlows: ['client_credentials'], HasSecret: true };
export const direct: AppClient = { ClientId: 'sdk444', ClientName: 'admin-cli', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] };
