/**
 * The `--state FILE` of the sandbox: the whole world as JSON, written atomically (a temporary file in
 * the same directory, then rename) so a crash mid-write never leaves a truncated state behind.
 * Writes are synchronous on purpose: the sandbox persists before it answers a write call, and the
 * world is small.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export class StateFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'StateFileError';
  }
}

/** Returns the parsed state, or undefined when the file does not exist yet. */
export function readStateFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(path, `cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    // Refuse rather than start empty: starting empty would overwrite the operator's state.
    throw new StateFileError(path, `not valid JSON (${(err as Error).message}); move it away to start fresh`);
  }
}

export function writeStateFile(path: string, state: unknown): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new StateFileError(path, `cannot write: ${(err as Error).message}`);
  }
}
