/**
 * The JSON contract's schemas: docs/schemas/*.json are generated from the zod schemas in
 * src/core/contract (regenerate with MRRCTL_WRITE_DOCS=1 npx vitest run test/core/contract.test.ts),
 * every command path has one, every declared name is camelCase, and the envelope's version is the
 * one main() prints. test/e2e/json-contract.test.ts checks real output against them.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { COMMAND_DATA, SHARED_SCHEMAS, schemaFileName } from '../../src/core/contract/index.js';
import { ENVELOPE_SCHEMA_VERSION } from '../../src/core/contract/envelope.js';
import { COMMAND_NAMES } from '../../src/core/iam/commands.js';
import { SCHEMA_VERSION } from '../../src/ui/output.js';
import { nonCamelKeys, nonCamelPropertyNames } from '../helpers/contract-keys.js';

const DIR = join(import.meta.dirname, '../../docs/schemas');

function jsonSchemaOf(schema: z.ZodType, title: string): string {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return `${JSON.stringify({ $schema, title, ...rest }, null, 2)}\n`;
}

const ALL: Array<[string, z.ZodType, string]> = [
  ...Object.entries(COMMAND_DATA).map(([path, s]): [string, z.ZodType, string] => [path, s, `mrrctl ${path} --output json: data`]),
  ...Object.entries(SHARED_SCHEMAS).map(([name, s]): [string, z.ZodType, string] => [name, s, name === 'envelope' ? 'mrrctl --output json: the document' : 'mrrctl --output json: data of a failed run']),
];

describe('docs/schemas', () => {
  it('has one file per command path and shared document, generated from src/core/contract', () => {
    const write = process.env.MRRCTL_WRITE_DOCS === '1';
    for (const [name, schema, title] of ALL) {
      const file = join(DIR, schemaFileName(name));
      const text = jsonSchemaOf(schema, title);
      if (write) writeFileSync(file, text);
      expect(readFileSync(file, 'utf8'), `${file} is stale: MRRCTL_WRITE_DOCS=1 npx vitest run test/core/contract.test.ts`).toBe(text);
    }
    expect(readdirSync(DIR).sort()).toEqual(ALL.map(([name]) => schemaFileName(name)).sort());
  });

  it('covers every command path the CLI has', () => {
    expect(Object.keys(COMMAND_DATA).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(schemaFileName('replica list')).toBe('replica-list.json');
  });

  it('declares only camelCase names, outside AWS-verbatim payloads', () => {
    for (const [name, schema] of ALL) expect(nonCamelPropertyNames(z.toJSONSchema(schema, { io: 'output' })), name).toEqual([]);
  });

  it('is at the envelope version main() prints', () => {
    expect(ENVELOPE_SCHEMA_VERSION).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(2);
  });

  it('docs/json.md links every schema', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/json.md'), 'utf8');
    for (const [name] of ALL) expect(doc, name).toContain(`](schemas/${schemaFileName(name)})`);
  });
});

describe('the camelCase walker (test/helpers/contract-keys.ts) can fail', () => {
  const schema = z.toJSONSchema(
    z.strictObject({ replicas: z.array(z.strictObject({ region: z.string() })), weights: z.record(z.string(), z.number()), input: z.unknown().meta({ 'x-aws-verbatim': true }) }),
    { io: 'output' },
  );
  it('flags a PascalCase key, declared or not, and not map keys or verbatim payloads', () => {
    const value = { replicas: [{ region: 'us-east-1', RegionName: 'us-east-1' }], weights: { 'us-east-1': 1 }, input: { UserPoolId: 'x' }, Extra: { client_id: 1 } };
    expect(nonCamelKeys(value, schema)).toEqual(['$.replicas[0].RegionName', '$.Extra', '$.Extra.client_id']);
  });
  it('flags a snake_case name a schema declares', () => {
    expect(nonCamelPropertyNames(z.toJSONSchema(z.strictObject({ token_use: z.string() })))).toEqual(['#/properties/token_use']);
  });
});
