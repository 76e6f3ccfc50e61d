/** A home directory of its own for a credentials test, with optional ~/.aws/config and ~/.aws/credentials. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function awsHome(files: { config?: string; credentials?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mrrctl-home-'));
  mkdirSync(join(dir, '.aws'));
  if (files.config) writeFileSync(join(dir, '.aws', 'config'), files.config);
  if (files.credentials) writeFileSync(join(dir, '.aws', 'credentials'), files.credentials);
  return dir;
}
