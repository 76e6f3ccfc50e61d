/**
 * The SigV4 credential scope of a request: `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/
 * REGION/SERVICE/aws4_request, SignedHeaders=..., Signature=...`. The sandbox serves every Region on
 * one port, so the Region of a call is the one the client signed for. Signatures are not verified.
 */
export interface CredentialScope {
  accessKeyId: string;
  region: string;
  /** The signing name, e.g. "cognito-idp", "kms", "route53", "monitoring", "ses". */
  signingName: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export function parseCredentialScope(authorization: string | undefined): CredentialScope | undefined {
  if (!authorization) return undefined;
  const match = CREDENTIAL.exec(authorization);
  if (!match) return undefined;
  return { accessKeyId: match[1], region: match[3], signingName: match[4] };
}
