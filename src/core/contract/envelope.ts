/**
 * The one JSON document every command prints with `--output json` (docs/json.md), and the data of a
 * run that failed before its command produced any (an input error, a conflict, an unexpected error).
 * `schemaVersion` bumps on a breaking change to any of them (docs/cli.md has the policy).
 */
import * as z from 'zod';
import { diagnostic, obj } from './common.js';

/** Keep equal to SCHEMA_VERSION in src/ui/output.ts (a test compares them). */
export const ENVELOPE_SCHEMA_VERSION = 2;

export const envelope = obj({
  schemaVersion: z.literal(ENVELOPE_SCHEMA_VERSION),
  command: z.string().meta({ description: 'the command path, e.g. "replica list" ("mrrctl" when no command was recognised)' }),
  ok: z.boolean(),
  data: z.unknown().meta({ description: "the command's data (schemas/<command>.json), or schemas/error.json when the run failed before producing it" }),
  diagnostics: z.array(diagnostic),
});

export const errorData = obj({
  error: z
    .object({
      code: z.string().meta({ description: 'a code of the registry in docs/cli.md' }),
      message: z.string(),
      exitCode: z.number().int(),
    })
    .catchall(z.unknown())
    .meta({ description: 'the error; input errors add source, field, value and expected, config errors their issues' }),
});
