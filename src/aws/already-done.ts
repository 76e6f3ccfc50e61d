/**
 * When a create step fails with "already exists", the step counts as done only if what exists is
 * what the step would have made. A re-run after a crash finds its own alias (same key: done); a
 * concurrent run may have won the race and pointed the alias at ITS key — then this run must stop
 * instead of carrying on (and re-pointing the pool) with a key nothing names, and must say which key
 * it left behind and how to remove it.
 */
import { ConflictError } from '../core/errors.js';
import type { JsonObject, JsonValue, Step } from '../core/plan/types.js';

interface KmsLike {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

type SdkModule = Record<string, unknown>;

/** The key a step input names, as a key id: `mrk-…`, a UUID, or the id at the end of a key ARN. */
function keyIdOf(ref: string): string {
  return ref.replace(/^arn:[^:]+:kms:[^:]*:\d+:key\//, '');
}

/** The earlier step whose output an input refers to (`{ $ref }`): a key this very plan created. */
function createdBy(input: JsonValue | undefined): string | undefined {
  return input && typeof input === 'object' && !Array.isArray(input) && typeof input.$ref === 'string' ? input.$ref : undefined;
}

function keyArnIn(output: unknown): string | undefined {
  const arn = (output as { KeyMetadata?: { Arn?: unknown } } | undefined)?.KeyMetadata?.Arn;
  return typeof arn === 'string' ? arn : undefined;
}

function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}

/**
 * CreateAlias answered AlreadyExistsException: DescribeKey on the alias says which key it names.
 * Returns normally when it is the step's key; throws ConflictError (naming the key this run created,
 * if it did, and the command that removes it) when it is another.
 */
export async function confirmAliasTarget(
  step: Step,
  resolvedInput: JsonObject,
  client: KmsLike,
  sdk: SdkModule,
  outputs: Map<string, unknown>,
  signal?: AbortSignal,
): Promise<void> {
  const aliasName = String(resolvedInput.AliasName);
  const wanted = keyIdOf(String(resolvedInput.TargetKeyId));
  const DescribeKeyCommand = sdk.DescribeKeyCommand as new (input: unknown) => unknown;
  const described = (await client.send(new DescribeKeyCommand({ KeyId: aliasName }), { abortSignal: signal })) as { KeyMetadata?: { KeyId?: string } };
  const actual = described.KeyMetadata?.KeyId;
  if (actual === wanted) return;

  const createStep = createdBy((step.input as JsonObject).TargetKeyId);
  const createdArn = createStep ? keyArnIn(outputs.get(createStep)) : undefined;
  const leftOver = createdArn
    ? `; the key ${createdArn} that this run created is used by nothing — remove it with ` +
      `\`aws kms schedule-key-deletion --region ${regionOfArn(createdArn) ?? step.region} --key-id ${createdArn} --pending-window-in-days 7\`` +
      ' (schedule the deletion of any replica of it first)'
    : '';
  throw new ConflictError(
    'MRR_KEYS_E309',
    `${aliasName} in ${step.region} already points at key ${actual ?? '(none)'}, not at ${wanted}: another run (or someone else) ` +
      `created it first, so this run stopped before using its key${leftOver}. Re-run \`mrrctl keys setup\`: it adopts the key ${aliasName} names`,
    { alias: aliasName, region: step.region, aliasTarget: actual ?? null, wanted, leftOver: createdArn ?? null },
  );
}
