/**
 * Which config keys look like they hold a secret, so their values are never echoed back. A plain
 * word list misses the typo an operator actually makes (`clientSecert`, `pasword`, `api_kee`), so
 * each secret word also matches, anywhere inside the key, as an anagram (a transposition) or with one
 * letter added, dropped or changed. The known keys of the schema never match (a test checks it).
 */

/** Compared after lower-casing and dropping everything but letters: `api_key` → `apikey`. */
const SECRET_WORDS = ['secret', 'password', 'passwd', 'passphrase', 'token', 'credential', 'apikey', 'privatekey', 'accesskey', 'authorization'];
/** Short words match only exactly (or as the end of the key): one edit away is too many innocent keys. */
const EXACT_ONLY = ['pwd', 'pin', 'otp'];

function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z]/g, '');
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]);
    }
    if (best > max) return false;
    previous = current;
  }
  return previous[b.length] <= max;
}

const sorted = (s: string) => [...s].sort().join('');

/** Fuzzy matching costs per character; keys longer than any real one get the exact test only. */
const FUZZY_MAX_KEY = 64;

function containsNear(key: string, word: string): boolean {
  if (key.includes(word)) return true;
  if (key.length > FUZZY_MAX_KEY) return false;
  const letters = sorted(word);
  for (const length of [word.length - 1, word.length, word.length + 1]) {
    for (let start = 0; start + length <= key.length; start++) {
      const window = key.slice(start, start + length);
      if (length === word.length && sorted(window) === letters) return true;
      if (within(window, word, 1)) return true;
    }
  }
  return false;
}

/** True when the key's value must never be shown: `clientSecret`, `clientSecert`, `api_key`, `PASSWORD`. */
export function looksLikeSecretKey(key: string): boolean {
  const k = normalise(key);
  if (k === '') return false;
  if (EXACT_ONLY.includes(k) || k.endsWith('pwd')) return true;
  return SECRET_WORDS.some((word) => containsNear(k, word));
}

/** A line of config text that mentions a secret-looking key anywhere (`clientSecert: x`, `"token": …`). */
export function lineMentionsSecret(line: string): boolean {
  return (line.match(/[A-Za-z_][A-Za-z0-9_-]*/g) ?? []).some(looksLikeSecretKey);
}
