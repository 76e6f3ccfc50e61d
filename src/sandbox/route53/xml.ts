/**
 * Route 53 speaks restXml: request bodies and responses are XML in the 2013-04-01 namespace. Requests
 * are parsed into plain objects (lists always arrays, values kept as text), responses are built from
 * plain objects where an array becomes repeated elements.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { SandboxError, type JsonObject } from '../types.js';

export const ROUTE53_NAMESPACE = 'https://route53.amazonaws.com/doc/2013-04-01/';

/** Wrapper element → member element of every list this model reads from a request. */
const LIST_MEMBERS: Record<string, string> = {
  Changes: 'Change',
  ResourceRecords: 'ResourceRecord',
  ChildHealthChecks: 'ChildHealthCheck',
  Regions: 'Region',
  ResetElements: 'ResettableElementName',
};

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  jPath: true,
  isArray: (tagName, jPath) => {
    const path = String(jPath).split('.');
    const wrapper = path[path.length - 2];
    return wrapper !== undefined && LIST_MEMBERS[wrapper] === tagName;
  },
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/** The content of the request's root element (e.g. CreateHealthCheckRequest). */
export function parseXmlRequest(body: string, rootName: string): JsonObject {
  let parsed: JsonObject;
  try {
    parsed = parser.parse(body || '') as JsonObject;
  } catch (error) {
    throw new SandboxError('InvalidInput', `Invalid XML: ${(error as Error).message}`);
  }
  const root = parsed[rootName];
  if (root === undefined) throw new SandboxError('InvalidInput', `Invalid request: expected a ${rootName} document.`);
  return typeof root === 'object' && root !== null ? (root as JsonObject) : {};
}

/** `<Root xmlns="...">content</Root>` with an XML declaration. Undefined members are left out. */
export function buildXml(rootName: string, content: JsonObject): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    [rootName]: { '@_xmlns': ROUTE53_NAMESPACE, ...(prune(content) as JsonObject) },
  }) as string;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = prune(member);
    return out;
  }
  return value;
}

/** A list for the builder: `<Wrapper><Member/>…</Wrapper>`, empty element when there are none. */
export function xmlList(member: string, items: unknown[]): JsonObject | string {
  return items.length ? { [member]: items } : '';
}

/** The members of a parsed list wrapper (`{ Change: [...] }`) or [] when absent. */
export function listOf(wrapper: unknown, member: string): unknown[] {
  if (!wrapper || typeof wrapper !== 'object') return [];
  const items = (wrapper as JsonObject)[member];
  return Array.isArray(items) ? items : items === undefined ? [] : [items];
}

export function text(value: unknown): string | undefined {
  return value === undefined || value === null || typeof value === 'object' ? undefined : String(value);
}

export function integer(value: unknown, field: string): number | undefined {
  const raw = text(value);
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw new SandboxError('InvalidInput', `Invalid request: ${field} must be an integer, got '${raw}'.`);
  return Number(raw);
}

export function bool(value: unknown, field: string): boolean | undefined {
  const raw = text(value);
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') throw new SandboxError('InvalidInput', `Invalid request: ${field} must be true or false.`);
  return raw === 'true';
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
