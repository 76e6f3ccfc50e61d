import type { JsonValue } from './types.js';

export const REDACTED = '[REDACTED]';

/**
 * Key names whose values are never written to the journal. Separators are ignored when matching, so
 * `client_secret`, `private-key` and `PrivateKey` are all caught. It errs on the side of hiding:
 * `AccessTokenValidity` or `PasswordPolicy` are redacted too, which costs a little audit detail and
 * never leaks a secret.
 */
const SECRET_KEY = /secret|password|token|authorization|credential|privatekey/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/[-_\s.]/g, ''));
}

/**
 * A JSON copy of `value` with the value of every secret-looking key replaced by "[REDACTED]",
 * at any depth. Also turns what JSON cannot hold into something readable (dates → ISO text,
 * bytes → a length, cycles → a marker), so an executor's raw SDK output is safe to journal.
 */
export function redactSecrets(value: unknown): JsonValue {
  return redact(value, new Set());
}

function redact(value: unknown, ancestors: Set<object>): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
  }
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  const object = value as object;
  if (ancestors.has(object)) return '[Circular]';
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return object.map((item) => redact(item, ancestors));
    if (object instanceof Error) {
      return { name: object.name, message: object.message };
    }
    const copy: { [key: string]: JsonValue } = {};
    for (const [key, member] of Object.entries(object)) {
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      copy[key] = isSecretKey(key) ? REDACTED : redact(member, ancestors);
    }
    return copy;
  } finally {
    ancestors.delete(object);
  }
}
