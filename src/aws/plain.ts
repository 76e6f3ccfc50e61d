/** Turning SDK output into plain JSON data for the core, and not-found into undefined. */

/** Dates become ISO strings, $metadata and undefined fields disappear: JSON the core can fingerprint. */
export function plain<T>(value: T): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === '$metadata' ? undefined : v)),
  );
}

const NOT_FOUND = new Set(['ResourceNotFoundException', 'NotFoundException', 'NoSuchHostedZone', 'NoSuchHealthCheck']);

export function isNotFound(err: unknown): boolean {
  return NOT_FOUND.has((err as { name?: string })?.name ?? '');
}

export async function notFoundAsUndefined<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
