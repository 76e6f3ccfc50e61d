/**
 * Reads a file an operator named (a config, a plan) without trusting what the path is. A FIFO would
 * block a plain read forever and a device (/dev/zero) never ends, so: stat first, refuse anything but
 * a regular file, open with O_NONBLOCK (a FIFO swapped in after the stat cannot hang the open), check
 * again on the open handle, and read at most `maxBytes` (the size is checked before reading).
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** Why a path could not be read, as a phrase ("is a directory", "is a FIFO (named pipe)"). */
export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly code: 'not-found' | 'not-regular' | 'too-large' | 'denied' | 'other',
  ) {
    super(`${path} ${reason}`);
  }
}

export function fileKind(s: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

export async function readRegularFile(path: string, maxBytes: number): Promise<string> {
  let before;
  try {
    before = await stat(path);
  } catch (error) {
    throw fromErrno(path, error);
  }
  checkRegular(path, before, maxBytes);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fromErrno(path, error);
  }
  try {
    checkRegular(path, await handle.stat(), maxBytes);
    const buffer = Buffer.alloc(maxBytes + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(path, maxBytes);
    }
    return buffer.subarray(0, total).toString('utf8');
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw fromErrno(path, error);
  } finally {
    await handle.close();
  }
}

function checkRegular(path: string, s: Awaited<ReturnType<typeof stat>>, maxBytes: number): void {
  if (!s.isFile()) throw new UnreadableFileError(path, `is ${fileKind(s)}, not a regular file`, 'not-regular');
  if (Number(s.size) > maxBytes) throw tooLarge(path, maxBytes, Number(s.size));
}

function tooLarge(path: string, maxBytes: number, size?: number): UnreadableFileError {
  const actual = size === undefined ? 'more' : `${size} bytes`;
  return new UnreadableFileError(path, `is too large (${actual}; at most ${maxBytes} bytes)`, 'too-large');
}

function fromErrno(path: string, error: unknown): UnreadableFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new UnreadableFileError(path, 'does not exist', 'not-found');
    case 'EISDIR':
      return new UnreadableFileError(path, 'is a directory', 'not-regular');
    case 'EACCES':
    case 'EPERM':
      return new UnreadableFileError(path, 'is not readable: permission denied', 'denied');
    default:
      return new UnreadableFileError(path, `could not be read: ${error instanceof Error ? error.message : String(error)}`, 'other');
  }
}
