/**
 * Opaque page tokens of the parity models: the position to resume at (a name or an index) in
 * base64url, so a caller cannot mistake them for meaningful values, as with the real services.
 */

export function encodePageToken(position: string | number): string {
  return Buffer.from(String(position), 'utf8').toString('base64url');
}

export function decodePageToken(token: string): string {
  return Buffer.from(token, 'base64url').toString('utf8');
}
