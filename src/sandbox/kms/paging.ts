/**
 * KMS list operations page with `Limit` and an opaque `Marker`, answering `Truncated` and
 * `NextMarker`. The marker is the index of the next item, which is enough for a sandbox whose lists
 * are sorted deterministically.
 */
import { SandboxError, type JsonObject } from '../types.js';
import { rangeMessage } from '../wire/validation.js';

export interface KmsPage<T> {
  items: T[];
  /** Spread into the response: `Truncated` and, when truncated, `NextMarker`. */
  paging: JsonObject;
}

export function pageOf<T>(all: T[], limit: unknown, marker: unknown, maxLimit: number, defaultLimit = maxLimit): KmsPage<T> {
  const size = limit === undefined || limit === null ? defaultLimit : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > maxLimit) {
    throw new SandboxError('ValidationException', rangeMessage(limit, 'limit', 1, maxLimit));
  }
  let start = 0;
  if (marker !== undefined && marker !== null) {
    start = /^\d+$/.test(String(marker)) ? Number(marker) : NaN;
    if (!Number.isInteger(start) || start > all.length) {
      throw new SandboxError('InvalidMarkerException', 'The request was rejected because the marker that specifies where pagination should next begin is not valid.');
    }
  }
  const items = all.slice(start, start + size);
  const next = start + size;
  return { items, paging: next < all.length ? { Truncated: true, NextMarker: String(next) } : { Truncated: false } };
}
