/**
 * TXT record values as key=value strings, e.g. `"mrrctl-lock=1" "holder=ana@box" "reason=drill"`.
 * The lock and the failover history live in the zone as TXT records so every operator (and every
 * machine) sees them; this is their one encoding. Each string is at most 255 characters (DNS), so
 * long values are cut, never split across strings.
 */

const MAX_STRING = 255;

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The keys of `R` whose values are strings. */
type StringKeys<R> = { [K in keyof R]-?: R[K] extends string ? K : never }[keyof R] & string;

/**
 * The fields of one of mrrctl's own TXT records: the record's marker first (`<marker>=1`, the format
 * version, which readers look for), then the given string fields of `record` in order.
 */
export function markedFields<R>(marker: string, record: R, keys: ReadonlyArray<StringKeys<R>>): Array<[string, string]> {
  return [[marker, '1'], ...keys.map((key): [string, string] => [key, String(record[key])])];
}

/** `{a: '1', b: 'x y'}` → `"a=1" "b=x y"` (in the given key order). */
export function encodeTxtFields(fields: Array<[string, string]>): string {
  return fields
    .map(([key, value]) => {
      const clean = value.replace(/[\r\n\t]+/g, ' ');
      const room = MAX_STRING - key.length - 1;
      return quote(`${key}=${clean.length > room ? `${clean.slice(0, room - 1)}…` : clean}`);
    })
    .join(' ');
}

/** The character strings of a TXT value: quoted strings (with \" and \\ escapes) or bare words. */
export function decodeTxtStrings(value: string): string[] {
  const strings: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = pattern.exec(value); m !== null; m = pattern.exec(value)) {
    strings.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]);
  }
  return strings;
}

/** The key=value strings of a TXT value as a map (the first occurrence of a key wins). */
export function decodeTxtFields(value: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const s of decodeTxtStrings(value)) {
    const eq = s.indexOf('=');
    if (eq <= 0) continue;
    const key = s.slice(0, eq);
    if (!(key in fields)) fields[key] = s.slice(eq + 1);
  }
  return fields;
}

/** `auth.example.com.` → `auth.example.com` (Route 53 lists names fully qualified). */
export function bareName(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}
