/**
 * Walks a JSON value alongside its JSON Schema and returns every key that is a NAME (a property the
 * schema declares, or one it does not know) and is not camelCase. Keys of a map (`additionalProperties`,
 * e.g. weights by Region) are data, not names; a subtree the schema marks `x-aws-verbatim` or
 * `x-opaque` (an AWS request, an IAM document) keeps its owner's names and is not walked.
 */
type Schema = Record<string, any>;

export const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

function stops(schema: Schema): boolean {
  return schema['x-aws-verbatim'] === true || schema['x-opaque'] === true;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value;
}

function accepts(schema: Schema, value: unknown): boolean {
  const t = typeOf(value);
  const types: string[] | undefined = schema.type === undefined ? undefined : [schema.type].flat();
  if (types && !types.some((x) => x === t || (x === 'integer' && t === 'number'))) return false;
  if (t === 'object' && schema.required) return (schema.required as string[]).every((k) => k in (value as object));
  return true;
}

/** The branch of an anyOf that describes this value (the first that accepts it). */
function branchFor(schema: Schema, value: unknown): Schema | undefined {
  if (!schema.anyOf) return schema;
  for (const branch of schema.anyOf as Schema[]) {
    const resolved = branchFor(branch, value);
    if (resolved && (stops(resolved) || accepts(resolved, value))) return resolved;
  }
  return undefined;
}

export function nonCamelKeys(value: unknown, schema: Schema, path = '$'): string[] {
  const s = branchFor(schema, value);
  if (!s || stops(s) || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonCamelKeys(item, s.items ?? {}, `${path}[${i}]`));
  const bad: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const declared = s.properties?.[key];
    if (declared) {
      if (!CAMEL_CASE.test(key)) bad.push(`${path}.${key}`);
      bad.push(...nonCamelKeys(child, declared, `${path}.${key}`));
    } else if (s.additionalProperties && typeof s.additionalProperties === 'object' && s.propertyNames) {
      // A map: its keys are values (Region names, ids); walk its values.
      bad.push(...nonCamelKeys(child, s.additionalProperties, `${path}[${JSON.stringify(key)}]`));
    } else {
      // A key the schema does not name (strict validation reports it too): judge its name, walk it blind.
      if (!CAMEL_CASE.test(key)) bad.push(`${path}.${key}`);
      bad.push(...nonCamelKeys(child, {}, `${path}.${key}`));
    }
  }
  return bad;
}

/** Every property name a JSON Schema declares outside verbatim/opaque subtrees that is not camelCase. */
export function nonCamelPropertyNames(schema: unknown, path = '#'): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Schema;
  if (stops(s)) return [];
  const bad: string[] = [];
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (!CAMEL_CASE.test(key)) bad.push(`${path}/properties/${key}`);
    bad.push(...nonCamelPropertyNames(child, `${path}/properties/${key}`));
  }
  for (const k of ['items', 'additionalProperties'] as const) if (s[k]) bad.push(...nonCamelPropertyNames(s[k], `${path}/${k}`));
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) (s[k] ?? []).forEach((b: unknown, i: number) => bad.push(...nonCamelPropertyNames(b, `${path}/${k}/${i}`)));
  return bad;
}
