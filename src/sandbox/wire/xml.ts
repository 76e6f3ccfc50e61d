/** Minimal XML helpers for in-process Route 53 calls (seeds, state summary). */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

export function parseXml(text: string): Record<string, any> {
  return parser.parse(text) as Record<string, any>;
}

/** XML collapses a one-element list into the element itself; this undoes it. */
export function asArray<T>(value: T | T[] | undefined | null | ''): T[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function xmlEscape(value: string | number | boolean): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const ROUTE53_XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';
