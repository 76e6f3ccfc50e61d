/**
 * The context of lazy dependencies a command receives instead of singletons (GitHub CLI's factory):
 * io, environment, clock, the parsed global flags, and — built once per command run, on first use —
 * the config, the AWS access and the read ports. The cli builds it (src/cli/context.ts); the use-cases
 * in src/app take it. Heavy modules (YAML, zod, the SDK) load only when a command asks for them.
 */
import type { AwsClients } from '../aws/clients.js';
import type { AwsTarget } from '../aws/target.js';
import type { Clock } from '../core/clock.js';
import type { LoadedConfig, Topology } from '../core/config/topology.js';
import type { GlobalFlags } from '../core/global-flags.js';
import type { HealthMetricsReader } from '../core/health/ports.js';
import type { CognitoReader } from '../core/ports/cognito.js';
import type { KmsReader } from '../core/ports/kms.js';
import type { ParityReader } from '../core/ports/parity.js';
import type { Route53Reader } from '../core/ports/route53.js';
import type { IoStreams, TerminalPolicy } from '../ui/io.js';

export interface AwsAccess {
  target: AwsTarget;
  clients: AwsClients;
}

/** Every read port a command observes through; the planners receive only these. */
export interface ReadPorts {
  cognito: CognitoReader;
  kms: KmsReader;
  route53: Route53Reader;
  parity: ParityReader;
  metrics: HealthMetricsReader;
}

export interface MainDeps {
  io: IoStreams;
  env: Record<string, string | undefined>;
  cwd: string;
  clock: Clock;
  /** Aborted on SIGINT; long waits and applies stop at the next safe point. */
  signal: AbortSignal;
  /**
   * Read ports that replace the SDK-backed ones (the one place a test swaps them; the rest still
   * talk to the endpoint). Unset in production.
   */
  ports?: Partial<ReadPorts>;
}

export interface CommandContext extends MainDeps {
  flags: GlobalFlags;
  terminal: TerminalPolicy;
  /** Writes a progress/log line to stderr (never stdout). */
  log(line: string): void;
  /** The config file with the flags applied; loaded and validated once, on first call. */
  config(): Promise<LoadedConfig>;
  /** The pool and its two Regions from config(), or a config error naming what is missing. */
  topology(): Promise<Topology>;
  /** The AWS target and clients, built once from the flags and ctx.env, on first call. */
  aws(): Promise<AwsAccess>;
  /** The read ports over aws(); each adapter (and its SDK package) loads on its first call. */
  ports: ReadPorts;
}
