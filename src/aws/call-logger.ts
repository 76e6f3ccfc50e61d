/**
 * --verbose: one stderr line per AWS call with Region, service, operation, status and duration.
 * Only metadata is logged — never inputs, outputs or headers — so secrets cannot leak through it.
 */
export interface AwsCallRecord {
  region: string;
  service: string;
  operation: string;
  status: number | 'ERR';
  error?: string;
  attempts?: number;
  durationMs: number;
}

export type AwsCallListener = (record: AwsCallRecord) => void;

interface MetadataCarrier {
  $metadata?: { httpStatusCode?: number; attempts?: number };
  name?: string;
}

interface StackClient {
  middlewareStack: { add(mw: unknown, opts: { step: string; name: string; priority?: string }): void };
}

/** Where an AWS error came from, attached to the error so main() can name the Region and the call. */
export interface AwsCallOrigin {
  region: string;
  service: string;
  operation: string;
}

export function attachCallLogger(client: StackClient, service: string, region: string, listener?: AwsCallListener): void {
  const middleware =
    (next: (args: unknown) => Promise<MetadataCarrier & { output?: MetadataCarrier }>, context: { commandName?: string }) =>
    async (args: unknown) => {
      const started = performance.now();
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      try {
        const result = await next(args);
        const meta = result.output?.$metadata;
        listener?.({
          region,
          service,
          operation,
          status: meta?.httpStatusCode ?? 200,
          attempts: meta?.attempts,
          durationMs: Math.round(performance.now() - started),
        });
        return result;
      } catch (err) {
        const e = err as MetadataCarrier & { $mrrctlOrigin?: AwsCallOrigin };
        if (e && typeof e === 'object' && !e.$mrrctlOrigin) e.$mrrctlOrigin = { region, service, operation };
        listener?.({
          region,
          service,
          operation,
          status: e.$metadata?.httpStatusCode ?? 'ERR',
          error: e.name ?? 'Error',
          attempts: e.$metadata?.attempts,
          durationMs: Math.round(performance.now() - started),
        });
        throw err;
      }
    };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'mrrctlCallLogger', priority: 'high' });
}

export function formatCallRecord(r: AwsCallRecord): string {
  const outcome = r.error ? `${r.status} ${r.error}` : String(r.status);
  const attempts = r.attempts && r.attempts > 1 ? ` attempts=${r.attempts}` : '';
  return `aws ${r.region} ${r.service} ${r.operation} ${outcome} ${r.durationMs}ms${attempts}`;
}
