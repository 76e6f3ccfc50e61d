/**
 * The output contract: stdout carries only the result. In JSON mode that is exactly one document
 * {schemaVersion, command, ok, data, diagnostics} — errors included. Everything else goes to stderr.
 */
import type { Writable } from 'node:stream';
import type { DiagnosticCode } from '../core/codes.js';

/** The envelope's version: bumped on a breaking change to any command's JSON (docs/cli.md, "JSON schemaVersion policy"). */
export const SCHEMA_VERSION = 2;

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

/** What a command hands back to main(): data for JSON, lines for humans, and its exit code. */
export interface CommandResult<T = unknown> {
  command: string;
  ok: boolean;
  data: T;
  diagnostics: Diagnostic[];
  /** Lines printed on stdout in text mode. */
  text: string[];
  /** Defaults to 0 when ok, 1 otherwise. */
  exitCode?: number;
}

export interface JsonEnvelope<T = unknown> {
  schemaVersion: number;
  command: string;
  ok: boolean;
  data: T;
  diagnostics: Diagnostic[];
}

export function envelope<T>(result: Pick<CommandResult<T>, 'command' | 'ok' | 'data' | 'diagnostics'>): JsonEnvelope<T> {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: result.command,
    ok: result.ok,
    data: result.data,
    diagnostics: result.diagnostics,
  };
}

export function writeJson(stream: Writable, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLines(stream: Writable, lines: string[]): void {
  if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
}

/** Diagnostics other than the result go to stderr in text mode, one per line. */
export function diagnosticLine(d: Diagnostic): string {
  return `${d.severity}: ${d.message} [${d.code}]`;
}
