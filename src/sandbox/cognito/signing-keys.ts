/**
 * Each pool signs its tokens with one RSA key pair made at creation. The pair is part of the pool's
 * sandbox state (so tokens stay verifiable across a --state restart); the kid never changes, and a
 * replica serves the same key — that is what makes UPDATED-issuer tokens valid in both Regions.
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey } from 'jose';
import type { SigningKeyRecord } from './state.js';

export async function newSigningKey(): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = randomBytes(24).toString('base64');
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateJwk, publicJwk };
}

/** The public half as a JWKS entry, with members in Cognito's order. */
export function publicJwkOf(key: SigningKeyRecord): Record<string, string> {
  const { alg, e, kid, kty, n, use } = key.publicJwk as Record<string, string>;
  return { alg, e, kid, kty, n, use };
}

/** The private key as a CryptoKey for signing (callers cache it per kid). */
export function importPrivateKey(key: SigningKeyRecord): Promise<CryptoKey> {
  return importJWK(key.privateJwk, 'RS256') as Promise<CryptoKey>;
}
