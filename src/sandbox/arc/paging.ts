/** Offset-based NextToken paging shared by the ARC APIs (opaque to clients, as AWS's tokens are). */
import { SandboxError } from '../types.js';

export function page<T>(items: readonly T[], maxResults: unknown, nextToken: unknown, limit = 1000): { items: T[]; NextToken?: string } {
  const max = maxResults === undefined || maxResults === null || maxResults === '' ? limit : Number(maxResults);
  if (!Number.isInteger(max) || max < 1 || max > limit) {
    throw new SandboxError('ValidationException', `MaxResults must be a whole number from 1 to ${limit}.`, 400, { reason: 'fieldValidationFailed' });
  }
  let start = 0;
  if (nextToken !== undefined && nextToken !== null && nextToken !== '') {
    const decoded = /^arc-page-(\d+)$/.exec(String(nextToken));
    if (!decoded) throw new SandboxError('ValidationException', 'NextToken is not a token this API returned.', 400, { reason: 'fieldValidationFailed' });
    start = Number(decoded[1]);
  }
  const slice = items.slice(start, start + max);
  return start + max < items.length ? { items: slice, NextToken: `arc-page-${start + max}` } : { items: slice };
}
