/**
 * Offset-based pagination with opaque tokens, shared by the List* operations. The sort order is the
 * caller's; the token only says where the next page starts.
 */
import type { JsonObject } from '../types.js';
import { invalidParameter, optionalInt, optionalString, validationError } from './validation.js';

export interface PageRequest {
  sizeField: string;
  tokenField: string;
  maxSize: number;
  /** Undefined makes the size field required (ListUserPools). */
  defaultSize?: number;
}

export function paginate<T>(items: T[], input: JsonObject, rule: PageRequest): { page: T[]; nextToken?: string } {
  const size = optionalInt(input, rule.sizeField, 0, rule.maxSize) ?? rule.defaultSize;
  if (size === undefined) throw validationError(rule.sizeField, undefined, 'Member must not be null');
  const token = optionalString(input, rule.tokenField, { min: 1 });
  const start = token === undefined ? 0 : decodeToken(token);
  const effective = size === 0 ? (rule.defaultSize ?? rule.maxSize) : size;
  const end = start + effective;
  return { page: items.slice(start, end), nextToken: end < items.length ? encodeToken(end) : undefined };
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeToken(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString());
  if (!match) throw invalidParameter('Invalid pagination token.');
  return Number(match[1]);
}
